# review: magic-number 8
import random


def play(secret, guesses):
    """Let the player guess until they find the secret number; return how many tries were left."""
    tries = 0
    while tries < 5:
        guess = guesses[tries]
        tries += 1
        if guess == secret:
            return 5 - tries
    return 0


rng = random.Random(3)
secret = rng.randint(1, 20)
print(play(secret, [10, 15, secret, 4, 9]))
