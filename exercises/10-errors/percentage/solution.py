def percentage(part, whole):
    """Return part as a percentage of whole, rounded to 1 decimal place, or None if whole is 0."""
    try:
        return round(part / whole * 100, 1)
    except ZeroDivisionError:
        return None
