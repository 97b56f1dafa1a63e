def power(base, exponent):
    """Return base raised to the whole-number exponent (0 or more), recursively, without **."""
    if exponent == 0:
        return 1
    if exponent % 2 == 0:
        half = power(base, exponent // 2)
        return half * half
    return base * power(base, exponent - 1)
