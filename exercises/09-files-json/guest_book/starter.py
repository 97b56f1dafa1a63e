def save_guests(path, guests):
    """Write the list of guest dictionaries to the file at path."""
    pass


def load_guests(path):
    """Return the list of guest dictionaries saved in the file at path."""
    return []
