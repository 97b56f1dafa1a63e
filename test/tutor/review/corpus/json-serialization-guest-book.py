# review: json-serialization 7
def save_guests(path, guests):
    """Write the list of guest dictionaries to the file at path."""
    with open(path, "w") as file:
        for guest in guests:
            fields = [guest["name"], guest["city"], str(guest["nights"])]
            file.write("|".join(fields) + "\n")


def load_guests(path):
    """Return the list of guest dictionaries saved in the file at path."""
    guests = []
    with open(path) as file:
        for line in file:
            if line.strip():
                name, city, nights = line.strip().split("|")
                guests.append({"name": name, "city": city, "nights": int(nights)})
    return guests


save_guests("book.txt", [{"name": "Noor", "city": "Leeds", "nights": 2}, {"name": "Sam", "city": "New York", "nights": 3}])
print(load_guests("book.txt"))
