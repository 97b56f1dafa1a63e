def count_digits(n):
    """Return how many digits the integer n has (0 has one digit; the sign is not a digit)."""
    n = abs(n)
    count = 1
    while n >= 10:
        n //= 10
        count += 1
    return count
