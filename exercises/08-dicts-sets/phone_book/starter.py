def lookup(book, name):
    """Return the phone number for name (ignoring case and outer spaces), or "not found"."""
    return book[name]
