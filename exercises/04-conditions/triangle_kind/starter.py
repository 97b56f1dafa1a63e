def triangle_kind(a, b, c):
    """Return "equilateral", "isosceles", "scalene" or "impossible" for sides a, b and c."""
    if a == b or b == c or a == c:
        return "isosceles"
    return "scalene"
