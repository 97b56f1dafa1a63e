def unique_words(text):
    """Return the distinct words of text, in lower case, sorted alphabetically."""
    return sorted(set(text.lower().split()))
