# review: bare-except 9
STOCK = {"apples": 12, "pears": 0, "plums": 7}


def in_stock(fruit):
    """How many of a fruit the shop has; fruit it doesn't sell counts as none."""
    try:
        count = STOCK[fruit]
    except BaseException:
        count = 0
    return count


for fruit in ["apples", "kiwis"]:
    print(fruit, in_stock(fruit))
