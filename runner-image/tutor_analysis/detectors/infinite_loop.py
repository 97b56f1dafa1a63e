"""infinite-loop: `while True` with no way out, or a `while` whose condition reads only names the loop never
changes."""

import ast

from ..context import BUILTIN_NAMES, walk_block

CONCEPT = "infinite-loop"

_PURE = {"len", "abs", "int", "float", "str", "bool", "min", "max", "sum", "round", "not"}
_IMMUTABLE = ("int", "float", "str", "bool", "tuple", "none")


def _forever(test):
    return isinstance(test, ast.Constant) and bool(test.value)


def _leaves(ctx, loop):
    for node in walk_block(loop.body):
        if isinstance(node, (ast.Return, ast.Raise, ast.Yield, ast.YieldFrom, ast.Await)):
            # a generator hands control back at each `yield`; its caller decides when to stop
            return True
        if isinstance(node, ast.Break) and ctx.loops_containing(node)[:1] == [loop]:
            return True
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in ("exit", "quit") or isinstance(f, ast.Attribute) and f.attr in ("exit", "_exit"):
                return True
    return False


def _condition_names(test):
    """The names the condition reads, or None when it calls something that could change by itself."""
    names = []
    for node in ast.walk(test):
        if isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in _PURE):
                return None
        elif isinstance(node, (ast.Attribute, ast.Await, getattr(ast, "NamedExpr", ast.Await))):
            return None
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id in _PURE and any(isinstance(c, ast.Call) and c.func is node for c in ast.walk(test)):
                continue
            if node.id not in names:
                names.append(node.id)
    return names


def _changed(ctx, loop, names):
    scope = ctx.scope(loop)
    types = ctx.types(scope)
    for node in walk_block(loop.body):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)) and node.id in names:
            return True
        if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            base = node.value
            while isinstance(base, (ast.Subscript, ast.Attribute)):
                base = base.value
            if isinstance(base, ast.Name) and base.id in names:
                return True
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in names:
                return True  # items.pop(), queue.append(...)
            if isinstance(f, ast.Name) and f.id in BUILTIN_NAMES and f.id not in ("next", "setattr", "delattr", "exec", "eval") \
                    and ctx.user_function(f.id) is None:
                continue  # print(i), len(items): built-ins don't change what they're given
            for arg in list(node.args) + [k.value for k in node.keywords]:
                if isinstance(arg, ast.Name) and arg.id in names and types.lookup(arg.id, arg) not in _IMMUTABLE:
                    return True  # a helper may change a list it is given
            if isinstance(f, ast.Name) and ctx.user_function(f.id) is not None:
                callee = ctx.scope_for_node.get(ctx.user_function(f.id))
                if callee is not None and callee.declared & set(names):
                    return True  # a helper that changes a global the loop reads
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            return True
    return False


def detect(ctx):
    found = []
    for loop in ctx.tree_nodes:
        if not isinstance(loop, ast.While):
            continue
        if _leaves(ctx, loop):
            continue
        if _forever(loop.test):
            if any(isinstance(a, ast.Try) and a.handlers and ctx.in_body_of(loop, a) for a in ctx.ancestors(loop)):
                continue  # ended by an exception the surrounding `try` catches (StopIteration, KeyError...)
            message = ("The %s loop on line %d has no `break`, `return` or `raise` inside it, so nothing ever stops it."
                       % ("`while %s`" % ctx.seg(loop.test), loop.lineno))
            found.append(ctx.finding(CONCEPT, loop.lineno, loop, message))
            continue
        names = _condition_names(loop.test)
        if not names or _changed(ctx, loop, names):
            continue
        listed = " or ".join("`%s`" % n for n in names[:3])
        message = ("The `while` loop on line %d keeps going while %s, but nothing inside the loop changes %s, so "
                   "the condition never becomes false and the loop never ends." % (loop.lineno, ctx.code(loop.test), listed))
        found.append(ctx.finding(CONCEPT, loop.lineno, loop, message))
    return found
