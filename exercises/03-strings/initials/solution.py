def initials(full_name):
    """Return the capitalised first letter of each part of full_name, each followed by a full stop."""
    result = ""
    for part in full_name.split():
        result += part[0].upper() + "."
    return result
