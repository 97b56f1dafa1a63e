"""The reviewers of working code: one module per suggestion of manifests/suggestions.json, named after its id with
underscores (`dict-get` -> `dict_get.py`) and loaded in the manifest's order. Each module has

    SUGGESTION = "dict-get"                 # exactly its id in manifests/suggestions.json
    def review(ctx): -> [suggestion, ...]   # on parsed code; ctx is tutor_analysis.context.Context

A suggestion is {"id", "line", "function", "message"} and, when this occurrence is more serious than the
suggestion usually is, "severity": "essential": `ctx.suggestion(...)` builds one. The learner's code passed its
tests, so a message never says it is wrong: it says what the line does, what would be clearer or safer, and, for
an essential one, which other input it would break on.

Adding a reviewer = adding its file (and its id to the manifest). Modules starting with "_" are shared helpers.
"""

from .. import manifest

MANIFEST = "suggestions"


def load():
    """The reviewer modules, in the manifest's order."""
    return manifest.modules(MANIFEST, __name__, "SUGGESTION")
