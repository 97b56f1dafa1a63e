def factorial(n):
    """Return n! (the product 1 * 2 * ... * n; 0! is 1), computed recursively."""
    if n == 0:
        return 1
    return n * factorial(n - 1)
