# review: clean
import random

ticks = 0
listeners = []


def on_tick():
    """Called by the clock on every tick: counts them."""
    global ticks
    ticks += 1


def subscribe(listener):
    listeners.append(listener)


def run_clock(seconds):
    for _ in range(seconds):
        for listener in listeners:
            listener()


def team_sizes(players, rng):
    """Split the players into teams of three; a short last team is fine."""
    shuffled = players[:]
    rng.shuffle(shuffled)
    return [len(shuffled[i:i + 3]) for i in range(0, len(shuffled), 3)]


def is_triangle(a, b, c):
    return a + b > c and a + c > b and b + c > a


subscribe(on_tick)
run_clock(5)
print(ticks, team_sizes(list("ABCDEFGH"), random.Random(1)), is_triangle(3, 4, 5))
