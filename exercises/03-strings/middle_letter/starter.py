def middle(word):
    """Return the middle character of word, or the middle two characters if its length is even."""
    return word[len(word) / 2]
