"""membership-test: a loop that only checks whether one value is among the items (`for x in xs: if x == target:
return True` then `return False`, or "yes" and "no", or a `found` flag set and `break`), which `target in xs` says
in one step.

Left alone: a loop that compares something computed from the item (`x.lower() == name`: a search with `any()`),
that returns or keeps the item it found, that does anything else, or that goes over positions (`range(len(xs))`)."""

import ast

from ._accumulation import blocks, is_range_len, mentions, only_statement, set_just_before
from ._first_each import first_each, header

SUGGESTION = "membership-test"

_LONGEST = 45


def _bool(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, bool) else None


def _sought(loop, test):
    """The value `test` compares the loop's item with (`x == target` or `target == x`), else None."""
    if not isinstance(loop.target, ast.Name) or not isinstance(test, ast.Compare) or len(test.ops) != 1 \
            or not isinstance(test.ops[0], ast.Eq):
        return None
    item = loop.target.id
    left, right = test.left, test.comparators[0]
    for a, b in ((left, right), (right, left)):
        if isinstance(a, ast.Name) and a.id == item and not mentions(b, item):
            return b
    return None


def _returned(stmts):
    """The constant a block returns when it is just `return <constant>` (True, "found", 0...), else None."""
    ret = only_statement(stmts, ast.Return)
    if ret is None or not isinstance(ret.value, ast.Constant) or ret.value.value is None:
        return None
    return ret.value


def _same(a, b):
    return type(a.value) is type(b.value) and a.value == b.value


def _check(ctx, loop, block, index):
    """(the value looked for, what the loop amounts to as code) for a loop that only tests membership, else None."""
    check = only_statement(loop.body, ast.If)
    if check is None or check.orelse:
        return None
    sought = _sought(loop, check.test)
    if sought is None:
        return None
    items = ctx.seg(loop.iter)
    found = _returned(check.body)
    if found is not None:
        if loop.orelse:
            after = _returned(loop.orelse)
        else:
            after = _returned(block[index + 1:index + 2]) if index + 1 < len(block) else None
        if after is None or _same(after, found):
            return None
        if _bool(found) is not None and _bool(after) is not None:
            return sought, "return %s %s %s" % (ctx.seg(sought), "in" if found.value else "not in", items)
        return sought, "if %s in %s:" % (ctx.seg(sought), items)  # return "yes" / return "no"
    if loop.orelse:
        return None
    body = list(check.body)
    if len(body) == 2 and isinstance(body[1], ast.Break):
        body = body[:1]
    assign = only_statement(body, ast.Assign)
    if assign is None or len(assign.targets) != 1 or not isinstance(assign.targets[0], ast.Name):
        return None
    flag, value = assign.targets[0].id, _bool(assign.value)
    if value is None or mentions(sought, flag) or mentions(loop.iter, flag):
        return None
    start = set_just_before(block, index, flag)
    if _bool(start) is None or _bool(start) == value:
        return None
    return sought, "%s = %s %s %s" % (flag, ctx.seg(sought), "in" if value else "not in", items)


def review(ctx):
    hits = []
    for block in blocks(ctx):
        for index, loop in enumerate(block):
            if not isinstance(loop, ast.For) or is_range_len(loop.iter):
                continue
            found = _check(ctx, loop, block, index)
            if found is None:
                continue
            sought, better = found
            shown = "`%s`" % better if len(better) <= _LONGEST else "the `in` operator"
            message = ("%s only checks whether %s is among the items; %s does the same in one step."
                       % (header(ctx, loop), ctx.code(sought, 30), shown))
            hits.append((loop.lineno, loop, message))
    return first_each(ctx, SUGGESTION, hits)
