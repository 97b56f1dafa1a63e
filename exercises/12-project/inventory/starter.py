def fill_orders(stock, orders):
    """Fill the orders that stock allows (in order), remove sold-out products, return the refused orders."""
    refused = []
    for product, quantity in orders:
        stock[product] -= quantity
    for product in stock:
        if stock[product] == 0:
            del stock[product]
    return refused
