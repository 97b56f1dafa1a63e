def fill_orders(stock, orders):
    """Fill the orders that stock allows (in order), remove sold-out products, return the refused orders."""
    refused = []
    for order in orders:
        product, quantity = order
        if stock.get(product, 0) >= quantity:
            stock[product] -= quantity
        else:
            refused.append(order)
    for product in list(stock):
        if stock[product] == 0:
            del stock[product]
    return refused
