# review: builtin-sum-max-min 10
import math

FLIGHTS = {"Monday": 129.0, "Wednesday": 89.5, "Friday": 149.0, "Sunday": 99.0}


def cheapest_fare(fares):
    """The lowest fare on offer."""
    lowest = math.inf
    for fare in fares:
        lowest = min(lowest, fare)
    return lowest


best = cheapest_fare(FLIGHTS.values())
days = [day for day, fare in FLIGHTS.items() if fare == best]
print(f"Cheapest: {best} EUR on {', '.join(days)}")
