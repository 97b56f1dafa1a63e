# review: clean
PRICE_RISE = 1.05


def raise_prices(prices):
    """Raise every price in the list by 5%, in place, rounded to whole pence."""
    for i in range(len(prices)):
        prices[i] = round(prices[i] * PRICE_RISE)


def daily_changes(readings):
    """Return how much each reading differs from the one before it."""
    return [later - earlier for earlier, later in zip(readings, readings[1:])]


def label_rows(rows):
    """Return 'row 1: ...' labels for the rows of a seating plan."""
    return [f"row {number}: {', '.join(row)}" for number, row in enumerate(rows, start=1)]


menu = [250, 399, 120]
raise_prices(menu)
print(menu)
print(daily_changes([12, 15, 11, 18]))
print(label_rows([["Ann", "Bo"], ["Cy", "Di", "Ed"]]))
