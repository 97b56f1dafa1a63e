# review: clean
def ways_to_climb(steps, memo=None):
    """Return how many ways there are to climb `steps` stairs taking one or two at a time."""
    if memo is None:
        memo = {}
    if steps <= 1:
        return 1
    if steps in memo:
        return memo[steps]
    memo[steps] = ways_to_climb(steps - 1, memo) + ways_to_climb(steps - 2, memo)
    return memo[steps]


def parse_age(text):
    """Return the age typed in text, or None when it is not a whole number."""
    try:
        age = int(text)
    except ValueError:
        age = None
    return age


def stock_of(item, stock):
    """Return the stock of item, telling the shop when an item it never sold is asked for."""
    if item in stock:
        quantity = stock[item]
    else:
        print(f"we have never sold {item}")
        quantity = 0
    return quantity


print(ways_to_climb(10))
print(parse_age("42"), parse_age("forty"))
print(stock_of("pears", {"apples": 3}))
