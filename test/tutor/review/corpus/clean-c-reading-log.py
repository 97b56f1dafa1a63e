# review: clean
import json
from pathlib import Path


def load_log(path):
    """The books read so far, or an empty log the first time."""
    file = Path(path)
    if not file.exists():
        return []
    return json.loads(file.read_text(encoding="utf-8"))


def add_book(log, title, pages, rating):
    return log + [{"title": title, "pages": pages, "rating": rating}]


def favourites(log, at_least=4):
    return [book["title"] for book in log if book["rating"] >= at_least]


def long_reads(log, pages=300):
    return sum(1 for book in log if book["pages"] > pages)


log = add_book(load_log("reading-log.json"), "Dune", 412, 5)
log = add_book(log, "Matilda", 240, 4)
Path("reading-log.json").write_text(json.dumps(log, indent=2), encoding="utf-8")
print(favourites(log), long_reads(log))
