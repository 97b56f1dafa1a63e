def first_item(items, default=None):
    """Return the first item of items, or default if items is empty."""
    return items[0]
