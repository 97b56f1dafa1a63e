# review: json-serialization 5
def log_book(path, title, author, pages):
    """Add one finished book to the reading log at path."""
    with open(path, "a") as log:
        line = f"{title};{author};{pages}"
        log.write(line + "\n")


def pages_read(path):
    """Return how many pages the log at path adds up to."""
    total = 0
    with open(path) as log:
        for line in log:
            total += int(line.rstrip("\n").rsplit(";", 1)[1])
    return total


log_book("reading.txt", "Dune", "Frank Herbert", 412)
log_book("reading.txt", "Matilda", "Roald Dahl", 240)
print(pages_read("reading.txt"))
