"""FunctionFacts (server/tutor/contracts.ts): what one function takes, does and gives back, from its AST. The
cheap part (basic_facts) is also what detectors ask about a function, so it is worked out once per function and
kept here, beside the code that computes it, not in the parsed-file model (context.py)."""

import ast
import weakref

from .builtin_types import DICT_ONLY, LIST_ONLY, SET_ONLY, STR_ONLY, UNKNOWN
from .candidates import candidate_calls
from .kinds import LOOPS
from .steps import steps_for


def dotted(node):
    """`a.b.c` for a chain of attributes on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def call_label(ctx, call, types):
    """How `calls` names a call: "len", "str.upper", "math.sqrt", "helper"."""
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        method = f.attr
        receiver = f.value
        if isinstance(receiver, ast.Name) and receiver.id in ctx.imported_names:
            return "%s.%s" % (receiver.id, method)
        kind = types.of(receiver)
        if kind in ("str", "list", "dict", "set", "tuple", "int", "float"):
            return "%s.%s" % (kind, method)
        for table, name in ((STR_ONLY, "str"), (LIST_ONLY, "list"), (DICT_ONLY, "dict"), (SET_ONLY, "set")):
            if method in table:
                return "%s.%s" % (name, method)
        label = dotted(receiver)
        if label and len(label) <= 30:
            return "%s.%s" % (label, method)
        return method
    return None


def exception_name(node):
    if node is None:
        return None
    if isinstance(node, ast.Call):
        node = node.func
    return dotted(node)


# Scope -> its basic facts. A scope belongs to one parsed file, so the entries go when that file's Context does.
_BASIC_FACTS = weakref.WeakKeyDictionary()


def basic_facts(ctx, scope):
    """returnsValue, printCalls, loops, recursive, raises and calls of the function `scope`, worked out once."""
    facts = _BASIC_FACTS.get(scope)
    if facts is None:
        facts = _BASIC_FACTS[scope] = _basic_facts(ctx, scope)
    return facts


def _basic_facts(ctx, scope):
    types = ctx.types(scope)
    returns_value = False
    prints = loops = 0
    recursive = False
    raises, calls = [], []
    for node in scope.nodes_in_order():
        if isinstance(node, ast.Return) and node.value is not None \
                and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            returns_value = True
        elif isinstance(node, (ast.Yield, ast.YieldFrom)):
            returns_value = True
        elif isinstance(node, LOOPS):
            loops += 1
        elif isinstance(node, ast.Raise):
            name = exception_name(node.exc)
            if name and name not in raises:
                raises.append(name)
        elif isinstance(node, ast.Call):
            if isinstance(ctx.parent(node), ast.Raise):
                continue  # `raise ValueError(...)` is listed in raises
            if isinstance(node.func, ast.Name) and node.func.id == "print":
                prints += 1
            if ctx.is_self_call(scope, node):
                recursive = True
            label = call_label(ctx, node, types)
            if label and label not in calls:
                calls.append(label)
    return {"returnsValue": returns_value, "printCalls": prints, "loops": loops, "recursive": recursive,
            "raises": raises, "calls": calls}


def is_method(scope):
    return scope.parent is not None and scope.parent.kind == "class"


def param_facts(ctx, scope):
    fn = scope.node
    a = fn.args
    types = ctx.types(scope)
    positional = list(getattr(a, "posonlyargs", [])) + list(a.args)
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    entries = [(arg, d, "") for arg, d in zip(positional, defaults)]
    if a.vararg is not None:
        entries.append((a.vararg, None, "*"))
    entries += [(arg, d, "") for arg, d in zip(a.kwonlyargs, a.kw_defaults)]
    if a.kwarg is not None:
        entries.append((a.kwarg, None, "**"))
    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in fn.decorator_list)
    if is_method(scope) and not static and entries and not entries[0][2] and entries[0][0].arg in ("self", "cls"):
        entries = entries[1:]
    params = []
    for arg, default, star in entries:
        params.append({
            "name": star + arg.arg,
            "default": ctx.seg(default) if default is not None else None,
            "annotation": ctx.seg(arg.annotation) if arg.annotation is not None else None,
            "inferredType": types.params.get(arg.arg, UNKNOWN) or UNKNOWN,
        })
    return params


def function_facts(ctx, scope):
    fn = scope.node
    basic = basic_facts(ctx, scope)
    try:
        docstring = ast.get_docstring(fn, clean=True)
    except Exception:
        docstring = None
    params = param_facts(ctx, scope)
    facts = {
        "name": scope.name,
        "line": fn.lineno,
        "endLine": getattr(fn, "end_lineno", None) or fn.lineno,
        "params": params,
        "returnAnnotation": ctx.seg(fn.returns) if fn.returns is not None else None,
        "docstring": docstring,
        "returnsValue": basic["returnsValue"],
        "printCalls": basic["printCalls"],
        "loops": basic["loops"],
        "recursive": basic["recursive"],
        "raises": list(basic["raises"]),
        "calls": list(basic["calls"]),
        "steps": _safely(lambda: steps_for(ctx, scope), []),
        "candidateCalls": [] if is_method(scope) else _safely(lambda: candidate_calls(ctx, scope, params), []),
    }
    return facts


def _safely(compute, fallback):
    try:
        return compute()
    except (RecursionError, MemoryError):
        return fallback


def reported_functions(ctx):
    """Top-level functions and the methods of top-level classes, in source order."""
    scopes = []
    for scope in ctx.function_scopes():
        parent = scope.parent
        if parent is ctx.module or (parent is not None and parent.kind == "class" and parent.parent is ctx.module):
            scopes.append(scope)
    scopes.sort(key=lambda s: s.node.lineno)
    return scopes

