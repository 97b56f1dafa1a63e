"""uses-json (celebratory): structured data saved with `json.dump` (or written as `json.dumps(...)`) or read back
with `json.load` / `json.loads`, instead of a text format of the learner's own. Said once per program, on the first
save (or, when nothing is saved, the first load). Left alone: `json.dumps` only printed for show."""

import ast

SUGGESTION = "uses-json"

_SAVES = ("dump", "dumps")
_LOADS = ("load", "loads")


def _json_names(ctx):
    """{name in the code: json function} for `import json` (as anything) and `from json import load, dump`."""
    modules, functions = set(), {}
    for node in ctx.tree_nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "json":
                    modules.add(alias.asname or "json")
        elif isinstance(node, ast.ImportFrom) and node.module == "json" and not node.level:
            for alias in node.names:
                if alias.name in _SAVES + _LOADS:
                    functions[alias.asname or alias.name] = alias.name
    return modules, functions


def _json_call(node, modules, functions):
    """Which json function a call calls ("dump", "loads"...), else None."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    f = node.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in modules and f.attr in _SAVES + _LOADS:
        return f.attr
    if isinstance(f, ast.Name):
        return functions.get(f.id)
    return None


def _only_shown(ctx, node):
    """`print(json.dumps(data, indent=2))`: JSON for show, not for keeping."""
    for a in ctx.ancestors(node):
        if isinstance(a, ast.Call) and isinstance(a.func, ast.Name) and a.func.id == "print" \
                and not any(k.arg == "file" for k in a.keywords):
            return True
        if isinstance(a, ast.stmt):
            return False
    return False


def review(ctx):
    modules, functions = _json_names(ctx)
    if not modules and not functions:
        return []
    saves, loads = [], []
    for node in ctx.tree_nodes:
        kind = _json_call(node, modules, functions)
        if kind in _SAVES and not _only_shown(ctx, node):
            saves.append(node)
        elif kind in _LOADS:
            loads.append(node)
    chosen = saves or loads
    if not chosen:
        return []
    call = min(chosen, key=lambda n: (n.lineno, n.col_offset))
    shown = ctx.code(call, 45)
    if saves and _json_call(call, modules, functions) == "dump":
        message = ("%s saves the data as JSON, a standard format that `json.load` turns back into the same lists and "
                   "dictionaries, numbers and all, with no splitting or converting by hand: well chosen." % shown)
    elif saves:
        message = ("%s turns the data into JSON text, a standard format that `json.loads` turns back into the same "
                   "lists and dictionaries, numbers and all, with no splitting or converting by hand: well chosen."
                   % shown)
    else:
        message = ("%s reads the saved data straight back into lists and dictionaries, with no splitting or "
                   "converting by hand: well chosen." % shown)
    return [ctx.suggestion(SUGGESTION, call.lineno, call, message)]
