def apply_discount(price, percent=10):
    """Return price reduced by percent percent (10 by default), rounded to 2 decimal places.

    Raise ValueError if percent is below 0 or above 100.
    """
    pass
