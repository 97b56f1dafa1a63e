def count_digits(n):
    """Return how many digits the integer n has (0 has one digit; the sign is not a digit)."""
    count = 0
    while n != 0:
        n = n // 10
        count += 1
    return count
