# review: dict-get 6
CAPITALS = {"France": "Paris", "Japan": "Tokyo", "Kenya": "Nairobi", "Peru": "Lima"}


def capital_of(country):
    try:
        return CAPITALS[country]
    except KeyError:
        return "unknown"


for place in ["Japan", "Peru", "Atlantis"]:
    print(f"The capital of {place} is {capital_of(place)}.")
