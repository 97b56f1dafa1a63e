"""unused-variable: a variable of a function that gets a value and is never read (`result = 0` left over, a
`count += 1` that nothing looks at), a loop variable the body never uses (`for i in range(3):`, where `_` says
"just repeat"), or an `except ... as e` whose `e` is never used.

Left alone, because they are legitimately unused or not ours to judge: names starting with `_`, parameters,
`global` and `nonlocal` names, module-level variables (another module may import them) except a loop variable no
code reads, parts of an unpacking (`name, _age = ...` or `for key, value in ...` with one part unused: the other
part is why the line is there), `with ... as f`, and functions that read their variables by name (`locals()`,
`vars()`, `eval`, `exec`)."""

import ast

from ._first_each import header

SUGGESTION = "unused-variable"

_READS_BY_NAME = {"locals", "vars", "eval", "exec", "globals"}
# Built-in functions that only compute a value: storing their result unread means the whole line can go.
_PURE = {"abs", "all", "any", "bool", "dict", "divmod", "enumerate", "filter", "float", "int", "len", "list", "map",
         "max", "min", "pow", "range", "reversed", "round", "set", "sorted", "str", "sum", "tuple", "zip"}


def _read_names(nodes):
    """Every name read (or deleted) among `nodes`, and the names declared `nonlocal` there."""
    names = set()
    for n in nodes:
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, ast.Nonlocal):
            names.update(n.names)
    return names


def _reads_by_name(ctx):
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in _READS_BY_NAME
               for n in ctx.tree_nodes)


def _binding(ctx, node):
    """("assigned" | "loop" | "except", statement) when `node` gives a plain name a value by itself, else None."""
    if isinstance(node, ast.ExceptHandler) and node.name:
        return "except", node
    if not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)):
        return None
    parent = ctx.parent(node)
    if isinstance(parent, ast.Assign) and any(t is node for t in parent.targets):
        return "assigned", parent
    if isinstance(parent, (ast.AnnAssign, ast.AugAssign)) and parent.target is node:
        return ("assigned", parent) if not isinstance(parent, ast.AnnAssign) or parent.value is not None else None
    if isinstance(parent, ast.For) and parent.target is node:
        return "loop", parent
    return None


def _message(ctx, name, kind, stmt, owner, count):
    where = "`%s`" % owner if owner else "the program"
    if kind == "loop":
        return ("%s never uses `%s`; calling the loop variable `_` instead shows that the loop only repeats."
                % (header(ctx, stmt), name))
    if kind == "except":
        caught = ctx.seg(stmt.type) if stmt.type is not None else ""
        shorter = "`except %s:`" % caught if caught and len(caught) < 30 else "leaving out `as %s`" % name
        shown = "`except %s as %s`" % (caught, name) if caught and len(caught) < 30 else "`except ... as %s`" % name
        return "%s names the error `%s`, but nothing uses it; %s is enough." % (shown, name, shorter)
    if count > 1:
        return ("%s gives `%s` a value, but nothing in %s ever reads it, so `%s` and the lines that set it can go."
                % (ctx.code(stmt, 45), name, where, name))
    value = getattr(stmt, "value", None)
    if isinstance(value, ast.Call) and not (isinstance(value.func, ast.Name) and value.func.id in _PURE
                                            and value.func.id not in ctx.all_bound):
        return ("%s keeps what the call gives back in `%s`, but nothing in %s ever reads it, so `%s =` can go (and "
                "the whole line, if the call does nothing else)." % (ctx.code(stmt, 45), name, where, name))
    return ("%s gives `%s` a value, but nothing in %s ever reads it, so the line can go (or perhaps `%s` was meant "
            "to be used somewhere)." % (ctx.code(stmt, 45), name, where, name))


def _unused(ctx, scope, read, loops_only):
    """The first unused variable of `scope`, as (line, node, message), or None."""
    bindings = {}
    for node in scope.nodes_in_order():
        found = _binding(ctx, node)
        if found is None:
            continue
        name = node.name if isinstance(node, ast.ExceptHandler) else node.id
        bindings.setdefault(name, []).append(found)
    unused = []
    for name, found in bindings.items():
        if name.startswith("_") or name in read or name in scope.declared or name in scope.params:
            continue
        if not isinstance(scope.bindings.get(name), (ast.Name, ast.ExceptHandler)):
            continue  # also a function, class or import of that name
        kind, stmt = min(found, key=lambda f: (f[1].lineno, f[1].col_offset))
        if loops_only and kind != "loop":
            continue
        owner = scope.node.name if scope.kind == "function" else None
        statements = len(set(id(s) for _kind, s in found))
        unused.append((stmt.lineno, stmt, _message(ctx, name, kind, stmt, owner, statements)))
    return min(unused, key=lambda u: (u[0], u[1].col_offset)) if unused else None


def review(ctx):
    if _reads_by_name(ctx):
        return []
    hits = []
    for scope in ctx.function_scopes():
        # nested functions and comprehensions included: a closure reading the variable uses it
        found = _unused(ctx, scope, _read_names(ast.walk(scope.node)), False)
        if found is not None:
            hits.append(found)
    # at module level, only a loop variable: any other name may be meant for whoever imports the module
    found = _unused(ctx, ctx.module, _read_names(ctx.tree_nodes), True)
    if found is not None:
        hits.append(found)
    hits.sort(key=lambda h: h[0])
    return [ctx.suggestion(SUGGESTION, line, node, message) for line, node, message in hits]
