# review: json-serialization 7
SCORES_FILE = "/tmp/high_scores.txt"


def save_scores(scores):
    with open(SCORES_FILE, "w") as f:
        f.write(str(scores))


def load_scores():
    with open(SCORES_FILE) as f:
        return eval(f.read())


high_scores = {"ana": 120, "ben": 95, "cara": 143}
save_scores(high_scores)
for player, points in load_scores().items():
    print(f"{player}: {points} points")
