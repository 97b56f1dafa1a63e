# review: json-serialization 8
import ast


def save_pantry(path, pantry):
    """Save the pantry (a dictionary of item -> quantity) to the file at path."""
    with open(path, "w") as f:
        f.write(str(pantry))


def load_pantry(path):
    """Load the pantry saved by save_pantry."""
    with open(path) as f:
        text = f.read()
    return ast.literal_eval(text)


save_pantry("pantry.txt", {"rice": 2, "beans": 5, "olive oil": 1})
pantry = load_pantry("pantry.txt")
print(pantry["beans"])
