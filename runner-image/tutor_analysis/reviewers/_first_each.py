"""Shared by the reviewers: keeping the first occurrence in each function (or in the module's own code), so that a
habit repeated ten times gets one suggestion, not ten; and small readings of the code they all need."""

import ast

from ..source import code


def first_each(ctx, id_, hits):
    """`hits` is [(line, node, message)]: the first one of each scope, in line order, as suggestions `id_`."""
    chosen = {}
    for line, node, message in sorted(hits, key=lambda h: (h[0], getattr(h[1], "col_offset", 0))):
        chosen.setdefault(ctx.scope(node), (line, node, message))
    return [ctx.suggestion(id_, line, node, message) for line, node, message in sorted(chosen.values(), key=lambda h: h[0])]


def plus_operands(node):
    """The operands of a chain of `+` (`a + b + c`), left to right."""
    pieces = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        pieces.append(node.right)
        node = node.left
    pieces.append(node)
    return pieces[::-1]


def builtin_call(ctx, node, name, args=None):
    """Whether `node` calls Python's own `name` (not one the file defines): `str(x)`, `len(xs)`..., with `args`
    positional arguments when given and no keywords."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
            and name not in ctx.all_bound and not node.keywords
            and (args is None or len(node.args) == args)
            and not any(isinstance(a, ast.Starred) for a in node.args))


def header(ctx, stmt, limit=45):
    """The first line of a compound statement for a message, rebuilt from its parts so that a comment at the end of
    the line or a condition spread over several lines doesn't show: `for x in xs`, `if total > 10`."""
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        text = "for %s in %s" % (ctx.seg(stmt.target), ctx.seg(stmt.iter))
    elif isinstance(stmt, (ast.If, ast.While)):
        keyword = "while" if isinstance(stmt, ast.While) else "elif" if _is_elif(ctx, stmt) else "if"
        text = "%s %s" % (keyword, ctx.seg(stmt.test))
    else:
        return ctx.code(stmt, limit)
    return code(text, limit)


def _is_elif(ctx, node):
    parent = ctx.parent(node)
    return isinstance(parent, ast.If) and parent.orelse == [node] and ctx.src.line(node.lineno).lstrip().startswith("elif")
