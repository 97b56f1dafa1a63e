def countdown(n):
    """Return the list [n, n-1, ..., 1] (empty for 0), built recursively."""
    if n <= 0:
        return []
    return [n] + countdown(n - 1)
