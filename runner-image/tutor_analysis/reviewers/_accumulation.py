"""Shared by the reviewers that read a loop together with the statements before it (builtin-sum-max-min,
membership-test, comprehension, string-join...): the blocks of statements of a file, and the statement that last
set a variable before a loop, so that `total = 0` (or `found = False`) and the loop using it are seen as one piece
of code."""

import ast

# How many statements before a loop its start value may be: further up, it is rarely the loop's own.
_LOOK_BACK = 25


def blocks(ctx):
    """Every list of statements in the file (bodies, else branches, except handlers...)."""
    for node in ctx.tree_nodes:
        for _field, value in ast.iter_fields(node):
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                yield value


def mentions(node, name):
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


def set_just_before(block, index, name):
    """The value of `name = <value>` when that is the last statement before block[index] to touch `name` (nothing
    in between reads or changes it) and not far above it, else None."""
    for stmt in reversed(block[max(0, index - _LOOK_BACK):index]):
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and stmt.targets[0].id == name:
            return None if mentions(stmt.value, name) else stmt.value
        if mentions(stmt, name):
            return None
    return None


def only_statement(stmts, kind):
    return stmts[0] if len(stmts) == 1 and isinstance(stmts[0], kind) else None


def is_range_len(node):
    """`range(len(x))` or `range(0, len(x))`: a loop over positions, which enumerate and zip speak about."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"):
        return False
    return any(isinstance(a, ast.Call) and isinstance(a.func, ast.Name) and a.func.id == "len" for a in node.args)
