def reverse(text):
    """Return text backwards, computed recursively."""
    if len(text) <= 1:
        return text
    return reverse(text[1:]) + text[0]
