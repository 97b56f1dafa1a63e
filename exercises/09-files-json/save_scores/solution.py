import json


def save_scores(path, scores):
    """Write the scores dict to the file at path as JSON."""
    with open(path, "w") as file:
        json.dump(scores, file)


def load_scores(path):
    """Return the scores dict stored as JSON in the file at path."""
    with open(path) as file:
        return json.load(file)
