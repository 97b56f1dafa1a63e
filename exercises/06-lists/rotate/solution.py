def rotate(players, steps):
    """Return players rotated left by steps places (steps may exceed the length)."""
    if not players:
        return []
    steps = steps % len(players)
    return players[steps:] + players[:steps]
