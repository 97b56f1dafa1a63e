"""uses-with (celebratory): files opened with `with open(...) as f:`, which closes them when the block ends, even if
an error happens inside it. Said once per program, on the first such `with`, and only when every file the program
opens is opened that way (a program that also has a bare `open(...)` gets with-open's suggestion instead)."""

import ast

SUGGESTION = "uses-with"


def _is_open(ctx, node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open" \
        and "open" not in ctx.all_bound


def review(ctx):
    opens = [n for n in ctx.tree_nodes if _is_open(ctx, n)]
    if not opens:
        return []
    in_with = [n for n in opens if isinstance(ctx.parent(n), ast.withitem) and ctx.parent(n).context_expr is n]
    if len(in_with) != len(opens):
        return []
    call = min(in_with, key=lambda n: (n.lineno, n.col_offset))
    stmt = ctx.statement_of(call)
    item = ctx.parent(call)
    shown = "with %s" % ctx.seg(call) + (" as %s" % ctx.seg(item.optional_vars) if item.optional_vars else "")
    if len(shown) > 60:
        shown = "with open(...)" + (" as %s" % ctx.seg(item.optional_vars) if item.optional_vars else "")
    message = ("`%s` closes the file as soon as its block ends, even if an error happens inside it, so nothing "
               "is left open or half-written: the safe way to work with files." % shown.replace("`", "'"))
    return [ctx.suggestion(SUGGESTION, stmt.lineno, stmt, message)]
