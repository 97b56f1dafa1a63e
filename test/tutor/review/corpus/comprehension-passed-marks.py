# review: comprehension 8
PASS_MARK = 50


def passed(marks):
    """Return the marks that reach the pass mark, in the same order."""
    good = []
    for mark in marks:
        if mark >= PASS_MARK:
            good.append(mark)
    return good


print(passed([72, 45, 50, 38, 91]))
