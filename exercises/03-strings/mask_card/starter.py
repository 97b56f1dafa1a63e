def mask(number):
    """Return number with every character but the last four replaced by #."""
    for i in range(len(number) - 4):
        number[i] = "#"
    return number
