# review: collections-counter 5
def initials_in_class(names):
    """Return how many pupils' first names start with each letter (only letters that occur)."""
    by_letter = {}
    for name in names:
        letter = name[0].upper()
        if letter not in by_letter:
            by_letter[letter] = 1
        else:
            by_letter[letter] += 1
    return by_letter


pupils = ["amir", "Bea", "Alex", "bruno", "Cleo", "Aiko"]
print(initials_in_class(pupils))
