def min_max(numbers):
    """Return (smallest, largest) of numbers, or (None, None) for an empty list."""
    if not numbers:
        return None, None
    smallest = largest = numbers[0]
    for n in numbers:
        if n < smallest:
            smallest = n
        if n > largest:
            largest = n
    return smallest, largest
