# review: string-join 5
def shopping_line(items):
    """Return the items as one line, separated by commas: 'eggs, flour, sugar'."""
    line = ""
    for item in items:
        if line:
            line += ", "
        line += item
    return line


print(shopping_line(["eggs", "flour", "sugar"]))
print(shopping_line([]))
