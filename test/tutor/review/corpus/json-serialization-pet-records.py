# review: json-serialization 6
def save_pets(path, pets):
    """Save the pets (dictionaries with a name, a kind and an age) to the file at path."""
    with open(path, "w") as f:
        for pet in pets:
            f.write(pet["name"] + "\n")
            f.write(pet["kind"] + "\n")
            f.write(f"{pet['age']}\n")


def load_pets(path):
    """Load the pets saved by save_pets."""
    with open(path) as f:
        lines = f.read().splitlines()
    pets = []
    for start in range(0, len(lines), 3):
        name, kind, age = lines[start:start + 3]
        pets.append({"name": name, "kind": kind, "age": int(age)})
    return pets


save_pets("pets.txt", [{"name": "Biscuit", "kind": "dog", "age": 4}, {"name": "Mochi", "kind": "cat", "age": 2}])
print(load_pets("pets.txt"))
