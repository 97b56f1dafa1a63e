def ticket_price(age):
    """Return the ticket price for a visitor of the given age."""
    if age < 4:
        return 0
    elif age < 11:
        return 5
    elif age < 65:
        return 9
