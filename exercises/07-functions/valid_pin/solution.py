def is_valid_pin(pin):
    """Return True if pin is 4 or 6 digits and not one digit repeated."""
    if len(pin) not in (4, 6):
        return False
    if not pin.isdigit():
        return False
    if len(set(pin)) == 1:
        return False
    return True
