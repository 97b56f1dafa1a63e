# review: mutable-default-argument 2
def add_to_cart(item, cart=[]):
    cart.append(item)
    return cart


add_to_cart("apples")
add_to_cart("cheese")
my_cart = add_to_cart("bread")
print(f"Cart: {my_cart}")
