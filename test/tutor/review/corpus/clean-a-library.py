# review: clean
from collections import Counter, defaultdict


def loans_per_member(loans):
    """Return how many books each member has borrowed; loans is a list of (member, title) pairs."""
    return Counter(member for member, _title in loans)


def titles_by_member(loans):
    """Group the titles each member borrowed, in the order they borrowed them."""
    grouped = defaultdict(list)
    for member, title in loans:
        grouped[member].append(title)
    return dict(grouped)


def pages_by_genre(books):
    """Add up the pages per genre; books is a list of (genre, pages) pairs."""
    totals = {}
    for genre, pages in books:
        totals[genre] = totals.get(genre, 0) + pages
    return totals


def shelf_of(title, shelves):
    """Return the shelf a book is on, or "unknown"."""
    return shelves.get(title, "unknown")


loans = [("Ama", "Dune"), ("Ben", "Emma"), ("Ama", "Beloved")]
print(loans_per_member(loans)["Ama"])
print(titles_by_member(loans))
print(pages_by_genre([("sf", 412), ("classic", 474), ("sf", 310)]))
print(shelf_of("Dune", {"Dune": "B3"}))
