def is_leap_year(year):
    """Return True if year is a leap year in the Gregorian calendar."""
    if year % 4 == 0:
        return True
    return False
