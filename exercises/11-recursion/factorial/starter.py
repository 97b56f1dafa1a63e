def factorial(n):
    """Return n! (the product 1 * 2 * ... * n; 0! is 1), computed recursively."""
    return n * factorial(n - 1)
