"""What Python's own types, methods and functions are and give back, by name: the method tables that tell a
string from a list, what `len(...)` or `text.split()` gives back, what an annotation names. Plain tables and small
pure functions over single AST nodes; the type guesses built on them are in inference.py and param_types.py.
Only the contract's InferredType names are produced ("str", "int", "float", "bool", "list", "dict", "tuple",
"set", "none", "unknown")."""

import ast

from .kinds import subscript_index

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
