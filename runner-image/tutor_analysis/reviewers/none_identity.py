"""none-identity: `x == None` / `x != None`, where `x is None` / `x is not None` is the way Python checks for None
(there is only one None, and `is` can't be fooled by a class that defines its own `==`).

No failure detector reads this: identity-vs-equality is the opposite habit (`is` used on values) and none-value is
about calls that give back None. Left alone: comparisons inside `[...]` (array libraries compare element by element
there, where `== None` is meant) and files using numpy or pandas."""

import ast

from ._first_each import first_each

SUGGESTION = "none-identity"

_ARRAY_LIBRARIES = ("numpy", "pandas")


def _is_none(node):
    return isinstance(node, ast.Constant) and node.value is None


def review(ctx):
    if any(name.split(".")[0] in _ARRAY_LIBRARIES for name in ctx.imports):
        return []
    hits = []
    for node in ctx.tree_nodes:
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left] + list(node.comparators)
        for i, op in enumerate(node.ops):
            if not isinstance(op, (ast.Eq, ast.NotEq)):
                continue
            left, right = operands[i], operands[i + 1]
            if _is_none(left) == _is_none(right):
                continue
            if any(isinstance(a, ast.Subscript) for a in ctx.ancestors(node)):
                break
            other = left if _is_none(right) else right
            better = "%s %s None" % (ctx.seg(other), "is" if isinstance(op, ast.Eq) else "is not")
            if len(better) > 40:
                better = "is None" if isinstance(op, ast.Eq) else "is not None"
            message = ("%s checks for None with `%s`; `%s` is the usual way, because there is only one None and "
                       "`is` asks for exactly that object." % (ctx.code(node, 45), "==" if isinstance(op, ast.Eq) else "!=", better))
            hits.append((node.lineno, node, message))
            break
    return first_each(ctx, SUGGESTION, hits)
