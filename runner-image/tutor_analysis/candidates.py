"""Example calls of a function, as Python expressions: typical inputs, edge cases and wrong inputs, built from the
parameters' guessed types (and their names, when the body gives no clue). The server runs them in the sandbox
for docstring examples and "explain this function"; nothing here runs them."""

import ast

from .builtin_types import UNKNOWN

MAX_CALLS = 8

TYPICAL = {
    "str": ['"hello"', '"Hello World"'],
    "int": ["5", "27"],
    "float": ["2.5", "10.0"],
    "bool": ["True", "False"],
    "list": ["[3, 1, 2]", "[10, 20, 30, 40]"],
    "dict": ['{"a": 1, "b": 2}', '{"x": 10}'],
    "tuple": ["(1, 2)", "(3, 4, 5)"],
    "set": ["{1, 2, 3}", "{4}"],
    "none": ["None", "None"],
}
EDGE = {
    "str": ['""', '"a"'],
    "int": ["0", "-3"],
    "float": ["0.0", "-1.5"],
    "bool": ["False"],
    "list": ["[]", "[7]"],
    "dict": ["{}"],
    "tuple": ["()"],
    "set": ["set()"],
    "none": [],
}
LIST_OF = {
    "str": ('["apple", "Banana", "cherry"]', '["one", "two", "two", "three"]', '["solo"]'),
    "float": ("[1.5, 2.25, 3.0]", "[0.1, 0.2, 0.7]", "[4.5]"),
    "int": ("[3, 1, 2]", "[10, 20, 30, 40]", "[7]"),
    "list": ("[[1, 2], [3, 4]]", "[[5], [], [6, 7]]", "[[]]"),
}
WORDS = ['"the cat and the hat"', '"Hello hello world"']

_STR_NAMES = {"s", "text", "word", "name", "string", "sentence", "line", "msg", "message", "char", "c", "letter",
              "phrase", "password", "email", "title", "label", "prefix", "suffix", "sep", "separator", "key", "code",
              "greeting", "first", "last", "city", "color", "colour", "animal", "path", "filename", "username"}
_INT_NAMES = {"n", "num", "number", "count", "x", "y", "z", "i", "j", "k", "m", "size", "limit", "age", "year",
              "length", "width", "height", "index", "idx", "start", "stop", "end", "step", "times", "total",
              "minutes", "seconds", "hours", "days", "score", "level", "target", "value", "val", "base", "exp",
              "exponent", "digits", "places", "a", "b", "low", "high", "lo", "hi", "amount", "quantity", "qty"}
_FLOAT_NAMES = {"price", "cost", "rate", "percent", "percentage", "temperature", "temp", "celsius", "fahrenheit",
                "weight", "distance", "speed", "balance", "salary", "tax", "discount", "ratio", "factor"}
_LIST_NAMES = {"lst", "arr", "array", "items", "data", "values", "nums", "numbers", "xs", "seq", "sequence",
               "elements", "scores", "grades", "words", "names", "list1", "list2", "l", "li", "marks", "ages"}
_DICT_NAMES = {"d", "dct", "mapping", "table", "lookup", "dictionary", "inventory", "phonebook", "counts", "stock"}


def guess_from_name(name):
    n = name.lower().lstrip("_")
    if n.startswith(("is_", "has_", "should_", "can_", "use_")) or n in ("flag", "verbose", "reverse", "strict", "debug"):
        return "bool"
    if n in _STR_NAMES or n.endswith(("name", "text", "str", "word", "string", "line", "message", "char")):
        return "str"
    if n in _FLOAT_NAMES:
        return "float"
    if n in _INT_NAMES or n.startswith(("num_", "n_")) or n.endswith(("_count", "_index", "_size")):
        return "int"
    if n in _DICT_NAMES or "_by_" in n or n.endswith(("_map", "_dict")):
        return "dict"
    if n in _LIST_NAMES or len(n) > 3 and n.endswith("s"):
        return "list"
    return UNKNOWN


class _Param:
    def __init__(self, facts, kwonly, kind, element, word_like):
        self.name = facts["name"]
        self.default = facts["default"]
        self.kwonly = kwonly
        self.kind = kind
        self.typical = self._typical(kind, element, word_like)
        self.edge = self._edge(kind, element)

    @staticmethod
    def _typical(kind, element, word_like):
        if kind == "list" and element in LIST_OF:
            return list(LIST_OF[element][:2])
        if kind == "str" and word_like:
            return list(WORDS)
        if kind in TYPICAL:
            return list(TYPICAL[kind])
        return ["3", '"abc"']

    @staticmethod
    def _edge(kind, element):
        if kind == "list" and element in LIST_OF:
            return ["[]", LIST_OF[element][2]]
        if kind in EDGE:
            return list(EDGE[kind])
        return ["0", '""']


def _mentions(node, name):
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


# A value of the wrong type, besides None: text where a number belongs (what input() gives), a number for text.
WRONG = {"int": '"5"', "float": '"2.5"', "str": "42"}


def _boundaries(ctx, scope, name):
    """Constants `name` is compared with: [(value text, kind)], "edge" at the boundary, "error" just past a
    boundary whose `if` raises."""
    found = []
    for node in scope.nodes:
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            continue
        left, op, right = node.left, node.ops[0], node.comparators[0]
        flipped = False
        if not (isinstance(left, ast.Name) and left.id == name):
            if isinstance(right, ast.Name) and right.id == name:
                left, right, flipped = right, left, True
            else:
                continue
        value = _number(right)
        if value is None:
            continue
        if flipped:
            op = {ast.Lt: ast.Gt(), ast.Gt: ast.Lt(), ast.LtE: ast.GtE(), ast.GtE: ast.LtE()}.get(type(op), op)
        raises = False
        for a in ctx.ancestors(node):
            if isinstance(a, ast.If):
                raises = any(isinstance(s, ast.Raise) for s in a.body) and ctx.in_body_of(node, a) is False
                break
            if isinstance(a, ast.stmt):
                break
        if raises:
            past = {ast.Lt: value - 1, ast.Gt: value + 1, ast.LtE: value, ast.GtE: value, ast.Eq: value}.get(type(op))
            if past is not None:
                found.append((_text(past), "error"))
        found.append((_text(value), "edge"))
    return found


def _number(node):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return -inner if inner is not None else None
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    return None


def _text(value):
    return repr(value)


def candidate_calls(ctx, scope, param_facts):
    fn = scope.node
    a = fn.args
    types = ctx.types(scope)
    positional = list(getattr(a, "posonlyargs", [])) + list(a.args)
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    by_name = {p["name"]: p for p in param_facts}
    params = []
    for arg, default, kwonly in [(x, d, False) for x, d in zip(positional, defaults)] + \
            [(x, d, True) for x, d in zip(a.kwonlyargs, a.kw_defaults)]:
        facts = by_name.get(arg.arg)
        if facts is None:  # self / cls
            continue
        kind = facts["inferredType"]
        if kind == UNKNOWN:
            kind = guess_from_name(arg.arg)
        element = types.elements.get(arg.arg)
        if kind == "list" and element is None:
            guess = guess_from_name(arg.arg[:-1]) if arg.arg.endswith("s") else UNKNOWN
            element = guess if guess in LIST_OF else None
        word_like = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "split"
                        and _mentions(n.func.value, arg.arg) for n in scope.nodes)
        params.append(_Param(facts, kwonly, kind, element, word_like))

    name = fn.name

    def call(values):
        args = []
        positional_params = [p for p in params if not p.kwonly]
        last = -1
        for i, p in enumerate(positional_params):
            if p.name in values or p.default is None:
                last = i
        for p in positional_params[:last + 1]:
            args.append(values.get(p.name, p.default if p.default is not None else p.typical[0]))
        for p in params:
            if p.kwonly and (p.name in values or p.default is None):
                args.append("%s=%s" % (p.name, values.get(p.name, p.typical[0])))
        return "%s(%s)" % (name, ", ".join(args))

    base = {p.name: p.typical[0] for p in params if p.default is None}
    typical = [call(base)]
    if params:
        second = {}
        for p in params:
            options = [v for v in p.typical if v != p.default]
            second[p.name] = options[1] if len(options) > 1 else (options[0] if options else p.typical[0])
        typical.append(call(second))
    edges, errors = [], []
    for p in params:
        for value, kind in _boundaries(ctx, scope, p.name):
            values = dict(base)
            values[p.name] = value
            (errors if kind == "error" else edges).append(call(values))
    for p in params:
        for value in p.edge:
            values = dict(base)
            values[p.name] = value
            edges.append(call(values))
    if params:
        first = params[0]
        for wrong in ["None"] + ([WRONG[first.kind]] if first.kind in WRONG else []):
            values = dict(base)
            values[first.name] = wrong
            errors.append(call(values))

    chosen = []
    seen = set()

    def take(kind, calls, limit):
        count = 0
        for c in calls:
            if count >= limit or len(chosen) >= MAX_CALLS:
                break
            if c in seen:
                continue
            seen.add(c)
            chosen.append({"kind": kind, "call": c})
            count += 1

    take("typical", typical, 2)
    error_room = min(3, len(set(errors)))
    take("edge", edges, MAX_CALLS - len(chosen) - error_room)
    take("error", errors, 3)
    order = {"typical": 0, "edge": 1, "error": 2}
    chosen.sort(key=lambda c: order[c["kind"]])
    return chosen
