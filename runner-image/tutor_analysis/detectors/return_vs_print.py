"""return-vs-print: a function that prints its answer but never returns it, so callers get None."""

import ast

from ..facts import basic_facts

CONCEPT = "return-vs-print"

# Functions whose job is to print.
_PRINTING_NAMES = ("main", "print", "show", "display", "report", "draw", "render", "log", "warn", "usage", "trace",
                   "debug", "test", "demo", "_")


def _looks_like_an_answer(ctx, scope, prints):
    """Printing that looks like handing back a result: not in a loop (a loop prints a listing), at least one
    print of a computed value (prints of fixed text are a display), and a function that takes inputs."""
    if not scope.params or all(p in ("self", "cls") for p in scope.params):
        return False
    if any(ctx.loops_containing(p) for p in prints) or basic_facts(ctx, scope)["recursive"]:
        return False  # printing over and over (in a loop, or by recursion) is a listing, not an answer
    return any(not all(isinstance(a, ast.Constant) for a in p.args) for p in prints)


def detect(ctx):
    found = []
    for scope in ctx.function_scopes():
        facts = basic_facts(ctx, scope)
        if facts["printCalls"] == 0 or facts["returnsValue"]:
            continue
        name = scope.node.name
        must_return = name in ("__str__", "__repr__", "__format__")
        if not must_return and (name.lower().startswith(_PRINTING_NAMES) or name.startswith("__")
                                or scope.parent.kind == "class"):
            continue  # printing is what these are for (a method's output is often its job)
        prints = [n for n in ctx.own_nodes(scope) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]
        if not must_return and not _looks_like_an_answer(ctx, scope, prints):
            continue
        first = min(prints, key=lambda n: (n.lineno, n.col_offset))
        message = ("`%s` prints its result (%s on line %d) but never returns a value, so a call like `%s(...)` gives "
                   "back None: use `return` to hand the value back." % (name, ctx.code(first, 40), first.lineno, name))
        found.append(ctx.finding(CONCEPT, first.lineno, None, message, function=scope.name))
    return found
