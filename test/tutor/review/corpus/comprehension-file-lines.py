# review: comprehension 7
def read_guests(path):
    """Return the names in the guest list file at path, one per line, without spaces around them."""
    with open(path) as file:
        names = list()

        for line in file:
            names.append(line.strip())
    return names


with open("guests.txt", "w") as f:
    f.write("Ada Lovelace\n  Alan Turing \nGrace Hopper\n")
print(read_guests("guests.txt"))
