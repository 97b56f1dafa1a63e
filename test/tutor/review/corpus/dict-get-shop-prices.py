# review: dict-get 9
PRICES = {"apple": 30, "banana": 25, "bread": 120, "milk": 95}


def basket_total(items):
    """Return the total price in pence of the items; anything the shop doesn't sell costs nothing."""
    total = 0
    for item in items:
        if item in PRICES:
            price = PRICES[item]
        else:
            price = 0
        total += price
    return total


print(basket_total(["apple", "milk", "caviar", "apple"]))
