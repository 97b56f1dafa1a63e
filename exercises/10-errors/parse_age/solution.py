def parse_age(text):
    """Return text as an age from 0 to 130; raise ValueError otherwise."""
    age = int(text)
    if age < 0:
        raise ValueError("an age cannot be negative")
    if age > 130:
        raise ValueError("nobody is older than 130")
    return age
