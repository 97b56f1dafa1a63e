def describe(n):
    """Return a sentence saying whether n is even or odd, and positive, negative or zero."""
    if n % 2 == 0:
        parity = "even"
    else:
        parity = "odd"
    print(n, "is", parity)
