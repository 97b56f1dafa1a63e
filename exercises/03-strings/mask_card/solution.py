def mask(number):
    """Return number with every character but the last four replaced by #."""
    if len(number) <= 4:
        return number
    return "#" * (len(number) - 4) + number[-4:]
