def reverse(text):
    """Return text backwards, computed recursively."""
    return reverse(text[1:]) + text[0]
