"""string-join: text built up with `+=` in a `for` loop from an empty string, one item and one separator at a time
(`line += word + " "`, `text += f"{name}, "`, or `+= name` and `+= ", "` as two statements), or a loop that
only adds each item (`for word in words: text += word`): `" ".join(words)` puts the separator only between the
items, with nothing to trim afterwards. A constant after each item that is never trimmed belongs to the item
(`initials += part[0] + "."` makes "A.K.L."): then the suggestion is `"".join(...)`. Reported on the loop's line.

Left alone: a loop that reads or resets the text as it goes (wrapping lines at a width), adds only constant text
(`bar += "*"`, which is `"*" * n`), adds different things under an `if`/`else` with no separator (a cipher that
shifts some letters and keeps others), `while` loops and nested loops."""

import ast
import json

from ..context import walk_block
from ..kinds import FOR_LOOPS, LOOPS, subscript_index
from ._accumulation import blocks, mentions, set_just_before
from ._first_each import first_each, plus_operands

SUGGESTION = "string-join"


def _text(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _pieces(node):
    """The operands of `a + b + c`, or the parts of an f-string, left to right."""
    if isinstance(node, ast.JoinedStr):
        return list(node.values)
    return plus_operands(node)


def _additions(loop, name):
    """The `name += value` statements of the loop (not in a nested loop), or None when the loop touches `name`
    any other way than reading it in an `if` test (`if text: text += ", "`, which join makes unnecessary)."""
    adds, allowed = [], set()
    for node in walk_block(loop.body):
        if isinstance(node, ast.If):
            allowed.update(id(n) for n in ast.walk(node.test))
        elif isinstance(node, LOOPS) and mentions(node, name):
            return None
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            if not isinstance(node.op, ast.Add) or mentions(node.value, name):
                return None
            adds.append(node)
            allowed.add(id(node.target))
    for node in walk_block(loop.body):
        if isinstance(node, ast.Name) and node.id == name and id(node) not in allowed:
            return None
    return adds


def _loop_names(loop):
    """The loop variables and the names the body assigns: what changes from one item to the next."""
    names = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
    for node in walk_block(loop.body):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _varies(node, names):
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def _separated(adds, names):
    """(separator, where) for the separator the additions put between items, or None. `where` is "end" for a
    constant at the end of a `+=` whose other pieces vary from item to item (`word + " "`, `f"{dish}\\n"`), "start"
    for one at the start (`", " + name`), "alone" for a `+=` of a constant next to a `+=` of a varying value
    (`line += ", "` and `line += item`). Constant text in the middle formats one item: not a separator."""
    constants, varying = [], False
    for add in adds:
        pieces = _pieces(add.value)
        texts = [_text(p) for p in pieces]
        if len(pieces) > 1 and any(t is None and _varies(p, names) for p, t in zip(pieces, texts)):
            if texts[-1]:
                return texts[-1], "end"
            if texts[0]:
                return texts[0], "start"
        if all(t is not None for t in texts):
            constants.extend(t for t in texts if t)
        elif _varies(add.value, names):
            varying = True
    return (constants[0], "alone") if constants and varying else None


def _constant_end(adds, names):
    """Whether every `+=` adds a varying piece followed by constant text (`f"{name}\\n"`)."""
    for add in adds:
        pieces = _pieces(add.value)
        if len(pieces) < 2 or not _text(pieces[-1]) or not any(_varies(p, names) for p in pieces[:-1]):
            return False
    return True


def _trimmed_after(block, i, name):
    """Whether a statement after the loop trims the text's end (`text.strip()`, `text[:-2]`...): the sign that the
    constant added after each item is a separator, not part of every item ("A.K.L." keeps its last dot)."""
    for stmt in block[i + 1:]:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("strip", "rstrip") \
                    and isinstance(n.func.value, ast.Name) and n.func.value.id == name:
                return True
            if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == name:
                part = subscript_index(n)
                if isinstance(part, ast.Slice) and part.lower is None and part.upper is not None:
                    return True
    return False


def _hit(ctx, block, i):
    loop = block[i]
    if not isinstance(loop, FOR_LOOPS):
        return None
    starts = {}
    for node in walk_block(loop.body):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id not in starts:
            starts[node.target.id] = set_just_before(block, i, node.target.id)
    names = _loop_names(loop)
    for name, start in starts.items():
        if _text(start) != "":
            continue
        adds = _additions(loop, name)
        if not adds:
            continue
        sep = _separated(adds, names)
        if sep is not None and sep[1] == "end" and not _trimmed_after(block, i, name):
            sep = None  # part of every item: `"".join(...)` keeps it
        only_item = len(loop.body) == 1 and loop.body[0] is adds[0] and _varies(adds[0].value, names)
        if sep is None and not only_item and not _constant_end(adds, names):
            continue
        first = adds[0]
        if sep is not None:
            joiner = json.dumps(sep[0], ensure_ascii=False) if len(sep[0]) <= 6 else '", "'
            return loop, ("%s adds each item and a separator to `%s` one at a time; `%s.join(...)` of the items "
                          "puts the separator only between them." % (ctx.code(first, 45), name, joiner))
        if isinstance(first.value, ast.Name) and isinstance(loop.target, ast.Name) and first.value.id == loop.target.id:
            better = '`%s = "".join(%s)`' % (name, ctx.seg(loop.iter))
        else:
            better = '`"".join(...)`'
        if len(better) > 45:
            better = '`"".join(...)`'
        return loop, ("%s builds `%s` one piece at a time in the loop; %s glues all the pieces together in one step."
                      % (ctx.code(first, 45), name, better))
    return None


def review(ctx):
    hits = []
    for block in blocks(ctx):
        for i in range(len(block)):
            found = _hit(ctx, block, i)
            if found is not None:
                node, message = found
                hits.append((node.lineno, node, message))  # the loop's line: join replaces the whole loop
    return first_each(ctx, SUGGESTION, hits)
