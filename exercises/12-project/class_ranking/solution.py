def ranking(book):
    """Return the names in book from highest to lowest average score (ties by name; no scores: left out)."""
    averages = {name: sum(scores) / len(scores) for name, scores in book.items() if scores}
    return sorted(averages, key=lambda name: (-averages[name], name))
