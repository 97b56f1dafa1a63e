def without_negatives(readings):
    """Return a new list of the readings that are zero or more, in their original order."""
    kept = []
    for r in readings:
        if r >= 0:
            kept.append(r)
    return kept
