"""index-out-of-range: an index that can run past the end: `x[i + 1]` in a loop over every position of x, or a
constant position beyond a list's known length (`days[7]` for a 7-item list)."""

import ast

from ._indexing import constant_index, guarded, indexes, position_loop

CONCEPT = "index-out-of-range"

_GROWS = {"append", "extend", "insert", "pop", "remove", "clear"}


def _literal_length(node):
    if isinstance(node, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in node.elts):
        return len(node.elts)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return len(node.value)
    return None


def _fixed_lengths(ctx):
    """Names bound exactly once in their scope, to a list/tuple/str literal, and never grown or shrunk."""
    fixed = {}
    for scope in ctx.code_scopes():
        stores = {}
        changed = set()
        for n in scope.nodes:
            if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
                stores.setdefault(n.id, []).append(n)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                    and n.func.attr in _GROWS:
                changed.add(n.func.value.id)
            elif isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Del) and isinstance(n.value, ast.Name):
                changed.add(n.value.id)
            elif isinstance(n, ast.Call) and any(isinstance(a, ast.Name) for a in n.args):
                changed.update(a.id for a in n.args if isinstance(a, ast.Name))  # a helper may change it
        for name, nodes in stores.items():
            if len(nodes) != 1 or name in changed or name in scope.declared:
                continue
            assign = ctx.parent(nodes[0])
            if isinstance(assign, ast.Assign) and len(assign.targets) == 1 and assign.targets[0] is nodes[0]:
                length = _literal_length(assign.value)
                if length is not None:
                    fixed[(scope, name)] = (length, assign)
    return fixed


def detect(ctx):
    found = []
    fixed = None
    for node in ctx.tree_nodes:
        if isinstance(node, ast.For):
            loop = position_loop(node)
            if loop is None:
                continue
            var, seq, start, extra = loop
            for sub, k in indexes(node.body, seq, var):
                if k > 0 and k + extra > 0 and not guarded(ctx, sub, node, var):
                    message = ("%s on line %d looks %d item%s ahead, but on the last pass of the loop on line %d `%s` is "
                               "already the last position of `%s`, so %s is past the end (IndexError)."
                               % (ctx.code(sub), sub.lineno, k, "" if k == 1 else "s", node.lineno, var, seq, ctx.code(sub)))
                    found.append(ctx.finding(CONCEPT, sub.lineno, sub, message))
                    break
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and isinstance(node.ctx, ast.Load):
            k = constant_index(node)
            if k is None:
                continue
            if fixed is None:
                fixed = _fixed_lengths(ctx)
            known = fixed.get((ctx.scope(node), node.value.id))
            if known is None:
                continue
            length, assign = known
            if (node.lineno, node.col_offset) < (assign.lineno, assign.col_offset):
                continue
            if -length <= k < length:
                continue
            name = node.value.id
            positions = "positions 0 to %d" % (length - 1) if length else "no positions at all"
            unit = "character" if isinstance(assign.value, ast.Constant) else "item"
            message = ("%s on line %d asks for position %d, but `%s` (line %d) has only %d %s%s (%s)."
                       % (ctx.code(node), node.lineno, k, name, assign.lineno, length, unit, "" if length == 1 else "s", positions))
            found.append(ctx.finding(CONCEPT, node.lineno, node, message))
    return found
