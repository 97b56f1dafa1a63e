def add_to_cart(item, cart=None):
    """Append item to cart and return the cart; with no cart given, start a new empty one."""
    if cart is None:
        cart = []
    cart.append(item)
    return cart
