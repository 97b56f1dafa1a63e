"""collections-counter: counting things by hand in a dictionary, inside a loop:

    if word in counts:                    counts[word] = counts.get(word, 0) + 1
        counts[word] += 1
    else:                                 if word not in counts:
        counts[word] = 1                      counts[word] = 0
                                          counts[word] += 1

where `collections.Counter` does it: `Counter(words)` counts a whole list, and a `Counter()` starts every key at
0 so `counts[word] += 1` needs no check. Reported on the loop's line (the loop is what Counter replaces).

Left alone: adding anything but 1 (totals per key are not counts), a dictionary that didn't start empty in the same
function (its keys may mean something else), counting outside a loop, and keys whose computing has an effect
(`input()`, `.pop()`)."""

import ast

from ._accumulation import blocks
from ._first_each import first_each
from ..kinds import subscript_index

SUGGESTION = "collections-counter"

_NOT_A_KEY = (ast.Await, ast.Yield, ast.YieldFrom, ast.Lambda, ast.NamedExpr)
_EFFECTS = ("input", "pop", "next", "readline", "append", "remove", "popleft")


def _one(node):
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value == 1


def _zero(node):
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value == 0


def _key_ok(node):
    for n in ast.walk(node):
        if isinstance(n, _NOT_A_KEY):
            return False
        if isinstance(n, ast.Call):
            f = n.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in _EFFECTS:
                return False
    return True


class _Counting:
    """Reads statements about `counts[key]`, all with the same dictionary name and key text."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.counts = None
        self.key = None

    def item(self, node):
        """Whether `node` is `counts[key]` (the first one seen fixes which dictionary and key)."""
        if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)):
            return False
        key = subscript_index(node)
        if isinstance(key, ast.Slice):
            return False
        if self.counts is None:
            if not _key_ok(key):
                return False
            self.counts, self.key = node.value.id, self.ctx.seg(key)
        return node.value.id == self.counts and self.ctx.seg(key) == self.key

    def set_to(self, stmt, check):
        """Whether `stmt` is `counts[key] = <value passing check>`."""
        return isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and self.item(stmt.targets[0]) \
            and check(stmt.value)

    def add_one(self, stmt):
        """`counts[key] += 1` or `counts[key] = counts[key] + 1`."""
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add) and self.item(stmt.target) \
                and _one(stmt.value):
            return True
        return self.set_to(stmt, lambda v: isinstance(v, ast.BinOp) and isinstance(v.op, ast.Add) and (
            (self.item(v.left) and _one(v.right)) or (_one(v.left) and self.item(v.right))))

    def get_plus_one(self, stmt):
        """`counts[key] = counts.get(key, 0) + 1` (or `1 + counts.get(key, 0)`)."""
        def got(node):
            return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == self.counts \
                and len(node.args) == 2 and not node.keywords and self.ctx.seg(node.args[0]) == self.key \
                and _zero(node.args[1])
        return self.set_to(stmt, lambda v: isinstance(v, ast.BinOp) and isinstance(v.op, ast.Add) and (
            (got(v.left) and _one(v.right)) or (_one(v.left) and got(v.right))))

    def tested(self, test, is_in):
        """Whether `test` is `key in counts` (`key not in counts` when not is_in)."""
        op = ast.In if is_in else ast.NotIn
        return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], op) \
            and isinstance(test.comparators[0], ast.Name) and test.comparators[0].id == self.counts \
            and self.ctx.seg(test.left) == self.key


def _counting(ctx, block, i):
    """The dictionary counted by the statement block[i] (with block[i + 1] for the `= 0` form), or None."""
    stmt = block[i]
    c = _Counting(ctx)
    if isinstance(stmt, ast.Assign) and c.get_plus_one(stmt):
        return c
    if not isinstance(stmt, ast.If) or len(stmt.body) != 1:
        return None
    if len(stmt.orelse) == 1:
        first, second = stmt.body[0], stmt.orelse[0]
        # the test is read last, once the branches have fixed the dictionary and key
        if c.add_one(first) and c.set_to(second, _one) and c.tested(stmt.test, True):
            return c
        c = _Counting(ctx)
        if c.set_to(first, _one) and c.add_one(second) and c.tested(stmt.test, False):
            return c
        return None
    if not stmt.orelse and i + 1 < len(block):
        if c.set_to(stmt.body[0], _zero) and c.add_one(block[i + 1]) and c.tested(stmt.test, False):
            return c
    return None


def _started_empty(ctx, scope, name):
    for n in scope.nodes:
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                and n.targets[0].id == name:
            v = n.value
            if isinstance(v, ast.Dict) and not v.keys:
                return True
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "dict" and not v.args \
                    and not v.keywords and "dict" not in ctx.all_bound:
                return True
    return False


def _message(ctx, stmt, c):
    loop = ctx.loops_containing(stmt)[0]
    two_statements = isinstance(stmt, ast.If) and not stmt.orelse  # if key not in counts: counts[key] = 0 / += 1
    if isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and c.key == loop.target.id \
            and loop.body[0] is stmt and len(loop.body) == (2 if two_statements else 1):
        better = "%s = Counter(%s)" % (c.counts, ctx.seg(loop.iter))
        if len(better) <= 40:
            return ("%s counts each `%s` by hand; `%s` (with `from collections import Counter`) does the whole loop "
                    "in one step." % (ctx.code(stmt, 45), c.key, better))
    what = "counts each `%s` by hand" % c.key if len(c.key) <= 20 else "counts by hand"
    if isinstance(stmt, ast.If):
        what += ", checking for a missing key first"
    return ("%s %s; with `%s = Counter()` (from `collections`) every key starts at 0, so `%s[%s] += 1` is all "
            "the loop needs." % (ctx.code(stmt, 45), what, c.counts, c.counts, c.key))


def review(ctx):
    hits = []
    for block in blocks(ctx):
        for i, stmt in enumerate(block):
            c = _counting(ctx, block, i)
            if c is None or not ctx.loops_containing(stmt) or not _started_empty(ctx, ctx.scope(stmt), c.counts):
                continue
            loop = ctx.loops_containing(stmt)[0]  # the loop is what Counter replaces: the suggestion goes on its line
            hits.append((loop.lineno, loop, _message(ctx, stmt, c)))
    return first_each(ctx, SUGGESTION, hits)
