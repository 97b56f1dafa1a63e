# review: bare-except 10
import json


def load_settings(path):
    """Read the settings saved at path, or start with the defaults when there are none yet."""
    try:
        with open(path) as file:
            return json.load(file)
    except Exception:
        print("No settings saved yet, using the defaults.")
        return {"volume": 5, "theme": "light"}


settings = load_settings("settings-that-do-not-exist.json")
print(settings["theme"])
