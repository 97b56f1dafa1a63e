"""The manifests this package shares with the server: JSON files in manifests/, each an ordered list of entries
whose ids name one module on each side. The server reads the same files (server/tutor/manifest.ts), so the list
of concepts exists once. A registry package here (detectors/) asks for its modules by manifest name instead of
keeping its own list: adding an id means adding its manifest entry and its file, and nothing else here."""

import importlib
import json
import os

_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifests")
_entries = {}
_modules = {}


class ManifestError(Exception):
    pass


def entries(name):
    """The entries of manifests/<name>.json, in order: [{"id": ..., ...}, ...]."""
    if name not in _entries:
        path = os.path.join(_DIR, name + ".json")
        with open(path, encoding="utf-8") as f:
            _entries[name] = json.load(f)["entries"]
    return _entries[name]


def ids(name):
    return [entry["id"] for entry in entries(name)]


def modules(name, package, id_attribute):
    """One module of `package` per id of manifest `name`, in the manifest's order: `off-by-one` is
    `<package>.off_by_one`. Each module names its own id in `id_attribute` (CONCEPT = "off-by-one"), which must be
    the id it was loaded for."""
    key = (name, package)
    if key not in _modules:
        loaded = []
        for id_ in ids(name):
            module_name = id_.replace("-", "_")
            try:
                module = importlib.import_module("." + module_name, package)
            except ModuleNotFoundError as exc:
                if exc.name != "%s.%s" % (package, module_name):
                    raise
                raise ManifestError("manifests/%s.json lists %r, but %s has no module %s.py"
                                    % (name, id_, package.replace(".", "/"), module_name))
            if getattr(module, id_attribute, None) != id_:
                raise ManifestError("%s.%s must set %s = %r" % (package, module_name, id_attribute, id_))
            loaded.append(module)
        _modules[key] = loaded
    return _modules[key]
