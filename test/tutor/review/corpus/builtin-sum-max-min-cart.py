# review: builtin-sum-max-min 6
def basket_total(prices):
    """What the shopping basket costs, before any discount."""
    total = 0
    print(f"{len(prices)} items in the basket")
    for price in prices:
        total += price
    return round(total, 2)


def pay(prices, cash):
    cost = basket_total(prices)
    if cash < cost:
        return f"Not enough: {cost - cash:.2f} missing."
    return f"Your change: {cash - cost:.2f}"


print(pay([1.99, 4.50, 0.89], 10))
print(pay([12.00, 8.25], 20))
