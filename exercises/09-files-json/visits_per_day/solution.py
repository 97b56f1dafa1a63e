import json


def busiest_day(json_text):
    """Return the day number (an int) with the most visits in the JSON text, the earliest on a tie, or None."""
    visits = {int(day): count for day, count in json.loads(json_text).items()}
    best = None
    for day in sorted(visits):
        if best is None or visits[day] > visits[best]:
            best = day
    return best
