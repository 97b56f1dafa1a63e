# review: global-statement 11
import random

lives = 3
score = 0


def play_round(rng):
    """One round: a roll of 4 or more scores a point, anything lower costs a life."""
    roll = rng.randint(1, 6)
    global score, lives
    if roll >= 4:
        score += 1
    else:
        lives -= 1


rng = random.Random(7)
while lives > 0:
    play_round(rng)
print(f"Game over with {score} points")
