"""f-string: text built from pieces with `str()` and `+` (`"Total: " + str(total)`) or filled in with `%`
(`"%s is %d" % (name, age)`), where an f-string (`f"{name} is {age}"`) reads like the text it makes.

Left alone: `.format(...)` (already a template, an f-string is only a little shorter), `+` between strings that
needs no `str()` (`first + " " + last` reads fine), `%` with named fields (`"%(name)s" % record`) or a template in a
variable, and any `%` whose values don't line up with its fields."""

import ast
import re

from ._first_each import builtin_call, first_each, plus_operands

SUGGESTION = "f-string"

# One `%` field: flags, width, precision, length modifier (ignored by Python) and conversion.
_FIELD = re.compile(r"%(\([^)]*\))?([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")
_LONGEST_EXAMPLE = 55


def _text(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _literal_part(text):
    """`text` as it would stand inside an f-string, or None when escaping it would make the example unreadable."""
    if "\\" in text or not text.replace("\n", "").replace("\t", "").isprintable():
        return None
    return text.replace("{", "{{").replace("}", "}}").replace("\n", "\\n").replace("\t", "\\t")


def _field(ctx, expr, spec=""):
    code = ctx.seg(expr)
    if not code or any(ch in code for ch in "\\\n\r'\"{}#") or "lambda" in code or ":=" in code:
        return None
    return "{" + code + spec + "}"


def _quoted(parts):
    """The f-string made of `parts`, cut short with "..." after a field when it is long; None when a part can't
    be shown."""
    if any(p is None for p in parts):
        return None
    body = "".join(parts)
    quote = '"' if '"' not in body else "'" if "'" not in body else None
    if quote is None:
        return None
    if len(body) + 3 > _LONGEST_EXAMPLE:
        shown, upto_field = "", ""
        for p in parts:
            if len(shown) + len(p) + 6 > _LONGEST_EXAMPLE:
                break
            shown += p
            if p.startswith("{") and not p.startswith("{{"):
                upto_field = shown
        if not upto_field:
            return None
        body = upto_field + "..."
    return "f" + quote + body + quote


# -- `"Total: " + str(total)` ---------------------------------------------------------------------------------

def _concatenation(ctx, node):
    """The f-string for a `+` chain of text that uses `str()`, "" when it is one but no short example fits,
    or None when the chain is not that habit."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Add) and parent.left is node:
        return None  # only the whole chain
    pieces = plus_operands(node)
    if len(pieces) < 2:
        return None
    texts = [p for p in pieces if _text(p)]
    converted = [p for p in pieces if builtin_call(ctx, p, "str", 1)]
    if not texts or not converted:
        return None  # `str(a) + str(b)` glues digits, and `a + " " + b` needs no str()
    if any(isinstance(p, ast.Constant) and not isinstance(p.value, str) for p in pieces):
        return None
    parts = []
    for p in pieces:
        if _text(p) is not None:
            parts.append(_literal_part(p.value))
        elif isinstance(p, ast.JoinedStr):
            parts.append(None)
        else:
            parts.append(_field(ctx, p.args[0] if p in converted else p))
    return _quoted(parts) or ""


# -- `"%s is %d" % (name, age)` ---------------------------------------------------------------------------------

def _format_spec(flags, width, precision, conversion):
    if conversion in "sr":
        # `%5s` puts the text on the right, an f-string on the left unless told
        align = "<" if "-" in flags else (">" if width else "")
        spec = align + (width or "") + ("." + precision if precision else "")
        return ":" + spec if spec else ""
    if conversion in "iu":
        conversion = "d"
    if conversion == "d" and not (flags or width or precision):
        return ""
    spec = ("<" if "-" in flags else "") + "".join(f for f in "+ #" if f in flags)
    spec += ("0" if "0" in flags and "-" not in flags else "") + (width or "") + ("." + precision if precision else "")
    return ":" + spec + conversion


def _percent(ctx, node):
    """Like _concatenation, for `template % values`."""
    template = _text(node.left)
    if template is None:
        return None
    fields = [m for m in _FIELD.finditer(template) if m.group(5) != "%"]
    if not fields or any(m.group(1) or m.group(3) == "*" or m.group(4) == "*" for m in fields):
        return None
    values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
    if isinstance(node.right, ast.Dict) or len(values) != len(fields) or any(isinstance(v, ast.Starred) for v in values):
        return None
    parts, at, i = [], 0, 0
    for m in _FIELD.finditer(template):
        parts.append(_literal_part(template[at:m.start()]))
        at = m.end()
        flags, width, precision, conversion = m.group(2), m.group(3), m.group(4), m.group(5)
        if conversion == "%":
            parts.append("%")
            continue
        value = values[i]
        i += 1
        if conversion in "ca":
            parts.append(None)
        elif conversion == "r":
            spec = _format_spec(flags, width, precision, "r")
            parts.append(_field(ctx, value, "!r" + spec))
        else:
            if conversion == "s" and builtin_call(ctx, value, "str", 1):
                value = value.args[0]  # "%s" % str(x): the f-string turns x into text by itself
            parts.append(_field(ctx, value, _format_spec(flags, width, precision, conversion)))
    parts.append(_literal_part(template[at:]))
    return _quoted(parts) or ""


def review(ctx):
    hits = []
    for node in ctx.tree_nodes:
        if not isinstance(node, ast.BinOp):
            continue
        if isinstance(node.op, ast.Add):
            example, how = _concatenation(ctx, node), "glues text together with `str()` and `+`"
        elif isinstance(node.op, ast.Mod):
            example, how = _percent(ctx, node), "fills values into the text with `%` formatting"
        else:
            continue
        if example is None:
            continue
        if example:
            better = "an f-string puts each value right where it goes: `%s`" % example
        else:
            better = "an f-string such as `f\"Total: {total}\"` puts each value right where it goes"
        message = "%s %s; %s." % (ctx.code(node, 45), how, better)
        hits.append((node.lineno, node, message))
    return first_each(ctx, SUGGESTION, hits)
