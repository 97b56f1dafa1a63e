"""mutable-default-argument: `def add(item, items=[])`: the default list is made once and shared by every call."""

import ast

CONCEPT = "mutable-default-argument"

_CALLS = {"list": "list", "dict": "dictionary", "set": "set", "defaultdict": "dictionary", "Counter": "dictionary",
          "OrderedDict": "dictionary", "deque": "deque", "bytearray": "bytearray"}


def _kind(node):
    if isinstance(node, (ast.List, ast.ListComp)):
        return "list"
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return "dictionary"
    if isinstance(node, (ast.Set, ast.SetComp)):
        return "set"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _CALLS.get(node.func.id)
    return None


_CHANGERS = {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "update", "add", "discard",
             "setdefault", "popitem", "appendleft", "extendleft"}


def _changed_or_shared(ctx, scope, name):
    """Whether the function changes the default in place, or hands it out (returns or stores it, or puts it in a
    list or dictionary it builds), so that the change can outlive the call."""
    for n in scope.nodes:
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                and n.func.value.id == name and n.func.attr in _CHANGERS:
            return True
        if isinstance(n, (ast.Subscript, ast.Attribute)) and isinstance(n.ctx, (ast.Store, ast.Del)) \
                and isinstance(n.value, ast.Name) and n.value.id == name:
            return True
        if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name:
            return True
        if isinstance(n, (ast.Return, ast.Yield)) and isinstance(n.value, ast.Name) and n.value.id == name \
                and not _rebound_before(scope, name, n.lineno):
            return True
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Name) and n.value.id == name \
                and any(not isinstance(t, ast.Name) for t in n.targets):
            return True  # self.items = items
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and _an_item_of_a_display(ctx, n):
            return True  # {"inventory": inventory}: whoever gets the dictionary gets the shared list
    return False


def _rebound_before(scope, name, line):
    """Whether a statement of the function's own body (not inside a branch or loop, which may not run) binds
    `name` to something else before `line`: after `acc = acc + [x]` a `return acc` hands out a new list, not the
    default."""
    return any(isinstance(s, ast.Assign) and s.lineno < line
               and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)
               for s in scope.node.body)


def _an_item_of_a_display(ctx, node):
    """Whether `node` is itself an item of a list, tuple or set display, or a value of a dictionary display."""
    parent = ctx.parent(node)
    if isinstance(parent, (ast.List, ast.Tuple, ast.Set)):
        return any(e is node for e in parent.elts)
    return isinstance(parent, ast.Dict) and any(v is node for v in parent.values)


def detect(ctx):
    found = []
    for scope in ctx.function_scopes():
        a = scope.node.args
        positional = list(getattr(a, "posonlyargs", [])) + list(a.args)
        pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults))
        pairs += [(arg, d) for arg, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
        for arg, default in pairs:
            kind = _kind(default)
            if kind is None or not _changed_or_shared(ctx, scope, arg.arg):
                continue
            message = ("`%s=%s` in `def %s` makes one %s when the function is defined, and every call that leaves out "
                       "`%s` shares that same %s, so what one call adds is still there in the next."
                       % (arg.arg, ctx.seg(default), scope.node.name, kind, arg.arg, kind))
            found.append(ctx.finding(CONCEPT, default.lineno, None, message, function=scope.name))
    return found
