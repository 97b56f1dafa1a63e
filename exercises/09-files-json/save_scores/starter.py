def save_scores(path, scores):
    """Write the scores dict to the file at path as JSON."""
    with open(path, "w") as file:
        for name, score in scores.items():
            file.write(name + "," + str(score) + "\n")


def load_scores(path):
    """Return the scores dict stored as JSON in the file at path."""
    scores = {}
    with open(path) as file:
        for line in file:
            name, score = line.strip().split(",")
            scores[name] = score
    return scores
