import json


def save_book(path, book):
    """Write book (name -> list of scores) to the file at path as JSON."""
    with open(path, "w") as file:
        json.dump(book, file)


def load_book(path):
    """Return the book stored as JSON at path, or {} if the file does not exist."""
    try:
        with open(path) as file:
            return json.load(file)
    except FileNotFoundError:
        return {}
