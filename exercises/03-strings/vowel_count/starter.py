def count_vowels(text):
    """Return how many of the characters of text are vowels (a, e, i, o, u, in either case)."""
    count = 0
    for letter in text:
        if letter in "aeiou":
            count = 1
    return count
