def to_binary(n):
    """Return the binary digits of n (a whole number, 0 or more) as a string."""
    if n < 2:
        return str(n)
    return to_binary(n // 2) + str(n % 2)
