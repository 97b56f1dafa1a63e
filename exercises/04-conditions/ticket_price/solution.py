def ticket_price(age):
    """Return the ticket price for a visitor of the given age."""
    if age < 4:
        return 0
    if age < 12:
        return 5
    if age < 65:
        return 9
    return 6
