def clamp(value, low=0, high=100):
    """Return value limited to the range low..high; raise ValueError if low > high."""
    if low > high:
        raise ValueError("low must not be greater than high")
    if value < low:
        return low
    if value > high:
        return high
    return value
