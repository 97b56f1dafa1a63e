def rotate(players, steps):
    """Return players rotated left by steps places (steps may exceed the length)."""
    return players[steps:] + players[:steps]
