def initials(full_name):
    """Return the capitalised first letter of each part of full_name, each followed by a full stop."""
    return full_name[0] + "."
