# review: dict-get 6
COLOURS = {"banana": "yellow", "cherry": "red", "lime": "green"}


def describe(fruit):
    colour = COLOURS[fruit] if fruit in COLOURS else "a mystery colour"
    return f"A {fruit} is {colour}."


print(describe("cherry"))
print(describe("durian"))
