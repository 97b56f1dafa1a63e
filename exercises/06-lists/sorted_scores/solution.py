def top_scores(scores, how_many):
    """Return a new list of the how_many highest scores, highest first."""
    return sorted(scores, reverse=True)[:how_many]
