import sys


def letter(average):
    """The letter grade for an average score."""
    for limit, grade in [(90, "A"), (80, "B"), (70, "C"), (60, "D")]:
        if average >= limit:
            return grade
    return "F"


def read_book(lines):
    """A dict from each name to the list of its scores, from lines "name score"."""
    book = {}
    for line in lines:
        if not line.strip():
            continue
        name, score = line.split()
        book.setdefault(name, []).append(int(score))
    return book


book = read_book(sys.stdin)
for name in sorted(book):
    average = sum(book[name]) / len(book[name])
    print(f"{name}: {average:.1f} ({letter(average)})")
print(len(book), "students")
