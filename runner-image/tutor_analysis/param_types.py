"""A parameter's probable type, from what the function body does with it: `.upper()` votes for str, `for x in p`
for a list, `p[key] = v` for a dict, `range(p)` for an int; an annotation or a default decides outright. Also
the probable type of a list parameter's items, for example calls. Nothing here runs the learner's code."""

import ast

from .builtin_types import (DICT_ONLY, LIST_ONLY, SET_ONLY, STR_ONLY, UNKNOWN, annotation_type, constant_type,
                            is_builtin_call)
from .kinds import subscript_index


def guess_params(types):
    """Fills `types.params` (name -> guessed type) and `types.elements` (name -> guessed item type) for the
    function `types.scope`. A default is typed with `types.of`, which already sees the parameters guessed so far."""
    fn = types.scope.node
    args = fn.args
    positional = list(getattr(args, "posonlyargs", [])) + list(args.args)
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    names = [a.arg for a, _ in pairs]
    for extra, kind in ((args.vararg, "tuple"), (args.kwarg, "dict")):
        if extra is not None:
            types.params[extra.arg] = kind
    votes = {name: {} for name in names}
    element_votes = {name: {} for name in names}
    loop_vars = {}
    for node in types.scope.nodes:
        if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Name) \
                and node.iter.id in votes and isinstance(node.target, ast.Name):
            loop_vars[node.target.id] = node.iter.id
    range_vars = set()
    for node in types.scope.nodes:
        if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name) \
                and is_builtin_call(node.iter, ("range",)):
            range_vars.add(node.target.id)
    for node in types.scope.nodes:
        if isinstance(node, ast.Name):
            if node.id in votes:
                _vote(types, node, votes[node.id], range_vars)
            elif node.id in loop_vars:
                _vote(types, node, element_votes[loop_vars[node.id]], range_vars)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("sum", "max", "min") \
                and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id in votes:
            _add(element_votes[node.args[0].id], "int", 1)
    is_method = types.scope.parent is not None and types.scope.parent.kind == "class"
    for index, ((arg, default), name) in enumerate(zip(pairs, names)):
        if is_method and index == 0 and name in ("self", "cls"):
            types.params[name] = UNKNOWN  # an object of the learner's own class
            continue
        kind = annotation_type(arg.annotation)
        if kind is None and default is not None and not (isinstance(default, ast.Constant) and default.value is None):
            kind = types.of(default)
            kind = None if kind == UNKNOWN else kind
        if kind is None:
            kind = _winner(votes[name])
        types.params[name] = kind
        element = _winner(element_votes[name])
        if element != UNKNOWN:
            types.elements[name] = element
    for extra, kind in ((args.vararg, "tuple"), (args.kwarg, "dict")):
        if extra is not None:
            types.params[extra.arg] = kind

def _vote(types, node, box, range_vars):
    parent = types.ctx.parent(node)
    if isinstance(parent, ast.Attribute) and parent.value is node:
        call = types.ctx.parent(parent)
        method = parent.attr
        if isinstance(call, ast.Call) and call.func is parent:
            if method in STR_ONLY:
                _add(box, "str", 3)
            elif method in LIST_ONLY:
                _add(box, "list", 3)
            elif method in DICT_ONLY:
                _add(box, "dict", 3)
            elif method in SET_ONLY:
                _add(box, "set", 3)
            elif method in ("remove", "pop", "count", "index"):
                _add(box, "list", 1)
        return
    if isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node:
        _add(box, "list", 2)
        return
    if isinstance(parent, ast.Subscript) and parent.value is node:
        index = subscript_index(parent)
        grand = types.ctx.parent(parent)
        if isinstance(grand, ast.Attribute) and grand.value is parent and grand.attr in STR_ONLY \
                and not isinstance(index, ast.Slice) and isinstance(types.ctx.parent(grand), ast.Call):
            _add(box, "str", 3)  # word[0].upper(): a character of a string
            return
        if isinstance(index, ast.Constant) and isinstance(index.value, str):
            _add(box, "dict", 3)
        elif isinstance(index, ast.Slice):
            _add(box, "list", 1)
        elif isinstance(index, ast.Name) and index.id in range_vars:
            _add(box, "list", 2)
        elif isinstance(index, ast.Constant) and isinstance(index.value, int) or isinstance(index, (ast.BinOp, ast.UnaryOp)):
            _add(box, "list", 1)
        elif isinstance(parent.ctx, ast.Store) or isinstance(types.ctx.parent(parent), ast.AugAssign):
            _add(box, "dict", 2)
        elif isinstance(index, ast.Name):
            _add(box, "dict", 1)
        return
    if isinstance(parent, ast.BinOp):
        if _rounded_to_decimals(types, parent):
            _add(box, "float", 2)  # round(price * 0.9, 2): a number with decimals
            return
        other = parent.right if parent.left is node else parent.left
        other_kind = types.of(other)
        if isinstance(parent.op, ast.Add):
            if other_kind == "str":
                _add(box, "str", 3)
            elif other_kind in ("int", "float"):
                _add(box, other_kind, 2)
            elif other_kind == "list":
                _add(box, "list", 2)
        elif isinstance(parent.op, ast.Mult):
            if other_kind in ("str", "list"):
                _add(box, "int", 2)
            elif other_kind in ("int", "float"):
                _add(box, other_kind, 1)
            else:
                _add(box, "int", 1)
        elif isinstance(parent.op, ast.Mod) and parent.left is node and other_kind in ("tuple", "str"):
            _add(box, "str", 2)
        elif isinstance(parent.op, ast.Mod) and (parent.right is node or other_kind not in ("int", "float")):
            pass  # `text % values` formats text; `n % 10` is arithmetic: can't tell
        elif isinstance(parent.op, (ast.Sub, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)):
            _add(box, "float" if other_kind == "float" else "int", 2)
        return
    if isinstance(parent, ast.AugAssign) and parent.target is node:
        kind = types.of(parent.value)
        if kind == "str" and isinstance(parent.op, ast.Add):
            _add(box, "str", 3)
        elif kind in ("int", "float"):
            _add(box, kind, 2)
        return
    if isinstance(parent, ast.UnaryOp):
        _add(box, "bool" if isinstance(parent.op, ast.Not) else "int", 1 if isinstance(parent.op, ast.Not) else 2)
        return
    if isinstance(parent, ast.Compare):
        operands = [parent.left] + list(parent.comparators)
        index = next((i for i, o in enumerate(operands) if o is node), None)
        if index is None:
            return
        neighbours = []
        if index > 0:
            neighbours.append((parent.ops[index - 1], operands[index - 1], "right"))
        if index < len(parent.ops):
            neighbours.append((parent.ops[index], operands[index + 1], "left"))
        for op, other, side in neighbours:
            if isinstance(other, ast.Constant):
                if isinstance(other.value, bool):
                    _add(box, "bool", 3)
                elif isinstance(other.value, (int, float)):
                    _add(box, constant_type(other.value), 2 if isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) else 1)
                elif isinstance(other.value, str):
                    if isinstance(op, (ast.In, ast.NotIn)) and side == "left":
                        _add(box, "str", 2)
                    elif isinstance(op, (ast.Eq, ast.NotEq)):
                        _add(box, "str", 2)
            if isinstance(op, (ast.In, ast.NotIn)) and side == "right":
                _add(box, "list", 1)
        return
    if isinstance(parent, ast.Call) and node in parent.args:
        name = parent.func.id if isinstance(parent.func, ast.Name) else None
        if name == "range":
            _add(box, "int", 3)
        elif name in ("sum", "sorted", "max", "min", "enumerate", "zip", "reversed") and len(parent.args) == 1:
            _add(box, "list", 2)
        elif name == "len":
            _add(box, "list", 1)
        elif name in ("int", "float"):
            _add(box, "str", 1)
        elif name == "abs":
            _add(box, "int", 2)
        elif name == "round":
            _add(box, "float", 2)
        elif name in ("str", "chr"):
            _add(box, "int", 1)
        elif name == "ord":
            _add(box, "str", 2)
        elif isinstance(parent.func, ast.Attribute) and parent.func.attr == "join" and isinstance(parent.func.value, ast.Constant):
            _add(box, "list", 2)
        return
    if isinstance(parent, (ast.If, ast.While)) and parent.test is node:
        _add(box, "bool", 1)
        return
    if isinstance(parent, ast.FormattedValue) and parent.format_spec is not None:
        spec = "".join(v.value for v in getattr(parent.format_spec, "values", []) if isinstance(v, ast.Constant) and isinstance(v.value, str))
        if spec.endswith("f") or spec.endswith("%"):
            _add(box, "float", 2)
        elif spec.endswith("d"):
            _add(box, "int", 2)


def _rounded_to_decimals(types, node):
    for a in types.ctx.ancestors(node):
        if isinstance(a, ast.Call) and isinstance(a.func, ast.Name) and a.func.id == "round" and len(a.args) == 2:
            return True
        if isinstance(a, (ast.stmt, ast.Call)):
            return False
    return False


# Ties between equally supported types go to the first of these.
PREFERENCE = ["str", "list", "dict", "set", "float", "int", "bool", "tuple"]


def _add(box, kind, weight):
    box[kind] = box.get(kind, 0) + weight


def _winner(box):
    if not box:
        return UNKNOWN
    # int and float evidence together mean a number that may have decimals.
    if "int" in box and "float" in box:
        box = dict(box)
        box["float"] += box.pop("int")
    best = max(box.values())
    for kind in PREFERENCE:
        if box.get(kind) == best:
            return kind
    return UNKNOWN
