# review: unused-variable 6
def parse_age(text):
    """The age typed in, or None when it isn't a whole number."""
    try:
        age = int(text)
    except ValueError as err:
        return None
    if age < 0:
        return None
    return age


for typed in ["42", "forty", "-3"]:
    print(typed, "->", parse_age(typed))
