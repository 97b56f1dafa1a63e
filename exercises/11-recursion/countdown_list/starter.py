def countdown(n):
    """Return the list [n, n-1, ..., 1] (empty for 0), built recursively."""
    return [n] + countdown(n - 1)
