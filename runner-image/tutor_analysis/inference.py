"""Rough, static type guesses inside one scope: what type an expression has, and what type a name has at a given
point (the last assignment before it, or the parameter's guess from param_types.py). Nothing here runs the
learner's code."""

import ast

from .builtin_types import (BUILTIN_RESULTS, MATH_FLOAT, MATH_INT, NUMBERS, STR_TO_LIST, UNKNOWN, annotation_type,
                            constant_type, is_builtin_call, is_method_call, method_result, numeric)
from .kinds import subscript_index
from .param_types import guess_params


class Types:
    """Type guesses inside one scope. `lookup(name, node)` gives the type a name has where `node` is: the type of
    the last assignment to it before that point in the source (or the parameter's guessed type)."""

    def __init__(self, ctx, scope):
        self.ctx = ctx
        self.scope = scope
        self.params = {}
        self.elements = {}  # parameter -> guessed type of its items, for candidate calls
        self.timeline = {}  # name -> [((line, col), type)]
        if scope.kind == "function":
            guess_params(self)
        self._build_timeline()

    # -- expressions --------------------------------------------------------------------------------------

    def lookup(self, name, node):
        entries = self.timeline.get(name)
        pos = _pos(node)
        if entries:
            best = None
            for where, kind in entries:
                if where < pos:
                    best = kind
                else:
                    break
            if best is not None:
                return best
            # Only assigned later in the source (a loop may come round): the first assignment is a fair guess.
            if name not in self.params:
                return entries[0][1]
        if name in self.params:
            return self.params[name]
        return UNKNOWN

    def of(self, node):
        try:
            return self._of(node, 0)
        except RecursionError:
            return UNKNOWN

    def _of(self, node, depth):
        if depth > 50:
            return UNKNOWN
        d = depth + 1
        if isinstance(node, ast.Constant):
            return constant_type(node.value)
        if isinstance(node, ast.JoinedStr):
            return "str"
        if isinstance(node, (ast.List, ast.ListComp)):
            return "list"
        if isinstance(node, (ast.Dict, ast.DictComp)):
            return "dict"
        if isinstance(node, (ast.Set, ast.SetComp)):
            return "set"
        if isinstance(node, ast.Tuple):
            return "tuple"
        if isinstance(node, ast.Name):
            return self.lookup(node.id, node)
        if isinstance(node, ast.Compare):
            return "bool"
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                return "bool"
            inner = self._of(node.operand, d)
            if isinstance(node.op, ast.Invert):
                return "int"
            return "int" if inner == "bool" else inner if inner in NUMBERS else UNKNOWN
        if isinstance(node, ast.BoolOp):
            kinds = {self._of(v, d) for v in node.values}
            return kinds.pop() if len(kinds) == 1 else UNKNOWN
        if isinstance(node, ast.IfExp):
            a, b = self._of(node.body, d), self._of(node.orelse, d)
            return a if a == b else UNKNOWN
        if isinstance(node, ast.BinOp):
            return self._binop(node, d)
        if isinstance(node, ast.Call):
            return self._call(node, d)
        if isinstance(node, ast.Subscript):
            base = self._of(node.value, d)
            if base == "str":
                return "str"
            if isinstance(subscript_index(node), ast.Slice) and base in ("list", "tuple"):
                return base
            return UNKNOWN
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "math" and node.attr in ("pi", "e", "tau", "inf", "nan"):
                return "float"
            return UNKNOWN
        named_expr = getattr(ast, "NamedExpr", None)
        if named_expr is not None and isinstance(node, named_expr):
            return self._of(node.value, d)
        return UNKNOWN

    def _binop(self, node, d):
        left, right = self._of(node.left, d), self._of(node.right, d)
        op = node.op
        if isinstance(op, ast.Div):
            return "float" if left in NUMBERS + (UNKNOWN,) and right in NUMBERS + (UNKNOWN,) else UNKNOWN
        if isinstance(op, ast.Add):
            if "str" in (left, right):
                return "str"
            if left == right and left in ("list", "tuple"):
                return left
            if left in NUMBERS and right in NUMBERS:
                return numeric(left, right)
            if left in NUMBERS and right == UNKNOWN or right in NUMBERS and left == UNKNOWN:
                return numeric(left, right)
            return UNKNOWN
        if isinstance(op, ast.Mult):
            for seq in ("str", "list", "tuple"):
                if seq in (left, right):
                    return seq
            if left in NUMBERS or right in NUMBERS:
                if UNKNOWN in (left, right):
                    return UNKNOWN  # "ab" * 3 or 2 * 3: can't tell
                return numeric(left, right)
            return UNKNOWN
        if isinstance(op, ast.Mod) and left == "str":
            return "str"
        if isinstance(op, ast.Mod) and left not in NUMBERS:
            return UNKNOWN  # "%s!" % name, or a number: can't tell
        if isinstance(op, (ast.Sub, ast.FloorDiv, ast.Mod, ast.Pow)):
            if left in ("set",) and isinstance(op, ast.Sub):
                return "set"
            if left in NUMBERS or right in NUMBERS:
                return numeric(left, right)
            return UNKNOWN
        if isinstance(op, (ast.BitAnd, ast.BitOr, ast.BitXor)):
            if "set" in (left, right):
                return "set"
            return "int" if left in NUMBERS and right in NUMBERS else UNKNOWN
        if isinstance(op, (ast.LShift, ast.RShift)):
            return "int"
        return UNKNOWN

    def _call(self, node, d):
        f = node.func
        if isinstance(f, ast.Name):
            name = f.id
            if self.ctx.user_function(name) is not None:
                return UNKNOWN
            if name in BUILTIN_RESULTS:
                return BUILTIN_RESULTS[name]
            if name == "round":
                return "float" if len(node.args) >= 2 else "int"
            if name == "abs" and node.args:
                inner = self._of(node.args[0], d)
                return inner if inner in ("int", "float") else UNKNOWN
            if name == "sum" and node.args:
                return "int"
            return UNKNOWN
        if isinstance(f, ast.Attribute):
            if isinstance(f.value, ast.Name) and f.value.id == "math" and "math" in self.ctx.imported_names:
                return "float" if f.attr in MATH_FLOAT else "int" if f.attr in MATH_INT else UNKNOWN
            return method_result(self._of(f.value, d), f.attr)
        return UNKNOWN

    def element_of(self, node):
        """The type of the items a `for` gets from iterating over `node`."""
        if is_builtin_call(node, ("range",)):
            return "int"
        kind = self.of(node)
        if kind == "str":
            return "str"
        if is_method_call(node, STR_TO_LIST):
            return "str"
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and node.elts:
            kinds = {self.of(e) for e in node.elts}
            return kinds.pop() if len(kinds) == 1 else UNKNOWN
        if isinstance(node, ast.Name) and node.id in self.elements:
            return self.elements[node.id]
        return UNKNOWN

    # -- names --------------------------------------------------------------------------------------------

    def _record(self, name, node, kind):
        # Recorded where the statement ends, so that `x = x + 1` still reads the old `x` on its right.
        where = (getattr(node, "end_lineno", None) or 0, getattr(node, "end_col_offset", None) or 0)
        entries = self.timeline.setdefault(name, [])
        entries.append((where, kind))
        entries.sort(key=lambda e: e[0])

    def _build_timeline(self):
        for node in self.scope.nodes_in_order():
            if isinstance(node, ast.Assign):
                kind = self.of(node.value)
                for target in node.targets:
                    self._bind_target(target, node.value, kind, node)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                kind = annotation_type(node.annotation) or (self.of(node.value) if node.value else UNKNOWN)
                self._record(node.target.id, node, kind)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                before = self.lookup(node.target.id, node)
                value = self.of(node.value)
                fake = ast.BinOp(left=ast.Constant(value=None), op=node.op, right=ast.Constant(value=None))
                kind = _combine(before, value, fake)
                self._record(node.target.id, node, kind)
            elif isinstance(node, (ast.For, getattr(ast, "AsyncFor", ast.For))):
                element = self.element_of(node.iter)
                if isinstance(node.target, ast.Name):
                    self._record(node.target.id, node.target, element)
                elif isinstance(node.target, ast.Tuple) and is_builtin_call(node.iter, ("enumerate",)):
                    names = node.target.elts
                    if len(names) == 2 and isinstance(names[0], ast.Name):
                        self._record(names[0].id, node.target, "int")
                        if isinstance(names[1], ast.Name) and node.iter.args:
                            self._record(names[1].id, node.target, self.element_of(node.iter.args[0]))
                else:
                    for name in _target_names(node.target):
                        self._record(name, node.target, UNKNOWN)
            elif isinstance(node, ast.comprehension):
                element = self.element_of(node.iter)
                if isinstance(node.target, ast.Name):
                    self._record(node.target.id, node.target, element)

    def _bind_target(self, target, value, kind, node):
        if isinstance(target, ast.Name):
            self._record(target.id, node, kind)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                for t, v in zip(target.elts, value.elts):
                    self._bind_target(t, v, self.of(v), node)
            else:
                for name in _target_names(target):
                    self._record(name, node, UNKNOWN)

    # -- parameters ---------------------------------------------------------------------------------------


def _combine(before, value, binop):
    if isinstance(binop.op, ast.Div):
        return "float"
    if isinstance(binop.op, ast.Add) and "str" in (before, value):
        return "str"
    if before in NUMBERS and value in NUMBERS:
        return numeric(before, value)
    if before in ("list", "str") and isinstance(binop.op, (ast.Add, ast.Mult)):
        return before
    return before if before != UNKNOWN else UNKNOWN


def _target_names(target):
    for node in ast.walk(target):
        if isinstance(node, ast.Name):
            yield node.id


def _pos(node):
    return (getattr(node, "lineno", 0) or 0, getattr(node, "col_offset", 0) or 0)
