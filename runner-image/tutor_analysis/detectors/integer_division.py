"""integer-division: `/` always gives a float (`6 / 2` is `3.0`), which breaks where a whole number is needed:
a position (`items[len(items) / 2]`), `range(n / 2)`, or a function that promises `-> int`."""

import ast

from ..context import FUNCTIONS, walk_own
from ..inference import annotation_type, subscript_index

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
        elif isinstance(node, FUNCTIONS) and annotation_type(node.returns) == "int":
            for inner in walk_own(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    for division in _divisions(inner.value):
                        report(division, "but `%s` promises to give back an `int` (`-> int`)" % node.name)
    found.sort(key=lambda f: f["line"])
    return found
