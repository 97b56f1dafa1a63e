def second_largest(numbers):
    """Return the second-largest distinct value in numbers, or None if there is none."""
    distinct = sorted(set(numbers))
    if len(distinct) < 2:
        return None
    return distinct[-2]
