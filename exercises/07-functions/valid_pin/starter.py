def is_valid_pin(pin):
    """Return True if pin is 4 or 6 digits and not one digit repeated."""
    if len(pin) == 4 or len(pin) == 6:
        return True
    return False
