# review: compare-to-bool 9
import random


def play(rounds, seed):
    """Roll a die until a six comes up or the rounds run out."""
    rng = random.Random(seed)
    finished = False
    while finished == False and rounds > 0:
        roll = rng.randint(1, 6)
        print(f"You rolled {roll}")
        finished = roll == 6
        rounds -= 1
    return finished


print(play(5, 42))
