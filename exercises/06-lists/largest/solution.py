def largest(numbers):
    """Return the largest number in numbers, or None if the list is empty."""
    if not numbers:
        return None
    biggest = numbers[0]
    for n in numbers[1:]:
        if n > biggest:
            biggest = n
    return biggest
