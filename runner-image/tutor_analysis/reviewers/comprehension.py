"""comprehension: a list that starts empty just before a loop whose body only appends to it, perhaps under one
`if`:

    passed = []
    for mark in marks:               passed = [mark for mark in marks if mark >= 50]
        if mark >= 50:
            passed.append(mark)

Left alone: a loop that does anything else (prints, counts, `break`s, appends to two lists, has an `else` or an
`if`/`else` choosing what to append), nested loops, `while` loops, loops over positions (`range(len(xs))`,
`range(len(xs) - 1)`: they work with neighbours or indexes, which a comprehension would only hide), a list that already held something, and an appended value that reads the list
itself (`out.append(out[-1] + x)`)."""

import ast

from ._accumulation import blocks, mentions, set_just_before
from ._first_each import first_each

SUGGESTION = "comprehension"

_LONGEST = 60
_NOT_IN_A_COMPREHENSION = (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)


def _append(stmt):
    """(list name, value) for `name.append(value)`, else None."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        if isinstance(call.func, ast.Attribute) and call.func.attr == "append" \
                and isinstance(call.func.value, ast.Name) and len(call.args) == 1 and not call.keywords \
                and not isinstance(call.args[0], ast.Starred):
            return call.func.value.id, call.args[0]
    return None


def _empty_list(ctx, node):
    if isinstance(node, ast.List) and not node.elts:
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "list" \
        and "list" not in ctx.all_bound and not node.args and not node.keywords


def _simple_target(target):
    if isinstance(target, ast.Name):
        return True
    return isinstance(target, (ast.Tuple, ast.List)) and all(_simple_target(e) for e in target.elts)


def _over_positions(node):
    """`range(...)` whose bounds come from a `len(...)`, such as `range(len(xs) - 1)`."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "len" for a in node.args for n in ast.walk(a))


def _hit(ctx, block, i):
    loop = block[i]
    if not isinstance(loop, ast.For) or loop.orelse or len(loop.body) != 1 or not _simple_target(loop.target):
        return None
    if _over_positions(loop.iter):
        return None
    stmt, condition = loop.body[0], None
    if isinstance(stmt, ast.If):
        if stmt.orelse or len(stmt.body) != 1:
            return None
        stmt, condition = stmt.body[0], stmt.test
    found = _append(stmt)
    if found is None:
        return None
    name, value = found
    parts = [value, loop.iter, loop.target] + ([condition] if condition is not None else [])
    if any(mentions(p, name) for p in parts):
        return None
    if any(isinstance(n, _NOT_IN_A_COMPREHENSION) for p in parts for n in ast.walk(p)):
        return None
    start = set_just_before(block, i, name)
    if start is None or not _empty_list(ctx, start):
        return None
    target = ctx.seg(loop.target)
    if isinstance(loop.target, ast.Tuple):
        target = target.strip("()")
    built = "[%s for %s in %s%s]" % (ctx.seg(value), target, ctx.seg(loop.iter),
                                     " if %s" % ctx.seg(condition) if condition is not None else "")
    if "\n" not in built and len(name) + 3 + len(built) <= _LONGEST:
        better = "`%s = %s`" % (name, built)
    else:
        better = "a list comprehension (`[... for ... in ...%s]`)" % (" if ..." if condition is not None else "")
    what = "the items that pass the `if`" if condition is not None else "one value per item"
    return ("%s only appends %s to `%s`, which started empty; %s builds the same list in one step."
            % (ctx.code(loop, 45), what, name, better))


def review(ctx):
    hits = []
    for block in blocks(ctx):
        for i, stmt in enumerate(block):
            message = _hit(ctx, block, i)
            if message is not None:
                hits.append((stmt.lineno, stmt, message))
    return first_each(ctx, SUGGESTION, hits)
