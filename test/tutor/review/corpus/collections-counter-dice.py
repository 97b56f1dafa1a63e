# review: collections-counter 11
import random

SIDES = 6


def roll_many(times, seed=1):
    """Roll two dice `times` times and return how often each total came up."""
    rng = random.Random(seed)
    seen = {}
    for _ in range(times):
        total = rng.randint(1, SIDES) + rng.randint(1, SIDES)
        if total not in seen:
            seen[total] = 0
        seen[total] = seen[total] + 1
    return seen


for total, count in sorted(roll_many(600).items()):
    print(total, count)
