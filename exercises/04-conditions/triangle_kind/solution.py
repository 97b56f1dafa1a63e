def triangle_kind(a, b, c):
    """Return "equilateral", "isosceles", "scalene" or "impossible" for sides a, b and c."""
    longest = max(a, b, c)
    if min(a, b, c) <= 0 or a + b + c - longest <= longest:
        return "impossible"
    if a == b == c:
        return "equilateral"
    if a == b or b == c or a == c:
        return "isosceles"
    return "scalene"
