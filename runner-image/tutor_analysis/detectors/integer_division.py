"""integer-division: `/` always gives a float (`6 / 2` is `3.0`), which breaks where a whole number is needed:
a position (`items[len(items) / 2]`), `range(n / 2)`, or a function that promises an int (`-> int`, or a
docstring saying it returns a whole number)."""

import ast
import re

from ..builtin_types import annotation_type
from ..context import walk_own
from ..kinds import FUNCTIONS, subscript_index

CONCEPT = "integer-division"


def _divisions(node):
    """`/` operations in `node` whose result isn't passed through int() or round() first."""
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Name) and current.func.id in ("int", "round", "len", "str", "float"):
            continue
        if isinstance(current, (ast.Lambda,) + FUNCTIONS):
            continue
        if isinstance(current, ast.BinOp) and isinstance(current.op, ast.Div):
            found.append(current)
            continue
        stack.extend(ast.iter_child_nodes(current))
    return found


# "Return the average, rounded down to a whole number.", "Returns the count as an integer." (not "Given an
# integer n, return ..." nor "the sum of the digits of the integer n": those describe the input)
_WHOLE = re.compile(r"\b(?:returns?|gives? back)\b[^.]{0,80}?\b(?:an?|as an?)\s+(?:integer|whole number|int)\b", re.I)


def _promises_int(fn):
    """How the function promises an int (`-> int`, or its docstring), in words, or None."""
    if annotation_type(fn.returns) == "int":
        return "an `int` (`-> int`)"
    try:
        doc = ast.get_docstring(fn) or ""
    except Exception:
        doc = ""
    if _WHOLE.search(doc):
        return "a whole number (its docstring says so)"
    return None


def detect(ctx):
    found = []
    reported = set()

    def report(division, where_words):
        if division in reported:
            return
        reported.add(division)
        message = ("%s on line %d always gives a float (like `3.0`, even when it divides evenly), %s: use `//` for "
                   "whole-number division." % (ctx.code(division), division.lineno, where_words))
        found.append(ctx.finding(CONCEPT, division.lineno, division, message))

    for node in ctx.tree_nodes:
        if isinstance(node, ast.Subscript):
            index = subscript_index(node)
            parts = [index.lower, index.upper, index.step] if isinstance(index, ast.Slice) else [index]
            for part in parts:
                if part is None:
                    continue
                for division in _divisions(part):
                    report(division, "which can't be used as a position in %s (TypeError)" % ctx.code(node.value, 30))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
            for arg in node.args:
                for division in _divisions(arg):
                    report(division, "and `range()` only accepts whole numbers (TypeError)")
        elif isinstance(node, FUNCTIONS):
            promise = _promises_int(node)
            if promise is None:
                continue
            for inner in walk_own(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    for division in _divisions(inner.value):
                        report(division, "but `%s` promises to give back %s" % (node.name, promise))
    found.sort(key=lambda f: f["line"])
    return found
