"""Value encoding, in the case process, after the learner's code has run: a returned value as the tagged tree the
server decodes (server/grading/values.ts), and a minimal JSON writer for reports. Built only from pinned builtins
and captured primitives (pinned.py), so a learner who replaced builtins, json or os changes nothing here."""

from .pinned import (bytes_hex, dict_items, encode_json_string, float_repr, int_repr, object_repr, pin_builtins,
                     str_join, type_name)
from .protocol import MAX_DEPTH, MAX_ITEMS, MAX_REPR_CHARS

pin_builtins(globals())

_CONTAINER_KINDS = ((list, "list"), (tuple, "tuple"), (set, "set"), (frozenset, "frozenset"))
_BYTES_KINDS = (bytes, bytearray)


def write_json(node):
    """JSON text of a tree of str, bool, int, list, dict and None (nothing else: a report is built only of these)."""
    t = type(node)
    if t is str:
        return encode_json_string(node)
    if t is bool:
        return "true" if node else "false"
    if t is int:
        return int_repr(node)
    if t is list:
        return "[" + str_join(",", [write_json(x) for x in node]) + "]"
    if t is dict:
        return "{" + str_join(",", [encode_json_string(k) + ":" + write_json(v) for k, v in node.items()]) + "}"
    if node is None:
        return "null"
    raise TypeError("unexpected node")


def safe_repr(value, limit=MAX_REPR_CHARS):
    """The value's repr (its own __repr__, which may raise anything), or object's when that fails; cut at `limit`."""
    try:
        text = repr(value)
        if type(text) is not str:
            text = object_repr(value)
    except BaseException:  # a learner's __repr__ may raise anything
        text = object_repr(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    return text


class _Budget:
    def __init__(self):
        self.items = 0


def encode_value(value, depth=0, seen=None, budget=None):
    """Encodes a Python value as a tagged tree the server decodes faithfully (tuples stay tuples, big ints stay exact)."""
    if seen is None:
        seen = set()
    if budget is None:
        budget = _Budget()
    budget.items += 1
    if budget.items > MAX_ITEMS or depth > MAX_DEPTH:
        return {"t": "repr", "type": "...", "v": "... (value too large to show)"}
    t = type(value)
    if value is None:
        return {"t": "none"}
    if t is bool:
        return {"t": "bool", "v": value}
    if issubclass(t, int):
        return _with_type_name({"t": "int", "v": int_repr(value)}, t, int)
    if issubclass(t, float):
        return _with_type_name({"t": "float", "v": float_repr(value)}, t, float)
    if issubclass(t, str):
        return _with_type_name({"t": "str", "v": str.__str__(value)}, t, str)
    if issubclass(t, _BYTES_KINDS):
        return {"t": "bytes", "v": bytes_hex(bytes(value)), "type": name_of(t)}
    if id(value) in seen:
        return {"t": "repr", "type": name_of(t), "v": "[...]"}
    for base, tag in _CONTAINER_KINDS:
        if issubclass(t, base):
            seen.add(id(value))
            items = [encode_value(x, depth + 1, seen, budget) for x in base.__iter__(value)]
            seen.discard(id(value))
            return _with_type_name({"t": tag, "items": items}, t, base)
    if issubclass(t, dict):
        seen.add(id(value))
        pairs = [[encode_value(k, depth + 1, seen, budget), encode_value(v, depth + 1, seen, budget)]
                 for k, v in dict_items(value)]
        seen.discard(id(value))
        return _with_type_name({"t": "dict", "items": pairs}, t, dict)
    return {"t": "repr", "type": name_of(t), "v": safe_repr(value)}


def name_of(t):
    """A type's real name (never what a metaclass claims), at most 200 characters."""
    name = type_name(t)
    return name[:200] if type(name) is str else "object"


def _with_type_name(node, t, base):
    if t is not base:
        node["type"] = name_of(t)
    return node
