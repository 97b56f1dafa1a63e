"""The static detectors, friendly-traceback style: one module per concept of manifests/concepts.json, named after
the concept id with underscores (`off-by-one` -> `off_by_one.py`) and loaded in the manifest's order. Each module
has

    CONCEPT = "off-by-one"                  # exactly its id in manifests/concepts.json
    def detect(ctx): -> [finding, ...]      # on parsed code; ctx is tutor_analysis.context.Context

and, if the concept shows up as a syntax error, `from_syntax_error(error, src) -> [finding, ...]`, called when the
code doesn't parse (error: {"type", "message", "line", "column"}; src: tutor_analysis.source.Source).
A finding is {"concept", "line", "function", "message"}: `ctx.finding(...)` builds one.

Adding a detector = adding its file (and its concept to the manifest). Modules starting with "_" are shared helpers.
"""

from .. import manifest

MANIFEST = "concepts"


def load():
    """The detector modules, in the manifest's order (the catalogue's order)."""
    return manifest.modules(MANIFEST, __name__, "CONCEPT")
