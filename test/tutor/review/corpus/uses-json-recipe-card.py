# review: uses-json 10
import json
from pathlib import Path

RECIPE = {"name": "Pancakes", "serves": 4, "ingredients": ["flour", "eggs", "milk"]}


def share(recipe):
    """The recipe as text to send to a friend."""
    return json.dumps(recipe)


def receive(text):
    return json.loads(text)


Path("pancakes.json").write_text(share(RECIPE))
card = receive(Path("pancakes.json").read_text())
print(card["name"], "for", card["serves"])
