"""missing-dict-key: `counts[word] += 1` (or `counts[word] = counts[word] + 1`) with nothing making sure the key
exists first: the first new key raises KeyError."""

import ast

from ..kinds import subscript_index

CONCEPT = "missing-dict-key"

_SAFE_FACTORIES = {"defaultdict", "Counter"}
_CATCHES = {"KeyError", "LookupError", "Exception", "BaseException"}


def _pos(node):
    return (node.lineno, node.col_offset)


def _target(node):
    """(dict name, key node, statement) for `d[k] += ...` and `d[k] = ... d[k] ...`, else None."""
    if isinstance(node, ast.AugAssign):
        t = node.target
        if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name):
            return t.value.id, subscript_index(t)
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        t = node.targets[0]
        if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name):
            key = subscript_index(t)
            for n in ast.walk(node.value):
                if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == t.value.id \
                        and ast.dump(subscript_index(n)) == ast.dump(key):
                    return t.value.id, key
    return None


def _protected(ctx, scope, name, key, statement):
    for n in scope.nodes:
        if isinstance(n, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops) \
                and any(isinstance(c, ast.Name) and c.id == name or
                        isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and isinstance(c.func.value, ast.Name)
                        and c.func.value.id == name for c in n.comparators):
            return True  # `if word in counts`, `if word not in counts.keys()`
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                and n.func.value.id == name and n.func.attr in ("get", "setdefault", "fromkeys", "update"):
            return True
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets):
            v = n.value
            if isinstance(v, ast.Call) and (isinstance(v.func, ast.Name) and v.func.id in _SAFE_FACTORIES or
                                            isinstance(v.func, ast.Attribute) and v.func.attr in _SAFE_FACTORIES | {"fromkeys"}):
                return True
            if isinstance(v, ast.Dict) and v.keys:
                return True  # starts with its keys already in place
            if isinstance(v, ast.DictComp):
                return True
        if isinstance(n, ast.Assign) and n is not statement and _pos(n) < _pos(statement) and len(n.targets) == 1:
            t = n.targets[0]
            if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name \
                    and ast.dump(subscript_index(t)) == ast.dump(key):
                return True  # `counts[word] = 0` earlier
        if isinstance(n, (ast.For, ast.comprehension)) and isinstance(key, ast.Name):
            it = n.iter
            if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr in ("keys", "items"):
                it = it.func.value
            if isinstance(it, ast.Name) and it.id == name and any(isinstance(t, ast.Name) and t.id == key.id for t in ast.walk(n.target)):
                return True  # the key comes from the dictionary itself
    for a in ctx.ancestors(statement):
        if isinstance(a, ast.Try):
            for h in a.handlers:
                if h.type is None or any(isinstance(t, ast.Name) and t.id in _CATCHES for t in ast.walk(h.type)):
                    return True
    return False


def detect(ctx):
    found = []
    for node in ctx.tree_nodes:
        if not isinstance(node, (ast.AugAssign, ast.Assign)):
            continue
        hit = _target(node)
        if hit is None:
            continue
        name, key = hit
        scope = ctx.scope(node)
        if ctx.types(scope).lookup(name, node) != "dict":
            continue
        if _protected(ctx, scope, name, key, node):
            continue
        key_text = ctx.seg(key)
        message = ("%s on line %d reads `%s[%s]` before that key has been given a value, so the first new key raises "
                   "KeyError: check `%s in %s` first, or start from `%s.get(%s, 0)`."
                   % (ctx.code(node), node.lineno, name, key_text, key_text, name, name, key_text))
        found.append(ctx.finding(CONCEPT, node.lineno, node, message))
    return found
