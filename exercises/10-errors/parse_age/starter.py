def parse_age(text):
    """Return text as an age from 0 to 130; raise ValueError otherwise."""
    age = int(text)
    if age < 0:
        return "invalid"
    return age
