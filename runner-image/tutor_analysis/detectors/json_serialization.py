"""json-serialization: a hand-made record format, fields glued with a separator ("|", ",", ";"...) and split
apart again on it, or written to a file that way. It breaks on values containing the separator; JSON doesn't."""

import ast
import re

CONCEPT = "json-serialization"

# Characters people glue record fields with. (":" and "/" are left out: times and dates use them for display.)
SEPARATORS = {"|", ",", ";", "\t", "#", "~", "^", ", ", "; ", "::", "||", " | ", " ; "}
_FORMAT_FIELD = r"(?:%[-+ 0#]*\d*(?:\.\d+)?[sdrfi]|\{[^{}]*\})"
_FORMAT_RECORD = re.compile(_FORMAT_FIELD + r"(.{1,3}?)" + _FORMAT_FIELD, re.S)


def _str(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _glued(node):
    """The separator an expression glues fields with, or None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        sep = _str(node.func.value)
        if sep in SEPARATORS:
            return sep
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.BinOp) \
            and isinstance(node.left.op, ast.Add):
        # name + "|" + str(age): a separator between two fields
        sep = _str(node.left.right)
        if sep in SEPARATORS and _str(node.left.left) is None and _str(node.right) is None:
            return sep
    if isinstance(node, ast.JoinedStr):
        values = node.values
        for i in range(1, len(values) - 1):
            sep = _str(values[i])
            if sep in SEPARATORS and isinstance(values[i - 1], ast.FormattedValue) and isinstance(values[i + 1], ast.FormattedValue):
                return sep
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) or \
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        template = _str(node.left) if isinstance(node, ast.BinOp) else _str(node.func.value)
        if template is not None:
            m = _FORMAT_RECORD.search(template)
            if m and m.group(1) in SEPARATORS:
                return m.group(1)
    return None


def _split_on(node):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("split", "rsplit") and node.args:
        sep = _str(node.args[0])
        if sep in SEPARATORS:
            return sep
    return None


def _written(node):
    """The arguments a call writes to a file: `f.write(x)`, `f.writelines(x)`, `print(x, file=f)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("write", "writelines"):
        return list(node.args)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print" \
            and any(k.arg == "file" for k in node.keywords):
        return list(node.args)
    return []


def detect(ctx):
    if "json" in ctx.imports or "csv" in ctx.imports or "pickle" in ctx.imports:
        return []
    glued, splits, writes = {}, {}, []
    for node in ctx.tree_nodes:
        sep = _glued(node)
        if sep is not None:
            glued.setdefault(sep, node)
        sep = _split_on(node)
        if sep is not None:
            splits.setdefault(sep, node)
        for arg in _written(node):
            # the written text itself is the record (perhaps followed by "\n"), not just something inside it
            record = arg.left if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add) and _str(arg.right) is not None \
                and _glued(arg) is None else arg
            sep = _glued(record)
            if sep is not None:
                writes.append((node, sep))
    found = []
    for sep, split in sorted(splits.items(), key=lambda item: item[1].lineno):
        join = glued.get(sep)
        if join is None:
            continue
        shown = "`%s`" % sep.replace("\t", "\\t")
        message = ("Line %d glues fields together with %s and line %d splits them apart on %s, so a value that "
                   "contains %s itself gets cut in the wrong place and numbers come back as text: use the `json` "
                   "module (`json.dumps` and `json.loads`) instead." % (join.lineno, shown, split.lineno, shown, shown))
        found.append(ctx.finding(CONCEPT, split.lineno, split, message))
        break
    if not found and writes:
        node, sep = writes[0]
        shown = "`%s`" % sep.replace("\t", "\\t")
        message = ("%s on line %d saves a record as fields glued together with %s, which breaks as soon as a value "
                   "contains %s: save the data with `json.dump` and read it back with `json.load` instead."
                   % (ctx.code(node, 45), node.lineno, shown, shown))
        found.append(ctx.finding(CONCEPT, node.lineno, node, message))
    return found
