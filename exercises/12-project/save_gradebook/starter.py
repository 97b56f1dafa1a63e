def save_book(path, book):
    """Write book (name -> list of scores) to the file at path as JSON."""
    with open(path, "w") as file:
        for name, scores in book.items():
            file.write(name + ":" + ",".join(str(s) for s in scores) + "\n")


def load_book(path):
    """Return the book stored as JSON at path, or {} if the file does not exist."""
    book = {}
    with open(path) as file:
        for line in file:
            name, scores = line.strip().split(":")
            book[name] = scores.split(",")
    return book
