def min_max(numbers):
    """Return (smallest, largest) of numbers, or (None, None) for an empty list."""
    smallest = numbers[0]
    largest = numbers[0]
    for n in numbers:
        if n < smallest:
            smallest = n
        if n > largest:
            largest = n
    print(smallest, largest)
