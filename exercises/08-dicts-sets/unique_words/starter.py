def unique_words(text):
    """Return the distinct words of text, in lower case, sorted alphabetically."""
    words = set(text.split())
    return list(words).sort()
