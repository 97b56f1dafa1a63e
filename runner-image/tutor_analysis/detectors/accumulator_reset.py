"""accumulator-reset: `for n in numbers: total = 0; total += n`: the accumulator is set back to its start
value on every pass of the loop that adds to it."""

import ast

from ..context import loop_words, walk_block
from ..kinds import LOOPS

CONCEPT = "accumulator-reset"

_EMPTY_CALLS = {"list": "empty", "dict": "empty", "set": "empty", "str": "empty", "int": "from 0", "float": "from 0"}


def _start_value(node):
    """How the value starts, in words ("from 0", "empty"), or None if it isn't a typical start value."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or node.value is None:
            return None
        if isinstance(node.value, (int, float)) and node.value in (0, 1):
            return "from %r" % node.value
        if node.value == "":
            return "empty"
        return None
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.Tuple)):
        return "empty" if not getattr(node, "elts", getattr(node, "keys", None)) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args and not node.keywords:
        return _EMPTY_CALLS.get(node.func.id)
    return None


def _is_update(node, name):
    """Adds to `name`: `name += x`, `name = name + x`, `name.append(x)`, `name[k] = x`..."""
    if isinstance(node, ast.AugAssign):
        t = node.target
        return isinstance(t, ast.Name) and t.id == name or isinstance(t, ast.Subscript) and _is_name(t.value, name)
    if isinstance(node, ast.Assign):
        for t in node.targets:
            if isinstance(t, ast.Name) and t.id == name:
                return any(_is_name(n, name) for n in ast.walk(node.value))
            if isinstance(t, ast.Subscript) and _is_name(t.value, name):
                return True
        return False
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        f = node.value.func
        return isinstance(f, ast.Attribute) and _is_name(f.value, name) and f.attr in ("append", "extend", "add", "update", "insert")
    return False


def _is_name(node, name):
    return isinstance(node, ast.Name) and node.id == name


def _pos(node):
    return (node.lineno, node.col_offset)


def _end(node):
    return (node.end_lineno or node.lineno, node.end_col_offset or 0)


def detect(ctx):
    found = []
    reported = set()
    for loop in ctx.tree_nodes:
        if not isinstance(loop, LOOPS):
            continue
        for reset in loop.body:
            if not (isinstance(reset, ast.Assign) and len(reset.targets) == 1 and isinstance(reset.targets[0], ast.Name)):
                continue
            start = _start_value(reset.value)
            if start is None:
                continue
            name = reset.targets[0].id
            statements = [n for n in walk_block(loop.body) if isinstance(n, ast.stmt) and _pos(n) > _pos(reset)]
            same_level = [s for s in statements if _is_update(s, name) and ctx.loops_containing(s)[:1] == [loop]]
            nested = [s for s in statements if _is_update(s, name) and ctx.loops_containing(s)[:1] != [loop]]
            if not same_level or nested:
                continue
            scope = ctx.scope(loop)
            names = [n for n in scope.nodes if isinstance(n, ast.Name) and n.id == name and hasattr(n, "lineno")]
            later = sorted((n for n in names if _pos(n) >= _end(loop)), key=_pos)
            read_after = bool(later) and isinstance(later[0].ctx, ast.Load)
            # Used after the loop: meant to collect across passes. Or reset and then added to once, on every pass:
            # pointless unless it was meant to keep going (a running total). Anything else is a value built afresh
            # in each pass on purpose (several or conditional updates).
            unconditional = len(same_level) == 1 and any(s is same_level[0] for s in loop.body)
            if not (read_after or unconditional):
                continue
            if reset.lineno in reported:
                continue
            reported.add(reset.lineno)
            message = ("%s is inside the %s on line %d, so `%s` starts again %s on every pass: give it its starting "
                       "value once, before the loop." % (ctx.code(reset), loop_words(loop), loop.lineno, name, start))
            found.append(ctx.finding(CONCEPT, reset.lineno, reset, message))
    return found
