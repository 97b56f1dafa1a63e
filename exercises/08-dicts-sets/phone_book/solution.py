def lookup(book, name):
    """Return the phone number for name (ignoring case and outer spaces), or "not found"."""
    wanted = name.strip().lower()
    for person, number in book.items():
        if person.lower() == wanted:
            return number
    return "not found"
