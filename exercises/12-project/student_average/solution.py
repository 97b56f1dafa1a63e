def student_average(book, name):
    """Return the average of name's scores rounded to 1 decimal place, or None if there are none."""
    scores = book.get(name, [])
    if not scores:
        return None
    return round(sum(scores) / len(scores), 1)
