def describe(n):
    """Return a sentence saying whether n is even or odd, and positive, negative or zero."""
    parity = "even" if n % 2 == 0 else "odd"
    if n > 0:
        sign = "positive"
    elif n < 0:
        sign = "negative"
    else:
        sign = "zero"
    return f"{n} is {parity} and {sign}"
