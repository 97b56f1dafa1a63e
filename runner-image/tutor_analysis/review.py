"""Mode "review": what a good teacher would suggest about code that already works, from its AST alone (the
reviewers/ package, one module per suggestion). The server adds each suggestion's title, severity, lesson and
example, and the exercise's wishes (server/tutor/review/)."""

from . import manifest, reviewers
from .analyze import parse
from .context import Context

MAX_SUGGESTIONS = 50


def review(source, filename="<learner>"):
    tree, error = parse(source, filename)
    if tree is None:
        return {"parsed": False, "syntaxError": error, "suggestions": []}
    ctx = Context(source, tree)
    found = []
    for module in reviewers.load():
        try:
            found.extend(module.review(ctx) or [])
        except (RecursionError, MemoryError):
            continue  # absurdly deep code: this reviewer says nothing rather than every one failing
    return {"parsed": True, "syntaxError": None, "suggestions": _tidy(found)}


def _tidy(found):
    order = {id_: i for i, id_ in enumerate(manifest.ids(reviewers.MANIFEST))}
    seen = set()
    unique = []
    for s in sorted(found, key=lambda s: (s["line"], order.get(s["id"], 99))):
        key = (s["id"], s["line"])
        if key in seen:
            continue
        seen.add(key)
        unique.append(s)
    return unique[:MAX_SUGGESTIONS]
