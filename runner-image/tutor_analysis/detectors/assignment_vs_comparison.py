"""assignment-vs-comparison: `if x = 3:` (a SyntaxError: one `=` stores, two `==` compare), and the opposite
slip, `count == count + 1` on its own line, which compares and throws the answer away."""

import ast
import io
import re

CONCEPT = "assignment-vs-comparison"

_HEADER = re.compile(r"^(\s*)(if|elif|while)\b")


def _header_tokens(line):
    """The header's text without its comment, and the positions of its lone `=` tokens (not `==`, `<=`, `+=`...)."""
    import tokenize  # only needed for code that doesn't parse
    text = line.strip()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None, []
    for t in tokens:
        if t.type == tokenize.COMMENT:
            text = text[:t.start[1]].rstrip()
            break
    positions = [t.start[1] for t in tokens if t.type == tokenize.OP and t.string == "=" and t.start[1] < len(text)]
    return text, positions


def _compiles(header):
    if not header.endswith(":"):
        header += ":"
    try:
        compile(header + "\n    pass\n", "<check>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


def _fixed_by_double_equals(line):
    """The `=` whose replacement by `==` makes a broken `if`/`elif`/`while` header valid, or None."""
    if not _HEADER.match(line):
        return None
    text, positions = _header_tokens(line)
    if text is None or not positions:
        return None
    if text.startswith("elif"):
        text = "if" + text[4:]
        positions = [p - 2 for p in positions]
    if _compiles(text):
        return None
    for p in positions:
        if _compiles(text[:p] + "==" + text[p + 1:]):
            return p
    return None


def from_syntax_error(error, src):
    if error["type"] != "SyntaxError":
        return []
    lines = [error["line"]] if error["line"] else []
    lines += [n for n in range(1, src.line_count + 1) if n not in lines]
    for n in lines[:400]:
        text = src.line(n)
        if not _HEADER.match(text):
            continue
        if _fixed_by_double_equals(text) is None:
            continue
        keyword = _HEADER.match(text).group(2)
        message = ("`%s` on line %d uses a single `=`, which stores a value, inside an `%s` condition: to compare two "
                   "values, use `==`." % (text.strip()[:50], n, keyword))
        return [{"concept": CONCEPT, "line": n, "function": None, "message": message}]
    return []


def detect(ctx):
    found = []
    for node in ctx.tree_nodes:
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Compare)):
            continue
        compare = node.value
        if len(compare.ops) != 1 or not isinstance(compare.ops[0], ast.Eq):
            continue
        if not isinstance(compare.left, (ast.Name, ast.Attribute, ast.Subscript)):
            continue
        target = ctx.seg(compare.left)
        message = ("%s on line %d compares with `==` and throws the answer away, so `%s` doesn't change: to give it a "
                   "new value, use a single `=`." % (ctx.code(node), node.lineno, target))
        found.append(ctx.finding(CONCEPT, node.lineno, node, message))
    return found
