# review: string-join 4
def shopping_text(items):
    text = ""
    for item in items:
        text += f"{item}, "
    return text[:-2]


basket = ["eggs", "flour", "milk", "butter"]
print(f"Don't forget: {shopping_text(basket)}")
