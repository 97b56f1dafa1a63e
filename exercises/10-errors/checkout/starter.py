def checkout(prices, basket):
    """Return the total price of basket; raise ValueError naming any product not in prices."""
    total = 0
    for product in basket:
        total += prices[product]
    return total
