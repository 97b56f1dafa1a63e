"""dict-get: reading a key with a fallback written out by hand, where `d.get(key, default)` says it in one step:

    if name in prices:            price = prices[name] if name in prices else 0
        price = prices[name]      try:
    else:                             price = prices[name]
        price = 0                 except KeyError:
                                      price = 0

and the same with `return`, with `not in` the other way round, and with `price = 0` set just before an `if` that has
no `else`.

Left alone: anything that does more than pick the value (an `else` that also prints, a branch that changes the
dictionary: counting with `counts[x] += 1` is collections-counter's), a default that calls something (`get` would
call it every time, even when the key is there), keys that are computed by a call, and containers known not to be
dictionaries."""

import ast

from ._accumulation import blocks
from ._first_each import first_each
from ..kinds import subscript_index

SUGGESTION = "dict-get"

_NOT_PLAIN = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
              ast.GeneratorExp, ast.NamedExpr, ast.Starred)
_EMPTY_MAKERS = ("list", "dict", "set", "str", "tuple")
_NOT_DICTS = ("list", "str", "set", "tuple", "int", "float", "bool")


def _plain(node, empty_calls_ok=False):
    """An expression with no calls in it (so evaluating it early, or twice, changes nothing); `[]`-like `list()`
    allowed when `empty_calls_ok`."""
    for n in ast.walk(node):
        if empty_calls_ok and isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in _EMPTY_MAKERS \
                and not n.args and not n.keywords:
            continue
        if isinstance(n, _NOT_PLAIN):
            return False
    return True


def _not_a_dict(ctx, node):
    """Whether `node` is known to hold something else than a dictionary. A parameter's guess from how the body
    uses it is not enough: `key in p` is all the body says, and that fits a dictionary as well as a list."""
    if isinstance(node, ast.Name) and node.id in ctx.scope(node).params:
        return False
    return ctx.type_of(node) in _NOT_DICTS


class _Lookup:
    def __init__(self, ctx, container, key):
        self.ctx = ctx
        self.container = ctx.seg(container)
        self.key = ctx.seg(key)
        self.node = container

    def reads(self, node):
        """Whether `node` is exactly `container[key]`."""
        return isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) \
            and self.ctx.seg(node.value) == self.container and self.ctx.seg(subscript_index(node)) == self.key


def _membership(ctx, test):
    """(lookup, key is in) for `key in d` / `key not in d` with a plain key and d not known to be something else."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.In, ast.NotIn))):
        return None
    key, container = test.left, test.comparators[0]
    if not isinstance(container, (ast.Name, ast.Attribute)) or not _plain(key) or not _plain(container):
        return None
    if _not_a_dict(ctx, container):
        return None
    return _Lookup(ctx, container, key), isinstance(test.ops[0], ast.In)


def _picks(ctx, stmts):
    """('assign', target text, value) for `[target = value]`, ('return', None, value) for `[return value]`."""
    if len(stmts) != 1:
        return None
    s = stmts[0]
    if isinstance(s, ast.Assign) and len(s.targets) == 1 \
            and isinstance(s.targets[0], (ast.Name, ast.Attribute, ast.Subscript)):
        return "assign", ctx.seg(s.targets[0]), s.value
    if isinstance(s, ast.Return) and s.value is not None:
        return "return", None, s.value
    return None


def _pair(lookup, found, missing):
    """The default when `found` picks `container[key]` and `missing` picks a plain default the same way."""
    if found is None or missing is None or found[:2] != missing[:2]:
        return None
    if not lookup.reads(found[2]) or not _plain(missing[2], empty_calls_ok=True):
        return None
    if found[1] is not None and found[1] == "%s[%s]" % (lookup.container, lookup.key):
        return None
    return missing[2]


def _message(ctx, stmt, lookup, default):
    if isinstance(default, ast.Constant) and default.value is None:
        better = "%s.get(%s)" % (lookup.container, lookup.key)
    else:
        better = "%s.get(%s, %s)" % (lookup.container, lookup.key, ctx.seg(default))
    better = "`%s`" % better if len(better) <= 45 else "`%s.get(key, default)`" % lookup.container
    return ("%s reads `%s[%s]` when the key is there and falls back to %s otherwise; %s does both in one step."
            % (ctx.code(stmt, 45), lookup.container, lookup.key, ctx.code(default, 20), better))


def _if_hit(ctx, block, i):
    stmt = block[i]
    if not isinstance(stmt, ast.If):
        return None
    found = _membership(ctx, stmt.test)
    if found is None:
        return None
    lookup, is_in = found
    then = _picks(ctx, stmt.body)
    if stmt.orelse:
        other = _picks(ctx, stmt.orelse)
    elif then is not None and then[0] == "return" and i + 1 < len(block):
        other = _picks(ctx, block[i + 1:i + 2])  # if k in d: return d[k] / return default
        if other is not None and other[0] != "return":
            other = None
    elif then is not None and then[0] == "assign" and is_in and i > 0:
        other = _picks(ctx, block[i - 1:i])  # v = default / if k in d: v = d[k]
        if other is not None and (other[0] != "assign" or _mentions_target(other[2], other[1])):
            other = None
    else:
        other = None
    default = _pair(lookup, then, other) if is_in else _pair(lookup, other, then)
    if default is None:
        return None
    return _message(ctx, stmt, lookup, default)


def _mentions_target(value, target):
    return any(isinstance(n, ast.Name) and n.id == target for n in ast.walk(value))


def _try_hit(ctx, stmt):
    if not isinstance(stmt, ast.Try) or stmt.orelse or stmt.finalbody or len(stmt.handlers) != 1:
        return None
    handler = stmt.handlers[0]
    if not (isinstance(handler.type, ast.Name) and handler.type.id == "KeyError") or handler.name:
        return None
    found = _picks(ctx, stmt.body)
    if found is None or not isinstance(found[2], ast.Subscript):
        return None
    value = found[2]
    key = subscript_index(value)
    if not isinstance(value.value, (ast.Name, ast.Attribute)) or not _plain(key) or not _plain(value.value) \
            or isinstance(key, ast.Slice) or _not_a_dict(ctx, value.value):
        return None
    lookup = _Lookup(ctx, value.value, key)
    default = _pair(lookup, found, _picks(ctx, handler.body))
    if default is None:
        return None
    better = "%s.get(%s, %s)" % (lookup.container, lookup.key, ctx.seg(default))
    better = "`%s`" % better if len(better) <= 45 else "`%s.get(key, default)`" % lookup.container
    return ("%s inside `try` with `except KeyError` falls back to %s when the key is missing; %s does that in one "
            "step." % (ctx.code(stmt.body[0], 40), ctx.code(default, 20), better))


def _ifexp_hit(ctx, node):
    if not isinstance(node, ast.IfExp):
        return None
    found = _membership(ctx, node.test)
    if found is None:
        return None
    lookup, is_in = found
    picked, default = (node.body, node.orelse) if is_in else (node.orelse, node.body)
    if not lookup.reads(picked) or not _plain(default, empty_calls_ok=True):
        return None
    return _message(ctx, node, lookup, default)


def review(ctx):
    hits = []
    for block in blocks(ctx):
        for i, stmt in enumerate(block):
            message = _if_hit(ctx, block, i) or _try_hit(ctx, stmt)
            if message is not None:
                hits.append((stmt.lineno, stmt, message))
    for node in ctx.tree_nodes:
        message = _ifexp_hit(ctx, node)
        if message is not None:
            hits.append((node.lineno, node, message))
    return first_each(ctx, SUGGESTION, hits)
