def add_score(book, name, score):
    """Append score (0 to 100) to name's list in book, creating it if needed; return book."""
    book[name].append(score)
    return book
