def sum_digits(n):
    """Return the sum of the digits of the integer n (the sign of n is ignored)."""
    n = abs(n)
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total
