def chunks(items, size):
    """Return items cut into consecutive lists of `size` items (the last may be shorter)."""
    groups = []
    for start in range(0, len(items) - size, size):
        groups.append(items[start:start + size])
    return groups
