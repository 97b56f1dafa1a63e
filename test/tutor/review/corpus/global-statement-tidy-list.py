# review: global-statement 6
shopping = ["  Eggs", "milk ", "eggs", "Bread", "MILK"]


def tidy_shopping_list(items):
    global shopping
    shopping = sorted({item.strip().lower() for item in items})


tidy_shopping_list(shopping)
print(", ".join(shopping))
