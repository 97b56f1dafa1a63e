def average_length(words):
    """Return the average length of the words, rounded to 2 decimal places (0.0 for no words)."""
    if not words:
        return 0.0
    total = 0
    for word in words:
        total += len(word)
    return round(total / len(words), 2)
