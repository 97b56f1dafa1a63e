def sum_digits(n):
    """Return the sum of the digits of the integer n (the sign of n is ignored)."""
    total = 0
    # Your loop goes here.
    return total
