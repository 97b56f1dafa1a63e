# review: dict-get 7
BOOK_LOANS = {"Dune": "Maya", "Emma": "Jo"}


def borrower(title, loans):
    """Return who has borrowed the book, or "on the shelf" when nobody has."""
    try:
        who = loans[title]
    except KeyError:
        who = "on the shelf"
    return who


print(borrower("Dune", BOOK_LOANS))
print(borrower("Ulysses", BOOK_LOANS))
