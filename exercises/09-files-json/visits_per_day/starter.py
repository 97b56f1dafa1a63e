import json


def busiest_day(json_text):
    """Return the day number (an int) with the most visits in the JSON text, the earliest on a tie, or None."""
    visits = json.loads(json_text)
    best = None
    for day in visits:
        if best is None or visits[day] > visits[best]:
            best = day
    return best
