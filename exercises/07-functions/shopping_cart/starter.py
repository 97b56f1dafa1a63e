def add_to_cart(item, cart=[]):
    """Append item to cart and return the cart; with no cart given, start a new empty one."""
    cart.append(item)
    return cart
