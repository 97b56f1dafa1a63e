def running_total(numbers):
    """Return a new list where item i is the sum of numbers[0] through numbers[i]."""
    result = []
    total = 0
    for number in numbers:
        total += number
        result.append(total)
    return result
