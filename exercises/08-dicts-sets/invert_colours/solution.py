def by_colour(favourites):
    """Return a dict from each colour to the alphabetical list of people who chose it."""
    result = {}
    for person, colour in favourites.items():
        if colour not in result:
            result[colour] = []
        result[colour].append(person)
    for colour in result:
        result[colour] = sorted(result[colour])
    return result
