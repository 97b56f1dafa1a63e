# review: uses-json 7 uses-with 6
import json


def save_high_scores(path, scores):
    with open(path, "w") as file:
        json.dump(scores, file, indent=2)


def best_player(path):
    with open(path) as file:
        scores = json.load(file)
    return max(scores, key=scores.get)


save_high_scores("high_scores.json", {"ana": 120, "ben": 95, "cai": 140})
print(best_player("high_scores.json"))
