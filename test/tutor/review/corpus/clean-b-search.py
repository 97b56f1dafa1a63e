# review: clean
def position_of(items, wanted):
    """Where `wanted` first appears, or -1 when it doesn't."""
    for index, item in enumerate(items):
        if item == wanted:
            return index
    return -1


def find_book(shelf, title):
    """The first book whose title matches, ignoring case."""
    for book in shelf:
        if book["title"].lower() == title.lower():
            return book
    return None


def best_player(scores):
    """The name and score of the highest scorer."""
    best_name, best_score = None, None
    for name, score in scores.items():
        if best_score is None or score > best_score:
            best_name, best_score = name, score
    return best_name, best_score


shelf = [{"title": "Emma", "author": "Austen"}, {"title": "Ulysses", "author": "Joyce"}]
print(position_of(["red", "green", "blue"], "blue"))
print(find_book(shelf, "emma"))
print(best_player({"Kim": 31, "Lou": 45, "Max": 38}))
