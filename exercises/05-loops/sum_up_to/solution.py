def sum_up_to(n):
    """Return 1 + 2 + ... + n (0 when n is 0)."""
    total = 0
    for i in range(1, n + 1):
        total += i
    return total
