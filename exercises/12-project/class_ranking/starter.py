def ranking(book):
    """Return the names in book from highest to lowest average score (ties by name; no scores: left out)."""
    names = list(book)
    return names.sort()
