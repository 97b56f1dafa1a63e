def same_items(first, second):
    """Return True if the two lists hold the same things, ignoring order and repeats."""
    return set(first) == set(second)
