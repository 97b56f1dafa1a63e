import json


def save_guests(path, guests):
    """Write the list of guest dictionaries to the file at path."""
    with open(path, "w") as file:
        json.dump(guests, file)


def load_guests(path):
    """Return the list of guest dictionaries saved in the file at path."""
    with open(path) as file:
        return json.load(file)
