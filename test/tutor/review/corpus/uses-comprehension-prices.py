# review: uses-comprehension 4
def in_euros(prices_in_pounds, rate):
    """The same price list with every price converted and rounded to cents."""
    return {item: round(price * rate, 2) for item, price in prices_in_pounds.items()}


print(in_euros({"tea": 3.20, "scone": 2.75}, 1.17))
