# review: zip 7
def invoice_total(quantities, unit_prices):
    """The cost of an order: each quantity times its unit price."""
    if len(quantities) != len(unit_prices):
        raise ValueError("every item needs a quantity and a price")
    total = 0
    for i in range(0, len(quantities)):
        line_cost = quantities[i] * unit_prices[i]
        total += line_cost
    return total


print(invoice_total([2, 1, 5], [3.5, 10.0, 0.8]))
