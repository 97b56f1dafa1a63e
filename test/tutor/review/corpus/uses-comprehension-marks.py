# review: uses-comprehension 4
def passed(marks):
    """The names of the students who scored 50 or more."""
    return [name for name, mark in marks.items() if mark >= 50]


print(passed({"Asha": 72, "Ben": 41, "Chloe": 50}))
