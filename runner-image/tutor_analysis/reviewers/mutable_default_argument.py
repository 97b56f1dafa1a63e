"""mutable-default-argument: `def add(item, items=[])` where the function changes the default or hands it out.
The default list (or dictionary, set...) is made once, when `def` runs, so every call that leaves the argument out
shares it: the tests call the function once each and pass, but a second call starts with what the first one left.
Essential: the manifest's default severity.

The failure detector of the same name reads exactly this (detectors/mutable_default_argument.py), so its findings are
reworded here for code that works, not found a second time. Left alone, as the detector leaves them: a default that
is only read (`def show(names=())`, or a list never changed nor returned), and `None` defaults."""

import ast

from ..detectors import mutable_default_argument as detector

SUGGESTION = "mutable-default-argument"

_EMPTY = {"list": "[]", "dictionary": "{}", "set": "set()", "deque": "deque()", "bytearray": "bytearray()"}


def _defaults(scope):
    """(parameter, default) for every parameter of the function that has a default."""
    a = scope.node.args
    positional = list(getattr(a, "posonlyargs", [])) + list(a.args)
    pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults))
    return pairs + [(arg, d) for arg, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]


def _default_at(ctx, finding):
    """The function and (parameter, default) a detector finding is about: the changed mutable default on its line."""
    for scope in ctx.function_scopes():
        if scope.name != finding["function"]:
            continue
        for arg, default in _defaults(scope):
            if default.lineno == finding["line"] and detector._kind(default) is not None:
                return scope, arg, default
    return None


def review(ctx):
    found = []
    seen = set()
    for finding in detector.detect(ctx):
        located = _default_at(ctx, finding)
        if located is None:
            continue
        scope, arg, default = located
        if scope in seen:
            continue  # one per function: a second shared default tells the same story
        seen.add(scope)
        kind = detector._kind(default)
        name, func = arg.arg, scope.node.name
        fresh = ctx.seg(default)
        if len(fresh) > 20 or "\n" in fresh:
            fresh = _EMPTY.get(kind, "...")
        shown = "%s=%s" % (name, fresh)
        call = "call of `%s`" % func
        if func == "__init__" and scope.parent is not None and scope.parent.kind == "class":
            call = "`%s(...)`" % scope.parent.node.name
        message = ("`%s` makes one %s when `def %s` runs, and every call that leaves out `%s` shares it, so a second "
                   "%s starts with what the first one left in it; `%s=None` and `if %s is None: %s = %s` "
                   "inside give each call a fresh one."
                   % (shown, kind, func, name, call, name, name, name, fresh))
        suggestion = ctx.suggestion(SUGGESTION, default.lineno, default, message)
        suggestion["function"] = finding["function"]
        found.append(suggestion)
    return found
