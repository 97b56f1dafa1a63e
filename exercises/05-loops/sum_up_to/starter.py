def sum_up_to(n):
    """Return 1 + 2 + ... + n (0 when n is 0)."""
    for i in range(1, n):
        total = 0
        total = total + i
    return total
