"""Shared by off-by-one and index-out-of-range: loops over positions (`for i in range(len(x))`) and the ways
their bodies index `x`. (A module starting with "_" is a helper, not a detector.)"""

import ast

from ..context import walk_block
from ..kinds import subscript_index


def len_of(node):
    """`x` for `len(x)` where x is a plain name, else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
            and len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Name):
        return node.args[0].id
    return None


def offset_of(node, name):
    """For `name`, `name + k`, `name - k` (k a whole-number constant): k (0, k or -k). Else None."""
    if isinstance(node, ast.Name) and node.id == name:
        return 0
    if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Name) and node.left.id == name \
            and isinstance(node.right, ast.Constant) and type(node.right.value) is int:
        if isinstance(node.op, ast.Add):
            return node.right.value
        if isinstance(node.op, ast.Sub):
            return -node.right.value
    return None


def len_plus(node):
    """(x, k) for `len(x)`, `len(x) + k`, `len(x) - k`, else None."""
    name = len_of(node)
    if name is not None:
        return name, 0
    if isinstance(node, ast.BinOp) and isinstance(node.right, ast.Constant) and type(node.right.value) is int:
        name = len_of(node.left)
        if name is not None and isinstance(node.op, (ast.Add, ast.Sub)):
            return name, node.right.value if isinstance(node.op, ast.Add) else -node.right.value
    return None


def position_loop(loop):
    """For `for i in range(a, len(x) + k)`: (i, x, a, k), with a and k whole numbers. Else None."""
    if not isinstance(loop, ast.For) or not isinstance(loop.target, ast.Name):
        return None
    it = loop.iter
    if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range") or it.keywords:
        return None
    if len(it.args) == 1:
        start, stop = 0, it.args[0]
    elif len(it.args) == 2 and isinstance(it.args[0], ast.Constant) and type(it.args[0].value) is int:
        start, stop = it.args[0].value, it.args[1]
    else:
        return None
    bound = len_plus(stop)
    if bound is None:
        return None
    return loop.target.id, bound[0], start, bound[1]


def indexes(stmts, seq, var):
    """Every `seq[var + k]` in the block, as (subscript node, k)."""
    found = []
    for node in walk_block(stmts):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == seq:
            k = offset_of(subscript_index(node), var)
            if k is not None:
                found.append((node, k))
    return found


def constant_index(node):
    """k for `x[k]` or `x[-k]` with a whole-number constant, else None."""
    index = subscript_index(node)
    if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub) and isinstance(index.operand, ast.Constant) \
            and type(index.operand.value) is int:
        return -index.operand.value
    if isinstance(index, ast.Constant) and type(index.value) is int:
        return index.value
    return None


def _checks(test, var):
    """Whether a condition compares the loop variable (or something computed from it) with anything."""
    for n in ast.walk(test):
        if isinstance(n, ast.Compare) and any(isinstance(m, ast.Name) and m.id == var for m in ast.walk(n)):
            return True
    return False


def guarded(ctx, node, loop, var):
    """Whether a bounds check on the loop variable decides if `node` runs: `node` is in the body of an `if` (or
    `while`, or conditional expression) testing it, or after such a test in an `and`/`or`, or inside a `try`."""
    child = node
    for a in ctx.ancestors(node):
        if a is loop:
            return False
        if isinstance(a, (ast.If, ast.While, ast.IfExp)) and child is not a.test and _checks(a.test, var):
            return True
        if isinstance(a, ast.BoolOp):
            index = next((i for i, v in enumerate(a.values) if v is child), 0)
            if any(_checks(v, var) for v in a.values[:index]):
                return True
        if isinstance(a, ast.Try):
            return True
        child = a
    return False
