import json

DEFAULTS = {"volume": 50, "theme": "light", "shuffle": False}


def load_settings(json_text):
    """Return the volume, theme and shuffle settings from json_text, with defaults for missing ones."""
    stored = json.loads(json_text)
    return {name: stored.get(name, default) for name, default in DEFAULTS.items()}
