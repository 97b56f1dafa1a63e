# review: comprehension 5
def winners(results, target):
    """Return the names (with a capital letter) of the players who scored more than target."""
    names = []
    for player, score in results.items():
        if score > target:
            names.append(player.title())
    return names


league = {"zoe": 14, "omar": 9, "lin": 21, "kai": 11}
print(winners(league, 10))
