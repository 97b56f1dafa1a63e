def safe_int(text, default=0):
    """Return text as an int, or default if text is not a whole number."""
    return int(text)
