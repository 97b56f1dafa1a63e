"""builtin-sum-max-min: a loop that only adds up the items (`total = 0` / `for x in xs: total += x`) or only keeps
the largest or smallest one (`best = xs[0]` / `for x in xs: if x > best: best = x`), which `sum(xs)`, `max(xs)` and
`min(xs)` do in one step. A sum of something computed from each item becomes `sum(x * x for x in xs)`, and keeping
the longest word `max(words, key=len)`.

Left alone: a loop that does anything else too (prints, counts, keeps a second variable, skips items with an
`if`), a total that doesn't start at 0, `+= 1` (counting), and loops over positions (`range(len(xs))`), which
enumerate and zip speak about."""

import ast

from ..kinds import subscript_index
from ._accumulation import blocks, is_range_len, mentions, only_statement, set_just_before
from ._first_each import first_each, header

SUGGESTION = "builtin-sum-max-min"

_LONGEST = 50
_NOT_IN_A_SUM = (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda)
_ACTIONS = {"print", "input", "append", "write", "pop", "remove", "insert", "extend", "update", "add"}


def _target_names(target):
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def _added(stmt):
    """(total, added value) for `total += v`, `total = total + v` or `total = v + total`, else None."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add) and isinstance(stmt.target, ast.Name):
        return stmt.target.id, stmt.value
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
            and isinstance(stmt.value, ast.BinOp) and isinstance(stmt.value.op, ast.Add):
        name, v = stmt.targets[0].id, stmt.value
        if isinstance(v.left, ast.Name) and v.left.id == name:
            return name, v.right
        if isinstance(v.right, ast.Name) and v.right.id == name:
            return name, v.left
    return None


def _zero(node):
    return isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value == 0


def _acts(node):
    """Whether computing `node` does something besides giving a value (asks, prints, changes a list)."""
    for n in ast.walk(node):
        if isinstance(n, _NOT_IN_A_SUM):
            return True
        if isinstance(n, ast.Call):
            f = n.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in _ACTIONS:
                return True
    return False


def _sum(ctx, loop, block, index):
    found = _added(loop.body[0])
    if found is None:
        return None
    total, value = found
    names = _target_names(loop.target)
    if total in names or mentions(value, total) or not any(mentions(value, n) for n in names) or _acts(value) \
            or _acts(loop.iter):
        return None
    start = set_just_before(block, index, total)
    if start is None or not _zero(start):
        return None
    if total == "sum" or "sum" in ctx.all_bound:
        return None  # the file has its own `sum`, so the built-in one is out of reach
    items = ctx.seg(loop.iter)
    if isinstance(value, ast.Name) and isinstance(loop.target, ast.Name) and value.id == loop.target.id:
        better = "sum(%s)" % items
    elif isinstance(value, ast.Subscript) and isinstance(loop.iter, ast.Name) and isinstance(value.value, ast.Name) \
            and value.value.id == loop.iter.id and isinstance(loop.target, ast.Name) \
            and ctx.seg(subscript_index(value)) == loop.target.id:
        better = "sum(%s.values())" % items  # for key in prices: total += prices[key]
    else:
        better = "sum(%s for %s in %s)" % (ctx.seg(value), ctx.seg(loop.target), items)
    better = "`%s = %s`" % (total, better) if len(better) <= _LONGEST else "the built-in `sum()`"
    what = "the items" if better.startswith("`%s = sum(%s)" % (total, items)) else ctx.code(value, 30) + " for each item"
    return ("%s only adds up %s into `%s`; %s does the same in one step."
            % (header(ctx, loop), what, total, better))


# which way a comparison of (item, best) keeps the item: `item > best` keeps the larger one
_KEEPS = {ast.Gt: "max", ast.GtE: "max", ast.Lt: "min", ast.LtE: "min"}
_SWAPPED = {"max": "min", "min": "max"}


def _kept_by(compare, item, best):
    """("max" or "min", key function name or None) for `item > best`, `len(item) > len(best)`..., else None."""
    if not isinstance(compare, ast.Compare) or len(compare.ops) != 1 or type(compare.ops[0]) not in _KEEPS:
        return None
    which = _KEEPS[type(compare.ops[0])]
    left, right = compare.left, compare.comparators[0]
    for a, b, way in ((left, right, which), (right, left, _SWAPPED[which])):
        if isinstance(a, ast.Name) and a.id == item and isinstance(b, ast.Name) and b.id == best:
            return way, None
        if isinstance(a, ast.Call) and isinstance(b, ast.Call) and isinstance(a.func, ast.Name) \
                and isinstance(b.func, ast.Name) and a.func.id == b.func.id and len(a.args) == len(b.args) == 1 \
                and not a.keywords and not b.keywords and isinstance(a.args[0], ast.Name) \
                and a.args[0].id == item and isinstance(b.args[0], ast.Name) and b.args[0].id == best:
            return way, a.func.id
    return None


def _none_check(node, best):
    return isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.Eq)) \
        and isinstance(node.left, ast.Name) and node.left.id == best \
        and isinstance(node.comparators[0], ast.Constant) and node.comparators[0].value is None


def _from_second(node):
    """`xs[1:]`."""
    part = subscript_index(node)
    return isinstance(part, ast.Slice) and part.upper is None and part.step is None \
        and isinstance(part.lower, ast.Constant) and part.lower.value == 1


def _number(node):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _empty_text(node):
    return isinstance(node, ast.Constant) and node.value in ("", ())


def _infinite(node):
    """`float("inf")`, `-float("inf")`, `math.inf`, `-math.inf`."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    if isinstance(node, ast.Attribute) and node.attr == "inf":
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float" \
        and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) \
        and str(node.args[0].value).strip().lower() in ("inf", "-inf", "+inf", "infinity", "-infinity")


def _extreme(ctx, loop, block, index):
    if not isinstance(loop.target, ast.Name):
        return None
    item = loop.target.id
    stmt = loop.body[0]
    kept, needs_none = None, False
    if isinstance(stmt, ast.If) and not stmt.orelse:
        assign = only_statement(stmt.body, ast.Assign)
        if assign is None or len(assign.targets) != 1 or not isinstance(assign.targets[0], ast.Name) \
                or not isinstance(assign.value, ast.Name) or assign.value.id != item:
            return None
        best = assign.targets[0].id
        test = stmt.test
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) and len(test.values) == 2 \
                and _none_check(test.values[0], best):
            test, needs_none = test.values[1], True
        kept = _kept_by(test, item, best)
    elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        best = stmt.targets[0].id
        call = stmt.value
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("max", "min") \
                and call.func.id not in ctx.all_bound and len(call.args) == 2 and not call.keywords \
                and sorted(ctx.seg(a) for a in call.args) == sorted([best, item]):
            kept = call.func.id, None
    if kept is None or best == item or kept[0] in ctx.all_bound:
        return None
    start = set_just_before(block, index, best)
    if start is None:
        return None
    items = loop.iter
    which, key = kept
    if needs_none != (isinstance(start, ast.Constant) and start.value is None):
        return None
    if isinstance(start, ast.Subscript):
        # best = xs[0], then the loop goes over xs or xs[1:]
        whole = items.value if isinstance(items, ast.Subscript) and _from_second(items) else items
        if not (isinstance(start.value, ast.Name) and isinstance(whole, ast.Name) and start.value.id == whole.id
                and _zero(subscript_index(start))):
            return None
        items = whole
    elif needs_none:
        pass
    elif key is None:
        if not (_number(start) or _infinite(start)):
            return None
    elif not _empty_text(start):
        return None  # len(word) > len(longest) starts from "" or the first word
    if isinstance(items, ast.Call) and isinstance(items.func, ast.Name) and items.func.id == "range" or _acts(items):
        return None
    # starting from None gives None for no items, where max() alone would stop with an error
    extra = (", key=%s" % key if key else "") + (", default=None" if needs_none else "")
    call = "%s(%s%s)" % (which, ctx.seg(items), extra)
    better = "`%s = %s`" % (best, call) if len(call) <= _LONGEST else "the built-in `%s()`" % which
    what = "largest" if which == "max" else "smallest"
    if key:
        what = "item with the %s `%s`" % (what, key + "()")
    else:
        what += " item"
    return "%s only keeps the %s in `%s`; %s does the same in one step." % (header(ctx, loop), what, best, better)


def review(ctx):
    hits = []
    for block in blocks(ctx):
        for index, loop in enumerate(block):
            if not isinstance(loop, ast.For) or loop.orelse or len(loop.body) != 1 or is_range_len(loop.iter):
                continue
            message = _sum(ctx, loop, block, index) or _extreme(ctx, loop, block, index)
            if message is not None:
                hits.append((loop.lineno, loop, message))
    return first_each(ctx, SUGGESTION, hits)
