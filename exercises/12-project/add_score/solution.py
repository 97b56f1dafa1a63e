def add_score(book, name, score):
    """Append score (0 to 100) to name's list in book, creating it if needed; return book."""
    if score < 0 or score > 100:
        raise ValueError(f"a score must be between 0 and 100, not {score}")
    book.setdefault(name, []).append(score)
    return book
