"""modify-while-iterating: `for n in numbers: numbers.remove(n)`: changing a list (or dict) while a `for` loop
goes through it skips items, repeats them, never ends, or raises RuntimeError."""

import ast

from ..context import walk_block
from ..kinds import FOR_LOOPS

CONCEPT = "modify-while-iterating"

_EFFECT = {
    "remove": "so the item after each removed one is skipped",
    "pop": "so the items after each removed one shift and get skipped",
    "insert": "so items shift and the loop sees some of them twice (or never ends)",
    "append": "so the loop keeps finding new items and may never end",
    "extend": "so the loop keeps finding new items and may never end",
    "clear": "so the loop stops early",
    "add": "which raises RuntimeError (a set can't change size during the loop)",
    "discard": "which raises RuntimeError (a set can't change size during the loop)",
}


def _iterated_name(loop):
    """`numbers` for `for n in numbers`, `d` for `for k in d` / `d.keys()` / `d.items()` / `enumerate(numbers)`."""
    it = loop.iter
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr in ("keys", "items", "values") and not it.args:
        it = it.func.value
    elif isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id in ("enumerate", "reversed") and len(it.args) == 1:
        if it.func.id == "reversed":
            return None  # deleting while walking backwards is the safe way
        it = it.args[0]
    return it.id if isinstance(it, ast.Name) else None


def _followed_by_exit(ctx, statement):
    """`items.remove(x)` followed at once by `break` or `return` stops the loop before it can go wrong."""
    parent = ctx.parent(statement)
    for field in ("body", "orelse", "finalbody"):
        block = getattr(parent, field, None)
        if isinstance(block, list):
            for i, s in enumerate(block):
                if s is statement:
                    rest = block[i + 1:]
                    return bool(rest) and isinstance(rest[0], (ast.Break, ast.Return, ast.Raise))
    return False


def detect(ctx):
    found = []
    for loop in ctx.tree_nodes:
        if not isinstance(loop, FOR_LOOPS):
            continue
        name = _iterated_name(loop)
        if name is None or name in ("self", "cls"):
            continue  # an object of the learner's own class decides what changing it means
        if any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in walk_block(loop.body)):
            continue  # `name = [...]` inside the loop: the changes go to a new list
        kind = ctx.types(ctx.scope(loop)).lookup(name, loop)
        for node in walk_block(loop.body):
            change = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id == name and node.func.attr in _EFFECT:
                if node.func.attr in ("add", "discard", "clear") and kind not in ("set", "list", "dict"):
                    continue  # not list-only names: only when we know it's a built-in container
                change = (node, node.func.attr)
            elif isinstance(node, ast.Delete):
                for target in node.targets:
                    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name:
                        change = (node, "del")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "pop" \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == name:
                change = (node, "pop")
            if change is None:
                continue
            statement = ctx.statement_of(change[0])
            if _followed_by_exit(ctx, statement):
                continue
            if change[1] == "del":
                effect = ("which raises RuntimeError for a dictionary, and skips items for a list"
                          if kind not in ("dict", "list") else
                          "which raises RuntimeError (a dictionary can't change size during the loop)" if kind == "dict"
                          else "so the item after each deleted one is skipped")
            elif kind == "dict" and change[1] == "pop":
                effect = "which raises RuntimeError (a dictionary can't change size during the loop)"
            else:
                effect = _EFFECT[change[1]]
            copy = "list(%s)" % name if kind == "dict" else "%s[:]" % name
            message = ("%s on line %d changes `%s` while the `for` loop on line %d is still going through it, %s: "
                       "loop over a copy such as `%s` or build a new %s instead."
                       % (ctx.code(statement), statement.lineno, name, loop.lineno, effect, copy,
                          "dictionary" if kind == "dict" else "list"))
            found.append(ctx.finding(CONCEPT, statement.lineno, statement, message))
            break
    return found
