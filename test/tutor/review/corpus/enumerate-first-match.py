# review: enumerate 4
def first_starting_with(words, letter):
    """Return the position of the first word that starts with letter, or -1 if there is none."""
    for i in range(len(words)):
        if words[i].lower().startswith(letter.lower()):
            return i
    return -1


shopping = ["bread", "Milk", "apples", "mangoes"]
print(first_starting_with(shopping, "m"))
print(first_starting_with(shopping, "z"))
