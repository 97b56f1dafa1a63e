"""zip: a loop over positions (`for i in range(len(names))`) whose index only reads two or more lists at the same
place (`names[i]`, `ages[i]`), where `for name, age in zip(names, ages)` hands over the pairs directly.

This is the case of two (or more) lists; one list read by its index is enumerate's. Left alone: a loop that uses
`i` for anything else (shows it, computes `i + 1`, reads `xs[i + 1]`), that writes `xs[i] = ...` (the position is
needed there), that doesn't start at 0 or stops before the end, and dictionaries read by position."""

import ast

from ..context import walk_block
from ..detectors._indexing import position_loop
from ..kinds import subscript_index
from ._first_each import first_each, header

SUGGESTION = "zip"

_INDEX = getattr(ast, "Index", None)


def _indexed_lists(ctx, loop, index):
    """The names of the lists the body reads with `[index]`, in order of first reading, or None when `index` is
    used in any other way."""
    reads = []
    for node in walk_block(loop.body):
        if isinstance(node, ast.Name) and node.id == index:
            subscript = ctx.parent(node)
            if _INDEX is not None and isinstance(subscript, _INDEX):
                subscript = ctx.parent(subscript)  # Python 3.8 wraps the index in ast.Index
            if not (isinstance(subscript, ast.Subscript) and subscript_index(subscript) is node
                    and isinstance(subscript.ctx, ast.Load) and isinstance(subscript.value, ast.Name)):
                return None
            reads.append((node.lineno, node.col_offset, subscript.value.id))
    names = []
    for _line, _col, name in sorted(reads):
        if name not in names:
            names.append(name)
    return names


def _singular(name):
    if name.endswith("ies") and len(name) > 4:
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss") and len(name) > 3:
        return name[:-1]
    return None


def _pairs(ctx, loop, lists):
    """`for name, age in zip(names, ages)` when the lists have plural names that free loop variables can come
    from, else just `zip(names, ages)`."""
    call = "zip(%s)" % ", ".join(lists)
    items = [_singular(n) for n in lists]
    scope = ctx.scope(loop)
    if all(items) and len(set(items)) == len(items) and not any(ctx.visible(scope, v) for v in items):
        return "`for %s in %s`" % (", ".join(items), call)
    return "`%s`" % call


def review(ctx):
    hits = []
    for loop in ctx.tree_nodes:
        if not isinstance(loop, ast.For) or loop.orelse:
            continue
        walked = position_loop(loop)
        if walked is None:
            continue
        index, measured, start, extra = walked
        if start != 0 or extra != 0:
            continue
        lists = _indexed_lists(ctx, loop, index)
        if not lists or len(lists) < 2 or measured not in lists:
            continue
        lists.remove(measured)
        lists.insert(0, measured)  # the list the loop measures leads
        types = ctx.types(ctx.scope(loop))
        if any(types.lookup(name, loop) == "dict" for name in lists):
            continue
        if any(isinstance(n, ast.Name) and n.id in lists and isinstance(n.ctx, ast.Store) for n in walk_block(loop.body)):
            continue
        shown = ", ".join("`%s`" % n for n in lists[:-1]) + " and `%s`" % lists[-1]
        message = ("%s uses `%s` only to read %s at the same position; %s gives you their items "
                   "together, without the index." % (header(ctx, loop), index, shown, _pairs(ctx, loop, lists)))
        hits.append((loop.lineno, loop, message))
    return first_each(ctx, SUGGESTION, hits)
