def to_fahrenheit(celsius):
    """Return the temperature `celsius` in degrees Fahrenheit, rounded to one decimal place."""
    return celsius * 9 / 5
