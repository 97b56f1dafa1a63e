# review: string-join 5
def initials(full_name):
    """Return the initials of a name: 'Ada King Lovelace' -> 'AKL'."""
    letters = ""
    for part in full_name.split():
        letters += part[0].upper()
    return letters


print(initials("Ada King Lovelace"))
print(initials("grace hopper"))
