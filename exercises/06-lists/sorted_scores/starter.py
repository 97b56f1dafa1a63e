def top_scores(scores, how_many):
    """Return a new list of the how_many highest scores, highest first."""
    best = scores.sort(reverse=True)
    return best
