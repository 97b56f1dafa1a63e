# review: clean
import json


def save_notes(path, notes):
    """Save the list of note dictionaries to the file at path."""
    with open(path, "w", encoding="utf-8") as file:
        json.dump(notes, file, indent=2)


def load_notes(path):
    """Load the notes saved by save_notes."""
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def word_total(notes):
    return sum(len(note["text"].split()) for note in notes)


save_notes("notes.json", [{"title": "Shopping", "text": "eggs, milk | bread"}, {"title": "Idea", "text": "a robot cat"}])
print(word_total(load_notes("notes.json")))
