"""unbound-local: a function reads a name before assigning it, and a variable of that name exists outside
(`count = 0` / `def add(): count += 1`): the assignment makes it local to the whole function."""

import ast

CONCEPT = "unbound-local"


def _pos(node):
    return (node.lineno, node.col_offset)


def _outer_binds(ctx, scope, name):
    outer = scope.parent
    while outer is not None:
        if outer.kind != "class" and name in outer.bindings:
            return outer
        outer = outer.parent
    return None


def detect(ctx):
    found = []
    for scope in ctx.function_scopes():
        names = [n for n in scope.nodes if isinstance(n, ast.Name)]
        stores = {}
        for n in names:
            if isinstance(n.ctx, ast.Store) and n.id in scope.bindings:
                stores.setdefault(n.id, []).append(n)
        for name, nodes in stores.items():
            if name in scope.params or name in scope.declared:
                continue
            outer = _outer_binds(ctx, scope, name)
            if outer is None:
                continue
            first_store = min(nodes, key=_pos)
            binding = scope.bindings.get(name)
            if binding is not None and hasattr(binding, "lineno") and not isinstance(binding, ast.Name):
                continue  # bound by an import, def or except clause: leave those alone
            early_reads = [n for n in names if n.id == name and isinstance(n.ctx, ast.Load) and _pos(n) < _pos(first_store)]
            aug = ctx.parent(first_store)
            if not early_reads and isinstance(aug, ast.AugAssign) and aug.target is first_store:
                statement = aug
                message = ("%s on line %d changes `%s` inside `%s`, which makes `%s` a local variable of the whole "
                           "function, so it has no value yet when `+=` reads it (UnboundLocalError), even though a `%s` "
                           "exists outside: pass it in as a parameter and return the new value."
                           % (ctx.code(statement), statement.lineno, name, scope.node.name, name, name))
                found.append(ctx.finding(CONCEPT, statement.lineno, statement, message))
            elif early_reads:
                read = min(early_reads, key=_pos)
                statement = ctx.statement_of(read)
                message = ("%s on line %d reads `%s` before line %d assigns to it inside `%s`; that assignment makes "
                           "`%s` local to the whole function, so the read fails (UnboundLocalError) instead of using "
                           "the `%s` outside." % (ctx.code(statement), read.lineno, name, first_store.lineno,
                                                  scope.node.name, name, name))
                found.append(ctx.finding(CONCEPT, read.lineno, read, message))
    found.sort(key=lambda f: f["line"])
    return found
