"""Rough, static type guesses: what a parameter probably is, judging by what the body does with it, and what
type an expression has. Only the contract's InferredType names are produced ("str", "int", "float", "bool",
"list", "dict", "tuple", "set", "none", "unknown"). Nothing here runs the learner's code.
"""

import ast

UNKNOWN = "unknown"
NUMBERS = ("int", "float", "bool")

STR_TO_STR = {"upper", "lower", "strip", "lstrip", "rstrip", "title", "capitalize", "casefold", "swapcase",
              "replace", "center", "ljust", "rjust", "zfill", "join", "format", "format_map", "expandtabs",
              "translate", "removeprefix", "removesuffix"}
STR_TO_LIST = {"split", "rsplit", "splitlines"}
STR_TO_INT = {"find", "rfind", "rindex"}
STR_TO_BOOL = {"startswith", "endswith", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower",
               "istitle", "isnumeric", "isdecimal", "isidentifier", "isprintable", "isascii"}
STR_TO_TUPLE = {"partition", "rpartition"}
STR_ONLY = STR_TO_STR | STR_TO_LIST | STR_TO_INT | STR_TO_BOOL | STR_TO_TUPLE | {"encode"}
LIST_ONLY = {"append", "extend", "insert", "sort", "reverse"}
DICT_ONLY = {"items", "keys", "values", "get", "setdefault", "popitem"}
SET_ONLY = {"add", "discard", "union", "intersection", "difference", "symmetric_difference", "issubset",
            "issuperset", "isdisjoint", "intersection_update", "difference_update", "symmetric_difference_update"}
# Methods of the built-in containers that change them in place and give back None.
IN_PLACE = {"append", "extend", "insert", "sort", "reverse", "remove", "clear"}
IN_PLACE_DICT_SET = {"update", "add", "discard"}

ANNOTATIONS = {
    "str": "str", "int": "int", "float": "float", "bool": "bool", "list": "list", "dict": "dict",
    "tuple": "tuple", "set": "set", "frozenset": "set", "None": "none", "NoneType": "none",
    "List": "list", "Sequence": "list", "MutableSequence": "list", "Iterable": "list", "Dict": "dict",
    "Mapping": "dict", "MutableMapping": "dict", "DefaultDict": "dict", "defaultdict": "dict", "Counter": "dict",
    "OrderedDict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "set", "AbstractSet": "set",
    "Text": "str",
}

BUILTIN_RESULTS = {
    "int": "int", "float": "float", "str": "str", "bool": "bool", "list": "list", "dict": "dict", "set": "set",
    "frozenset": "set", "tuple": "tuple", "len": "int", "input": "str", "sorted": "list", "ord": "int",
    "chr": "str", "repr": "str", "ascii": "str", "format": "str", "hex": "str", "oct": "str", "bin": "str",
    "divmod": "tuple", "isinstance": "bool", "issubclass": "bool", "any": "bool", "all": "bool",
    "callable": "bool", "hash": "int", "id": "int", "print": "none", "hasattr": "bool",
}

MATH_FLOAT = {"sqrt", "pow", "exp", "log", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
              "atan2", "hypot", "fabs", "radians", "degrees", "fsum", "dist"}
MATH_INT = {"floor", "ceil", "trunc", "gcd", "lcm", "factorial", "comb", "perm", "isqrt"}


def annotation_type(node):
    """The InferredType an annotation names, or None."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        if node.value is None:
            return "none"
        if isinstance(node.value, str):  # a string annotation: "list[int]"
            try:
                return annotation_type(ast.parse(node.value, mode="eval").body)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
        return None
    if isinstance(node, ast.Name):
        return ANNOTATIONS.get(node.id)
    if isinstance(node, ast.Attribute):
        return ANNOTATIONS.get(node.attr)
    if isinstance(node, ast.Subscript):
        base = node.value
        base_name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else None
        if base_name == "Optional":
            return annotation_type(subscript_index(node))
        if base_name == "Union":
            inner = subscript_index(node)
            options = inner.elts if isinstance(inner, ast.Tuple) else [inner]
            kinds = [annotation_type(o) for o in options]
            kinds = [k for k in kinds if k and k != "none"]
            return kinds[0] if len(set(kinds)) == 1 else None
        return ANNOTATIONS.get(base_name)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # int | None
        kinds = [annotation_type(node.left), annotation_type(node.right)]
        kinds = [k for k in kinds if k and k != "none"]
        return kinds[0] if len(set(kinds)) == 1 else None
    return None


def subscript_index(node):
    """The index expression of a Subscript, unwrapping Python 3.8's ast.Index."""
    s = node.slice
    index_class = getattr(ast, "Index", None)
    if index_class is not None and isinstance(s, index_class):
        return s.value
    return s


def constant_type(value):
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    return UNKNOWN


def numeric(a, b):
    """The type of arithmetic between two numbers (bool counts as int)."""
    if "float" in (a, b):
        return "float"
    return "int"


def is_method_call(node, names=None):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and (names is None or node.func.attr in names))


def is_builtin_call(node, names):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names


def method_result(receiver_type, method):
    """What a method call gives back, judging by the receiver's type and the method's name."""
    if receiver_type == "str" or (receiver_type == UNKNOWN and method in STR_ONLY):
        if method in STR_TO_STR:
            return "str"
        if method in STR_TO_LIST:
            return "list"
        if method in STR_TO_INT or method in ("count", "index"):
            return "int"
        if method in STR_TO_BOOL:
            return "bool"
        if method in STR_TO_TUPLE:
            return "tuple"
        return UNKNOWN
    if method in IN_PLACE and receiver_type in ("list", UNKNOWN) and method not in ("remove", "clear"):
        return "none"
    if receiver_type == "list":
        if method in IN_PLACE:
            return "none"
        if method in ("count", "index"):
            return "int"
        if method == "copy":
            return "list"
    if receiver_type == "dict":
        if method in ("update", "clear"):
            return "none"
        if method == "copy":
            return "dict"
    if receiver_type == "set":
        if method in ("add", "discard", "remove", "clear", "update"):
            return "none"
        if method in ("union", "intersection", "difference", "symmetric_difference", "copy"):
            return "set"
    if receiver_type == UNKNOWN and method in ("issubset", "issuperset", "isdisjoint"):
        return "bool"
    return UNKNOWN


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
            self._infer_params()
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

    def _infer_params(self):
        fn = self.scope.node
        args = fn.args
        positional = list(getattr(args, "posonlyargs", [])) + list(args.args)
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        pairs = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
        names = [a.arg for a, _ in pairs]
        for extra, kind in ((args.vararg, "tuple"), (args.kwarg, "dict")):
            if extra is not None:
                self.params[extra.arg] = kind
        votes = {name: {} for name in names}
        element_votes = {name: {} for name in names}
        loop_vars = {}
        for node in self.scope.nodes:
            if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Name) \
                    and node.iter.id in votes and isinstance(node.target, ast.Name):
                loop_vars[node.target.id] = node.iter.id
        range_vars = set()
        for node in self.scope.nodes:
            if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name) \
                    and is_builtin_call(node.iter, ("range",)):
                range_vars.add(node.target.id)
        for node in self.scope.nodes:
            if isinstance(node, ast.Name):
                if node.id in votes:
                    self._vote(node, votes[node.id], range_vars)
                elif node.id in loop_vars:
                    self._vote(node, element_votes[loop_vars[node.id]], range_vars)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("sum", "max", "min") \
                    and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id in votes:
                _add(element_votes[node.args[0].id], "int", 1)
        is_method = self.scope.parent is not None and self.scope.parent.kind == "class"
        for index, ((arg, default), name) in enumerate(zip(pairs, names)):
            if is_method and index == 0 and name in ("self", "cls"):
                self.params[name] = UNKNOWN  # an object of the learner's own class
                continue
            kind = annotation_type(arg.annotation)
            if kind is None and default is not None and not (isinstance(default, ast.Constant) and default.value is None):
                kind = self.of(default)
                kind = None if kind == UNKNOWN else kind
            if kind is None:
                kind = _winner(votes[name])
            self.params[name] = kind
            element = _winner(element_votes[name])
            if element != UNKNOWN:
                self.elements[name] = element
        for extra, kind in ((args.vararg, "tuple"), (args.kwarg, "dict")):
            if extra is not None:
                self.params[extra.arg] = kind

    def _vote(self, node, box, range_vars):
        parent = self.ctx.parent(node)
        if isinstance(parent, ast.Attribute) and parent.value is node:
            call = self.ctx.parent(parent)
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
            grand = self.ctx.parent(parent)
            if isinstance(grand, ast.Attribute) and grand.value is parent and grand.attr in STR_ONLY \
                    and not isinstance(index, ast.Slice) and isinstance(self.ctx.parent(grand), ast.Call):
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
            elif isinstance(parent.ctx, ast.Store) or isinstance(self.ctx.parent(parent), ast.AugAssign):
                _add(box, "dict", 2)
            elif isinstance(index, ast.Name):
                _add(box, "dict", 1)
            return
        if isinstance(parent, ast.BinOp):
            if self._rounded_to_decimals(parent):
                _add(box, "float", 2)  # round(price * 0.9, 2): a number with decimals
                return
            other = parent.right if parent.left is node else parent.left
            other_kind = self.of(other)
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
            kind = self.of(parent.value)
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


    def _rounded_to_decimals(self, node):
        for a in self.ctx.ancestors(node):
            if isinstance(a, ast.Call) and isinstance(a.func, ast.Name) and a.func.id == "round" and len(a.args) == 2:
                return True
            if isinstance(a, (ast.stmt, ast.Call)):
                return False
        return False


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
