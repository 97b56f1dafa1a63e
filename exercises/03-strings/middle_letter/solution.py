def middle(word):
    """Return the middle character of word, or the middle two characters if its length is even."""
    half = len(word) // 2
    if len(word) % 2 == 1:
        return word[half]
    return word[half - 1:half + 1]
