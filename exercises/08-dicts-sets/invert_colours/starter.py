def by_colour(favourites):
    """Return a dict from each colour to the alphabetical list of people who chose it."""
    result = {}
    for person, colour in favourites.items():
        result[colour].append(person)
    return result
