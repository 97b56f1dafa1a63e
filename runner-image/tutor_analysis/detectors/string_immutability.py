"""string-immutability: `word[0] = "J"` or `text.append(c)` on a string, or `text.upper()` on its own line
(which makes a new string and throws it away): strings can't be changed in place."""

import ast

from ..builtin_types import STR_ONLY, STR_TO_STR

CONCEPT = "string-immutability"


def _is_str(ctx, node):
    return ctx.type_of(node) == "str"


def _surely_str(ctx, name, call):
    """`x.replace(...)` also exists on dates, paths and other objects: believe `x` is a string only when something
    besides this call says so (an assignment of text, an annotation, another string-only method)."""
    scope = ctx.scope(call)
    if name.id not in scope.params:
        return True
    arg = next((a for a in ast.walk(scope.node.args) if isinstance(a, ast.arg) and a.arg == name.id), None)
    if arg is not None and arg.annotation is not None and ctx.seg(arg.annotation) == "str":
        return True
    for n in scope.nodes:
        if n is not call and isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in STR_ONLY \
                and n.func.attr != "replace" and isinstance(n.func.value, ast.Name) and n.func.value.id == name.id:
            return True
    return False


def detect(ctx):
    found = []
    for node in ctx.tree_nodes:
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and _is_str(ctx, target.value):
                    name = target.value.id
                    verb = "delete" if isinstance(node, ast.Delete) else "change"
                    message = ("%s on line %d tries to %s part of the string `%s`, but strings can't be changed in place "
                               "(TypeError): build a new string instead, for example with slices and `+`."
                               % (ctx.code(node), node.lineno, verb, name))
                    found.append(ctx.finding(CONCEPT, node.lineno, node, message))
                    break
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            method, receiver = node.func.attr, node.func.value
            if method in ("append", "insert", "extend", "remove", "pop") and _is_str(ctx, receiver):
                message = ("%s on line %d calls `.%s` on the string `%s`, but strings can't be changed in place and have "
                           "no `.%s` (AttributeError): build a new string with `+` instead."
                           % (ctx.code(node), node.lineno, method, receiver.id, method))
                found.append(ctx.finding(CONCEPT, node.lineno, node, message))
            elif method in STR_TO_STR and method not in ("join", "format") and isinstance(ctx.parent(node), ast.Expr) \
                    and _is_str(ctx, receiver) and (method != "replace" or _surely_str(ctx, receiver, node)):
                message = ("%s on line %d makes a new string but doesn't keep it, so `%s` stays as it was: strings "
                           "never change in place, so keep the new string that `.%s()` gives back."
                           % (ctx.code(node), node.lineno, receiver.id, method))
                found.append(ctx.finding(CONCEPT, node.lineno, node, message))
    return found
