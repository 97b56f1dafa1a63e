def add_up(numbers):
    """Return the sum of numbers, computed recursively."""
    if not numbers:
        return 0
    return numbers[0] + add_up(numbers[1:])
