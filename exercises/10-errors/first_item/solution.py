def first_item(items, default=None):
    """Return the first item of items, or default if items is empty."""
    if len(items) == 0:
        return default
    return items[0]
