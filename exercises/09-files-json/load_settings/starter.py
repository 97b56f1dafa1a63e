import json


def load_settings(json_text):
    """Return the volume, theme and shuffle settings from json_text, with defaults for missing ones."""
    settings = json.loads(json_text)
    return {"volume": settings["volume"], "theme": settings["theme"], "shuffle": settings["shuffle"]}
