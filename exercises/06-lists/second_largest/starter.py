def second_largest(numbers):
    """Return the second-largest distinct value in numbers, or None if there is none."""
    ordered = numbers.sort()
    return ordered[-2]
