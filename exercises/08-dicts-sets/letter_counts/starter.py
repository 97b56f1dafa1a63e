def letter_counts(text):
    """Return a dict mapping each lower-case letter of text to how many times it appears."""
    counts = {}
    for char in text:
        counts[char] += 1
    return counts
