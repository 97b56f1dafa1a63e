"""enumerate: a loop over positions (`for i in range(len(marks))`) whose body only reads `marks[i]`, where
`for i, mark in enumerate(marks)` gives the position and the item together (or `for mark in marks` when the
position is used for nothing else).

Left alone: bodies that write `marks[i] = ...` (changing a list in place needs its positions), that look at a
neighbour (`marks[i + 1]`) or at any other index, that index a second list with `i` (two lists in parallel is what
zip is for), that change the list or `i`, and ranges that don't start at 0 or don't end at `len(marks)`."""

import ast

from ..context import walk_block
from ..detectors._indexing import position_loop
from ..kinds import subscript_index
from ._first_each import first_each

SUGGESTION = "enumerate"

_CHANGERS = {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"}


def _item_name(ctx, scope, items):
    """A name for one item of `items`: `mark` for `marks`, `city` for `cities`, else `item`."""
    if items.endswith("ies") and len(items) > 4:
        word = items[:-3] + "y"
    elif items.endswith(("ches", "shes", "sses", "xes")):
        word = items[:-2]
    elif items.endswith("s") and not items.endswith("ss") and len(items) > 2:
        word = items[:-1]
    else:
        word = "item"
    for name in (word, "item", "value"):
        if name.isidentifier() and not ctx.visible(scope, name):
            return name
    return None


def _based_on(node, name):
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return isinstance(node, ast.Name) and node.id == name


def _uses(loop, index, items):
    """(reads of items[index], other uses of index) in the loop's body, or None when the body does something this
    suggestion must leave alone."""
    reads, other = 0, 0
    subscripts_of_index = set()
    for node in walk_block(loop.body + loop.orelse):
        if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load) and _based_on(node, items):
            return None  # marks[i][j] = 0: changing the rows in place
        if isinstance(node, ast.Subscript):
            base, part = node.value, subscript_index(node)
            on_items = isinstance(base, ast.Name) and base.id == items
            by_index = isinstance(part, ast.Name) and part.id == index
            if on_items:
                if not by_index or not isinstance(node.ctx, ast.Load):
                    return None  # a neighbour, a slice, or a write into the list
                reads += 1
                subscripts_of_index.add(id(part))
            elif by_index:
                return None  # another list indexed by the same position: zip's business
        elif isinstance(node, ast.Name):
            if node.id == index:
                if not isinstance(node.ctx, ast.Load):
                    return None
            elif node.id == items and not isinstance(node.ctx, ast.Load):
                return None
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CHANGERS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == items:
            return None
    for node in walk_block(loop.body + loop.orelse):
        if isinstance(node, ast.Name) and node.id == index and id(node) not in subscripts_of_index:
            other += 1
    return reads, other


def _hit(ctx, loop):
    found = position_loop(loop)
    if found is None:
        return None
    index, items, start, extra = found
    if start != 0 or extra != 0 or ctx.type_of(loop.iter.args[-1].args[0]) == "dict":
        return None
    uses = _uses(loop, index, items)
    if uses is None or uses[0] == 0:
        return None
    other = uses[1]
    item = _item_name(ctx, ctx.scope(loop), items)
    if item is None:
        return None
    if other:
        return ("%s reads each item as `%s[%s]`; `for %s, %s in enumerate(%s)` gives the position and the item "
                "together, with no indexing." % (ctx.code(loop, 45), items, index, index, item, items))
    return ("%s walks the positions only to read `%s[%s]`; `for %s in %s` gives each item directly."
            % (ctx.code(loop, 45), items, index, item, items))


def review(ctx):
    hits = []
    for node in ctx.tree_nodes:
        if isinstance(node, ast.For):
            message = _hit(ctx, node)
            if message is not None:
                hits.append((node.lineno, node, message))
    return first_each(ctx, SUGGESTION, hits)
