# review: clean
def raise_prices(prices, percent):
    factor = 1 + percent / 100
    for i in range(len(prices)):
        prices[i] = round(prices[i] * factor, 2)


menu_prices = [3.5, 4.25, 2.0, 6.75]
raise_prices(menu_prices, 10)
print(f"New menu prices: {menu_prices}")
