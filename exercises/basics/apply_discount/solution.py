def apply_discount(price, percent=10):
    """Return price reduced by percent percent (10 by default), rounded to 2 decimal places.

    Raise ValueError if percent is below 0 or above 100.
    """
    if percent < 0 or percent > 100:
        raise ValueError("percent must be between 0 and 100, got %r" % (percent,))
    return round(price * (100 - percent) / 100, 2)
