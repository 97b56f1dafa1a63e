def remove_sold_out(stock):
    """Remove the products with 0 left from stock; return their names in alphabetical order."""
    removed = []
    for product in list(stock):
        if stock[product] == 0:
            del stock[product]
            removed.append(product)
    return sorted(removed)
