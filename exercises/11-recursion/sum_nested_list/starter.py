def add_up(numbers):
    """Return the sum of numbers, computed recursively."""
    # Base case: what is the total of an empty list?
    # Recursive case: the first number plus the total of the rest of the list.
    pass
