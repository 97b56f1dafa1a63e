"""undefined-name: a name that is never created where it's used (NameError): a typo, a missing capital letter,
text without quotes, or a variable that only exists inside another function."""

import ast


CONCEPT = "undefined-name"

PYTHON_SPELLING = {"true": "True", "false": "False", "none": "None", "null": "None", "nil": "None",
                   "TRUE": "True", "FALSE": "False", "NONE": "None", "Null": "None", "NULL": "None"}
_COMMON_BUILTINS = ["print", "len", "range", "input", "int", "str", "float", "list", "dict", "set", "tuple", "sum",
                    "max", "min", "sorted", "abs", "round", "enumerate", "zip", "open", "isinstance", "bool", "True",
                    "False", "None", "reversed", "type", "map", "filter", "any", "all", "ValueError", "TypeError"]


def _candidates(ctx, scope):
    names = set(scope.bindings) | scope.local_only
    outer = scope.parent
    while outer is not None:
        if outer.kind != "class":
            names |= set(outer.bindings)
        outer = outer.parent
    return sorted(names) + _COMMON_BUILTINS


def _defines_names_dynamically(ctx):
    """`globals()[...] = ...`, `exec(...)`: names can appear without a visible definition."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("globals", "exec", "vars")
               for n in ctx.tree_nodes)


def _owners(ctx, name):
    return [s for s in ctx.function_scopes() if name in s.bindings]


def detect(ctx):
    if ctx.has_star_import or _defines_names_dynamically(ctx):
        return []
    found = []
    reported = set()
    for node in ctx.tree_nodes:
        if not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)) or node.id in reported:
            continue
        scope = ctx.scope(node)
        if ctx.visible(scope, node.id):
            continue
        name = node.id
        reported.add(name)
        owners = _owners(ctx, name)
        if name in PYTHON_SPELLING:
            message = "`%s` on line %d is not a name Python knows (NameError): Python writes it `%s`, with a capital letter." % (
                name, node.lineno, PYTHON_SPELLING[name])
        elif owners and owners[0] is not scope:
            where = "`%s`" % owners[0].node.name
            here = "`%s`" % scope.node.name if scope.kind == "function" else "the code outside it"
            message = ("`%s` on line %d only exists inside %s, so %s can't see it (NameError): pass it in as a "
                       "parameter or give it back with `return`." % (name, node.lineno, where, here))
        else:
            import difflib  # only when there is something to suggest: it is slow to import
            close = difflib.get_close_matches(name, [c for c in _candidates(ctx, scope) if c != name], n=1, cutoff=0.75)
            lowered = [c for c in _candidates(ctx, scope) if c.lower() == name.lower() and c != name]
            suggestion = lowered[0] if lowered else close[0] if close else None
            if suggestion:
                message = "`%s` on line %d is used but never defined (NameError): did you mean `%s`?" % (name, node.lineno, suggestion)
            else:
                message = ("`%s` on line %d is used but never defined anywhere (NameError): check its spelling, or put it in "
                           "quotes if it is meant to be text." % (name, node.lineno))
        found.append(ctx.finding(CONCEPT, node.lineno, node, message))
    return found
