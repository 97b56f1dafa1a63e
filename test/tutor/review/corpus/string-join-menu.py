# review: string-join 5
def menu_card(dishes):
    """Return the menu as text, one dish and its price per line."""
    card = ""
    for dish, price in dishes:
        if price > 0:
            card += f"{dish} ... £{price:.2f}\n"
    return card


print(menu_card([("Soup", 4.5), ("Pie", 9.25), ("Water", 0)]), end="")
