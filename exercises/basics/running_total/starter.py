def running_total(numbers):
    """Return a new list where item i is the sum of numbers[0] through numbers[i]."""
    result = []
    # Fill result here.
    return result
