# review: global-statement 7
PRICES = {"bread": 1.20, "milk": 0.95, "cheese": 3.50}
total = 0


def add_to_basket(item, quantity):
    global total
    total += PRICES[item] * quantity


add_to_basket("bread", 2)
add_to_basket("cheese", 1)
print(f"To pay: {total:.2f}")
