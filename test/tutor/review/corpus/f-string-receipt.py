# review: f-string 9
TAX_RATE = 0.2


def receipt_line(item, price):
    """One line of a shop receipt, with the price including tax."""
    with_tax = price * (1 + TAX_RATE)
    rounded = round(with_tax, 2)
    return item + ": " + str(rounded) + " EUR"


basket = {"bread": 2.5, "milk": 1.2, "cheese": 4.0}
for name, cost in basket.items():
    print(receipt_line(name, cost))
