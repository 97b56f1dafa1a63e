def to_binary(n):
    """Return the binary digits of n (a whole number, 0 or more) as a string."""
    # This gives only the last binary digit. Put the digits of n // 2 in front of it, recursively.
    return str(n % 2)
