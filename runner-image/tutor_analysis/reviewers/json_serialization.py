"""json-serialization: structured data saved in a format of the learner's own making and read back by hand, where
the `json` module does it safely. The shapes:

- fields glued with a separator and split apart again on it (`"|".join(...)` / `.split("|")`), or a record written
  to a file that way (`f.write(name + "|" + city)`): the failure detector json-serialization reads exactly this, so
  its findings are reworded here, not found a second time. Added here: the glued record written through a variable
  (`line = name + "|" + city` / `f.write(line)`) or with `print(..., sep="|", file=f)`;
- each record written one field per line (`f.write(guest["name"] + "\\n")`, then its city, then its nights);
- a list or dictionary written as Python prints it (`f.write(str(guests))`) or read back with `eval(...)` or
  `ast.literal_eval(...)`.

Left alone: files that already use json, csv, pickle or shelve; evals of what was not read from a file, or in a
program that writes no file (`eval(input())`, a calculator reading sums from a file: not a saved record); `str(x)`
written when x is not known to be a list or dictionary; separators with a space written and never split
(`", ".join(names)` in a report is for people to read); separators that only ever split (reading a given
comma-separated file is not a format the learner invented)."""

import ast

from ..context import walk_block
from ..detectors import json_serialization as detector

SUGGESTION = "json-serialization"

_OTHER_FORMATS = ("json", "csv", "pickle", "shelve")
_READS = ("read", "readline", "readlines")
_CONTAINERS = ("list", "dict")


def _shown(sep):
    return "`%s`" % sep.replace("\t", "\\t")


def _statement_on(ctx, line):
    """The innermost statement starting on `line`."""
    found = None
    for node in ctx.tree_nodes:
        if isinstance(node, ast.stmt) and node.lineno == line:
            found = node
    return found


def _saves_glued(ctx, stmt, sep, write_line=None):
    saves = "glues fields with %s and line %d writes them to a file" % (_shown(sep), write_line) if write_line \
        else "saves a record as fields glued with %s" % _shown(sep)
    return ("%s %s, which only reads back safely while no value contains %s: `json.dump` saves the list or "
            "dictionary as it is and `json.load` gives it back." % (ctx.code(stmt, 45), saves, _shown(sep)))


def _glued_write(ctx):
    """A record glued with a separator and written to a file in a way the detector doesn't follow: through a variable
    (`line = name + "|" + city`, then `f.write(line + "\\n")`), or by `print(name, city, sep="|", file=f)`.
    (The statement gluing it, the separator, and the line writing it when that is another one.)"""
    for node in ctx.tree_nodes:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print" \
                and any(k.arg == "file" for k in node.keywords) and len(node.args) >= 2:
            sep = next((detector._str(k.value) for k in node.keywords if k.arg == "sep"), None)
            if sep in detector.SEPARATORS and " " not in sep:
                return ctx.statement_of(node), sep, None
        for arg in detector._written(node):
            if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add) and detector._str(arg.right) is not None:
                arg = arg.left  # line + "\\n"
            if not isinstance(arg, ast.Name):
                continue
            scope = ctx.scope(node)
            for n in scope.nodes:
                if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                        and n.targets[0].id == arg.id and n.lineno <= node.lineno:
                    sep = detector._glued(n.value)
                    if sep is not None and " " not in sep:
                        return n, sep, node.lineno
    return None


def _field_of(node, item_names):
    """Which field of the loop's item a written value is (`guest["name"]`, `str(guest["nights"])`, `guest.city`,
    `f"{guest['nights']}"` or a name the loop unpacks, perhaps followed by a line break), or None."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and detector._str(node.right) == "\n":
        node = node.left
    if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.FormattedValue) \
            and [detector._str(v) for v in node.values[1:]] in ([], ["\n"]):
        node = node.values[0].value  # f"{pet['age']}\n"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("str", "repr") \
            and len(node.args) == 1:
        node = node.args[0]
    if isinstance(node, ast.Name) and node.id in item_names and len(item_names) > 1:
        return node.id
    if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.value, ast.Name) \
            and node.value.id in item_names:
        return ast.dump(node)
    return None


def _fields_per_line(ctx):
    """A loop writing each record field by field, one value per line: the first write, or None."""
    for loop in ctx.tree_nodes:
        if not isinstance(loop, ast.For):
            continue
        item_names = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
        writes, fields = [], set()
        for node in walk_block(loop.body):
            for arg in detector._written(node):
                if detector._str(arg) == "\n":
                    continue
                field = _field_of(arg, item_names)
                if field is None:
                    writes = None
                    break
                writes.append(node)
                fields.add(field)
            if writes is None:
                break
        if writes and len(fields) >= 2:
            return min(writes, key=lambda n: (n.lineno, n.col_offset))
    return None


def _from_detector(ctx):
    found = []
    for finding in detector.detect(ctx):
        line = finding["line"]
        stmt = _statement_on(ctx, line)
        if stmt is None:
            continue
        split = next((detector._split_on(n) for n in ast.walk(stmt) if detector._split_on(n)), None)
        if split is not None:
            # the detector points at the split; the suggestion goes where the format is made, the glued record
            glue = min((n for n in ctx.tree_nodes if detector._glued(n) == split), key=lambda n: n.lineno, default=None)
            if glue is None:
                continue
            split_line, stmt = line, ctx.statement_of(glue)
            line = stmt.lineno
            message = ("%s glues fields with %s and line %d splits them apart on it again, so a value containing %s "
                       "would be cut in two and numbers come back as text: `json.dump` and `json.load` save and read "
                       "the data as it is." % (ctx.code(stmt, 45), _shown(split), split_line, _shown(split)))
        else:
            glued = next((detector._glued(n) for n in ast.walk(stmt) if detector._glued(n)), None)
            if glued is None or " " in glued:
                continue  # "a, b, c" written for people to read, and never split: a report, not a saved record
            message = _saves_glued(ctx, stmt, glued)
        suggestion = ctx.suggestion(SUGGESTION, line, stmt, message)
        suggestion["function"] = finding["function"]
        found.append(suggestion)
    if not found:
        written = _glued_write(ctx)
        if written is not None:
            stmt, sep, write_line = written
            found.append(ctx.suggestion(SUGGESTION, stmt.lineno, stmt, _saves_glued(ctx, stmt, sep, write_line)))
    if not found:
        write = _fields_per_line(ctx)
        if write is not None:
            stmt = ctx.statement_of(write)
            message = ("%s and the writes after it save each record one field per line, which only reads back while "
                       "every record has the same fields in the same order: `json.dump` saves the list or dictionary "
                       "as it is and `json.load` gives it back." % ctx.code(stmt, 45))
            found.append(ctx.suggestion(SUGGESTION, stmt.lineno, stmt, message))
    return found


def _call_name(node):
    f = node.func if isinstance(node, ast.Call) else None
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
        return "%s.%s" % (f.value.id, f.attr)
    return None


def _unwrapped(node):
    """`line` for `line.strip()`, `line.rstrip("\\n")`...: the text the calls only tidy."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("strip", "rstrip", "lstrip"):
        node = node.func.value
    return node


def _file_names(ctx, scope):
    """Names of this scope that hold an open file or what was read from one: `f` of `with open(...) as f` or
    `f = open(...)`, `line` of `for line in f`, `text = f.read()`."""
    names = set()
    nodes = [n for n in scope.nodes if isinstance(n, (ast.withitem, ast.Assign, ast.For))]
    for _ in range(3):  # a name read from a file read from another: a few rounds are enough
        for n in nodes:
            if isinstance(n, ast.withitem) and isinstance(n.optional_vars, ast.Name) \
                    and _is_file(ctx, n.context_expr, names):
                names.add(n.optional_vars.id)
            elif isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                    and _is_file(ctx, n.value, names):
                names.add(n.targets[0].id)
            elif isinstance(n, ast.For) and isinstance(n.target, ast.Name) and _is_file(ctx, n.iter, names):
                names.add(n.target.id)
    return names


def _is_file(ctx, node, names):
    """Whether `node` is an open file, or text or lines read from one."""
    node = _unwrapped(node)
    if isinstance(node, ast.Name):
        return node.id in names
    if isinstance(node, ast.Subscript):
        return _is_file(ctx, node.value, names)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == "open" and "open" not in ctx.all_bound:
            return True
        if isinstance(node.func, ast.Attribute) and node.func.attr in _READS + ("splitlines",):
            return _is_file(ctx, node.func.value, names)
    return False


def _read_back(ctx):
    """The first `eval(...)` or `ast.literal_eval(...)` of text read from a file, in a program that writes a file."""
    if not any(detector._written(node) for node in ctx.tree_nodes):
        return None
    for scope in ctx.code_scopes():
        files = None
        for node in scope.nodes_in_order():
            name = _call_name(node)
            if name not in ("eval", "ast.literal_eval", "literal_eval") or len(node.args) != 1:
                continue
            if name == "eval" and "eval" in ctx.all_bound:
                continue
            if files is None:
                files = _file_names(ctx, scope)
            if _is_file(ctx, node.args[0], files):
                return node, name
    return None


def _printed_form_written(ctx, any_type=False):
    """The first `f.write(str(data))` (or `repr`, or `print(data, file=f)`) of a list or dictionary (of anything
    when `any_type`, for a program that reads its file back with eval): (call, data)."""
    for node in ctx.tree_nodes:
        for arg in detector._written(node):
            if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
                arg = arg.left  # str(data) + "\n"
            value = arg
            if isinstance(arg, ast.Call) and _call_name(arg) in ("str", "repr") and len(arg.args) == 1:
                value = arg.args[0]
            elif not (isinstance(node.func, ast.Name) and node.func.id == "print"):
                continue
            if ctx.type_of(value) in _CONTAINERS or (any_type and isinstance(value, (ast.Name, ast.Attribute))):
                return node, value
    return None


def _printed_forms(ctx):
    back = _read_back(ctx)
    written = _printed_form_written(ctx, any_type=back is not None)
    if written is not None:
        node, value = written
        stmt = ctx.statement_of(node)
        data = ctx.seg(value) if len(ctx.seg(value)) <= 20 else "data"
        if back is not None:
            how = "running it as Python code" if back[1] == "eval" else "reading it as Python's own notation"
            message = ("%s saves `%s` as Python prints it and line %d turns it back into data by %s: `json.dump` and "
                       "`json.load` are the standard, safe way to keep a list or dictionary in a file."
                       % (ctx.code(stmt, 45), data, back[0].lineno, how))
        else:
            message = ("%s saves `%s` as Python prints it, which can only be read back by evaluating it as code: "
                       "`json.dump(%s, file)` saves it in a format `json.load` reads back safely."
                       % (ctx.code(stmt, 45), data, data))
        return [ctx.suggestion(SUGGESTION, stmt.lineno, stmt, message)]
    if back is not None:
        node, name = back
        how = "running it as Python code" if name == "eval" else "reading it as Python's own notation"
        message = ("%s turns the saved text back into data by %s; saving with `json.dump` and reading with "
                   "`json.load` is the standard, safe way to keep a list or dictionary in a file."
                   % (ctx.code(ctx.statement_of(node), 45), how))
        return [ctx.suggestion(SUGGESTION, node.lineno, node, message)]
    return []


def review(ctx):
    if any(name.split(".")[0] in _OTHER_FORMATS for name in ctx.imports):
        return []
    return (_from_detector(ctx) or _printed_forms(ctx))[:1]
