# review: builtin-sum-max-min 4
def basket_total(prices):
    total = 0
    for price in prices:
        total = total + price
    return total


todays_prices = [2.49, 0.99, 5.25, 3.10]
print(f"Your basket costs {basket_total(todays_prices):.2f} euros")
