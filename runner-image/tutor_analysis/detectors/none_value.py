"""none-value: using what a call gives back when it gives back None: `x = numbers.sort()`,
`x = items.append(y)`, `x = print(...)`, or the result of one of your functions that has no `return` value."""

import ast

from ..builtin_types import IN_PLACE
from ..facts import basic_facts

CONCEPT = "none-value"

_DICT_SET_IN_PLACE = {"update", "add", "discard"}


def _none_call(ctx, call):
    """Words on why `call` gives back None, or None when it (probably) doesn't."""
    if not isinstance(call, ast.Call):
        return None
    f = call.func
    if isinstance(f, ast.Attribute):
        receiver = f.value
        if isinstance(receiver, ast.Name) and receiver.id in ctx.imported_names:
            if receiver.id == "random" and f.attr == "shuffle":
                return "`random.shuffle()` shuffles the list in place and gives back None"
            return None
        if f.attr in IN_PLACE or f.attr in _DICT_SET_IN_PLACE and ctx.type_of(receiver) in ("dict", "set"):
            if ctx.type_of(receiver) in ("str",):
                return None
            what = ctx.code(receiver, 30)
            extra = ", so use `sorted(%s)` to get a new sorted list" % ctx.seg(receiver) if f.attr == "sort" and len(ctx.seg(receiver)) < 30 else ""
            return "`.%s()` changes %s in place and gives back None%s" % (f.attr, what, extra)
        return None
    if isinstance(f, ast.Name):
        if f.id == "print":
            return "`print()` shows text on the screen and gives back None"
        fn = ctx.user_function(f.id)
        if fn is not None and ctx.scope(call) is not ctx.scope_for_node.get(fn) and _gives_none(ctx, fn):
            return "`%s` (line %d) has no `return` with a value, so it gives back None" % (f.id, fn.lineno)
    return None


def _gives_none(ctx, fn):
    body = list(fn.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    if not body or all(isinstance(s, ast.Pass) or isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) for s in body):
        return False  # an unfinished stub
    if all(isinstance(s, ast.Raise) for s in body):
        return False
    facts = basic_facts(ctx, ctx.scope_for_node[fn])
    return not facts["returnsValue"]


def _used(ctx, call):
    """The statement or expression that uses the call's result, or None when the result is thrown away."""
    parent = ctx.parent(call)
    if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and parent.value is call:
        return parent
    if isinstance(parent, ast.Return) and parent.value is call and ctx.function_name(call) is not None:
        # `return helper(x)` passes on helper's None on purpose, unless helper prints what it should return
        f = call.func
        fn = ctx.user_function(f.id) if isinstance(f, ast.Name) else None
        if fn is None or basic_facts(ctx, ctx.scope_for_node[fn])["printCalls"] > 0:
            return parent
        return None
    if isinstance(parent, (ast.BinOp, ast.Subscript)) or isinstance(parent, ast.Attribute) and parent.value is call:
        return parent
    if isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is call:
        return parent
    return None


def detect(ctx):
    found = []
    for node in ctx.tree_nodes:
        if not isinstance(node, ast.Call):
            continue
        why = _none_call(ctx, node)
        if why is None:
            continue
        use = _used(ctx, node)
        if use is None:
            continue
        statement = ctx.statement_of(use) or use
        if isinstance(use, (ast.Assign, ast.AnnAssign)):
            target = use.targets[0] if isinstance(use, ast.Assign) else use.target
            head = "%s on line %d stores None in %s" % (ctx.code(use), use.lineno, ctx.code(target, 30))
        elif isinstance(use, ast.Return):
            head = "%s on line %d gives back None" % (ctx.code(use), use.lineno)
        else:
            head = "%s on line %d uses the result of %s, which is None" % (ctx.code(statement), node.lineno, ctx.code(node, 30))
        message = "%s, because %s." % (head, why)
        found.append(ctx.finding(CONCEPT, node.lineno, node, message))
    return found
