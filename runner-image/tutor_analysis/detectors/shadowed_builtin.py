"""shadowed-builtin: `list = [1, 2]` or `def f(str):` reuses the name of a built-in, which then stops working."""

import ast

from ..context import BUILTIN_NAMES
from ..kinds import FUNCTIONS

CONCEPT = "shadowed-builtin"

# Names whose loss a beginner would notice; binding the others (help, copyright...) is reported all the same.
_CALLABLE_HINT = {"list": "list(...)", "str": "str(...)", "dict": "dict(...)", "int": "int(...)", "sum": "sum(...)",
                  "max": "max(...)", "min": "min(...)", "len": "len(...)", "input": "input(...)", "print": "print(...)",
                  "range": "range(...)", "type": "type(...)", "sorted": "sorted(...)", "set": "set(...)",
                  "float": "float(...)", "id": "id(...)", "abs": "abs(...)", "round": "round(...)", "open": "open(...)"}


def shadowing_bindings(ctx):
    """(name, node, line, how) for the first binding of each builtin name, in source order."""
    seen = {}
    for scope in ctx.scopes:
        for name, node in scope.bindings.items():
            if name not in BUILTIN_NAMES or name in scope.declared:
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                continue  # `from math import pow` is deliberate
            line = getattr(node, "lineno", 0) or 0
            if name not in seen or line < seen[name][2]:
                seen[name] = (name, node, line, scope)
    return sorted(seen.values(), key=lambda item: (item[2], item[0]))


# Built-ins beginners call all the time: reusing one of these names is reported even before it breaks anything.
# The others (id, type, format, hash, next...) are reported when the code also calls them.
_EVERYDAY = {"list", "str", "dict", "int", "float", "bool", "tuple", "set", "sum", "max", "min", "len", "input",
             "print", "range", "sorted", "abs", "round", "open", "map", "filter", "zip", "any", "all", "reversed",
             "enumerate"}


def detect(ctx):
    found = []
    called = {n.func.id for n in ctx.tree_nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    for name, node, line, scope in shadowing_bindings(ctx):
        if name not in _EVERYDAY and name not in called:
            continue
        call = _CALLABLE_HINT.get(name, name)
        if isinstance(node, ast.arg):
            what = "The parameter `%s` of `%s`" % (name, scope.node.name)
            where = "inside `%s`" % scope.node.name
            function = scope.name
        elif isinstance(node, FUNCTIONS):
            what = "`def %s` on line %d" % (name, line)
            where = "after it"
            function = ctx.function_name(node)
        elif isinstance(node, ast.ClassDef):
            what = "`class %s` on line %d" % (name, line)
            where = "after it"
            function = ctx.function_name(node)
        else:
            statement = ctx.statement_of(node)
            what = "%s on line %d" % (ctx.code(statement if not isinstance(statement, (ast.For, ast.While, ast.If, ast.With)) else node), line)
            where = "from then on" if scope.kind == "module" else "inside `%s`" % scope.node.name
            function = ctx.function_name(node)
        message = "%s reuses the name of Python's built-in `%s`, so `%s` no longer means the built-in %s." % (what, name, call, where)
        found.append(ctx.finding(CONCEPT, line, None, message, function=function))
    return found
