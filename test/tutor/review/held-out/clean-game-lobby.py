# review: clean
MAX_PLAYERS = 4


def first_game(queue):
    return queue[:MAX_PLAYERS]


def still_waiting(queue):
    return queue[MAX_PLAYERS:]


lobby = ["Kim", "Raj", "Ola", "Tess", "Ugo", "Vi"]
print(f"Playing now: {', '.join(first_game(lobby))}")
print(f"Next round: {', '.join(still_waiting(lobby))}")
