"""global-statement: a function that hands its result out by assigning a module variable it declared `global`
(`global total` then `total += price`) instead of returning it. The caller can't see from the call what changes,
and the function can't be reused or tested on its own.

Left alone: a `global` that is only read or whose object is only changed in place (`items.append(...)` needs no
`global`, and is not this habit); lazy set-up (`if _cache is None: _cache = ...`); a setter that only stores one of
its parameters (`LEVEL = level`); a function without parameters that only puts values back (`def reset(): score = 0`); a function that also returns the name; functions handed to something else to call
(`button.on_click(handle_click)`, `Thread(target=tick)`), which can't return a value to anyone; nonlocal."""

import ast

SUGGESTION = "global-statement"


def _assignments(scope, name):
    """The statements of the function that rebind `name`: `=`, `+=`, a `for` or `with` target..."""
    found = []
    for node in scope.nodes:
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            found.append(node)
    return found


def _lazy_setup(ctx, scope, node, name):
    """Whether this assignment sits under `if name is None:` / `if not name:` (set up once, on first use)."""
    for a in ctx.ancestors(node):
        if a is scope.node:
            return False
        if isinstance(a, ast.If) and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(a.test)):
            return True
    return False


def _stores_a_parameter(ctx, scope, node):
    stmt = ctx.statement_of(node)
    return isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Name) and stmt.value.id in scope.params


def _sets_a_fixed_value(ctx, node):
    """`name = 0`, `name = []`, `name = None`...: a value written out, not worked out."""
    stmt = ctx.statement_of(node)
    if not isinstance(stmt, ast.Assign):
        return False
    value = stmt.value
    if isinstance(value, (ast.List, ast.Set, ast.Tuple)):
        return not value.elts
    if isinstance(value, ast.Dict):
        return not value.keys
    return isinstance(value, ast.Constant) or isinstance(value, ast.UnaryOp) and isinstance(value.operand, ast.Constant)


def _returns(scope, name):
    return any(isinstance(n, ast.Return) and n.value is not None
               and any(isinstance(m, ast.Name) and m.id == name for m in ast.walk(n.value)) for n in scope.nodes)


def _handed_over(ctx, func):
    """Whether the function is passed somewhere as a value (a callback), not only called."""
    for node in ctx.tree_nodes:
        if isinstance(node, ast.Name) and node.id == func.name and isinstance(node.ctx, ast.Load):
            parent = ctx.parent(node)
            if not (isinstance(parent, ast.Call) and parent.func is node):
                return True
        if isinstance(node, ast.Attribute) and node.attr == func.name and isinstance(node.ctx, ast.Load):
            parent = ctx.parent(node)
            if not (isinstance(parent, ast.Call) and parent.func is node):
                return True
    return bool(func.decorator_list)


def _handing_out(ctx, scope, name):
    """Whether the function passes a result out through global `name`."""
    stores = _assignments(scope, name)
    if not stores or _returns(scope, name):
        return False
    if not scope.params and all(_sets_a_fixed_value(ctx, s) for s in stores):
        return False  # def reset(): score = 0: putting the state back, not working out a result
    return not all(_lazy_setup(ctx, scope, s, name) or _stores_a_parameter(ctx, scope, s) for s in stores)


def review(ctx):
    found = []
    for scope in ctx.function_scopes():
        statements = [n for n in scope.nodes if isinstance(n, ast.Global)]
        if not statements:
            continue
        names = []
        for stmt in statements:
            names.extend(n for n in stmt.names if n not in names and _handing_out(ctx, scope, n))
        if not names or _handed_over(ctx, scope.node):
            continue
        first = min(statements, key=lambda s: s.lineno)
        func = scope.node.name
        if len(names) == 1:
            name = names[0]
            message = ("`global %s` lets `%s` hand out its result by changing `%s` for the whole program, which a "
                       "reader of a call can't see; `return %s` at the end, and `%s = %s(...)` where you call it, keeps "
                       "the result in plain view." % (name, func, name, name, name, func))
        else:
            together = ", ".join(names[:3])
            message = ("`global %s` lets `%s` hand out its results by changing those variables for the whole "
                       "program, which a reader of a call can't see; returning them (`return %s`) and assigning them "
                       "where you call it keeps the results in plain view." % (together, func, together))
        found.append(ctx.suggestion(SUGGESTION, first.lineno, first, message))
    return found
