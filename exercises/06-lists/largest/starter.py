def largest(numbers):
    """Return the largest number in numbers, or None if the list is empty."""
    max = 0
    for n in numbers:
        if n > max:
            max = n
    return max
