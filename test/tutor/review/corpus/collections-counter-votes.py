# review: collections-counter 5
def tally(votes):
    """Return a dictionary of candidate -> number of votes."""
    results = dict()
    for vote in votes:
        results[vote] = results.get(vote, 0) + 1
    return results


ballots = ["Ana", "Ben", "Ana", "Chloe", "Ana", "Ben"]
scores = tally(ballots)
print(max(scores, key=scores.get), "wins with", max(scores.values()), "votes")
