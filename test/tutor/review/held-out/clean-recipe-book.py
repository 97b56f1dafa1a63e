# review: clean
import json

RECIPE_FILE = "/tmp/recipes.json"


def save_recipes(recipes):
    with open(RECIPE_FILE, "w") as f:
        json.dump(recipes, f, indent=2)


def load_recipes():
    with open(RECIPE_FILE) as f:
        return json.load(f)


my_recipes = {
    "pancakes": {"minutes": 20, "ingredients": ["flour", "milk", "eggs"]},
    "salad": {"minutes": 10, "ingredients": ["lettuce", "tomato", "olive oil"]},
}
save_recipes(my_recipes)
for name, info in load_recipes().items():
    print(f"{name} ({info['minutes']} min): {', '.join(info['ingredients'])}")
