"""magic-number: the same unexplained number written out again and again in calculations or comparisons
(`price * 0.2` here, `total * 0.2` there; `age >= 18` in two functions). A name given once at the top
(`VAT_RATE = 0.2`) says what the number means, and changing it means changing one line, not hunting for copies.

Counted: a number (not 0, 1, 2, 10 or 100, nor their negatives) that is one side of arithmetic or of a comparison,
twice or more in one function (or in the module's own code); across the file too when it is above 10 or has a
fraction (small whole numbers in different functions often mean different things). Conservative by
design, left alone: numbers only shown or passed along (`print(42)`, `round(x, 3)`), indexes and slices,
`range(...)`, `assert`s and test functions, defaults, the value given to a NAME_IN_CAPITALS (that is the cure),
`x % 3`, `x ** 3`, repeats (`"-" * 40`, `[0] * 8`), the units everyone reads at once (60, 24, 365, 1000...) and
the Celsius-Fahrenheit formula; a number the code already explains, in a comment on its line or in its function's
docstring ("all but the last four characters")."""

import ast
import io
import re
import tokenize

from ..kinds import FUNCTIONS
from ._first_each import first_each

SUGGESTION = "magic-number"

_PLAIN = frozenset([0, 1, 2, 10, 100, 0.5, 60, 24, 365, 3600, 1000, 1024])
_SKIPPED_CALLS = ("range", "sleep")


def _number(node):
    """The value of a number literal (with its minus sign), else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _number(node.operand)
        return None if value is None else -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


def _role(ctx, node):
    """"compare" or "arithmetic" when `node` is one side of a comparison or a calculation, else None."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Compare):
        return "compare"
    if isinstance(parent, ast.BinOp):
        if parent.right is node and isinstance(parent.op, (ast.Mod, ast.Pow)):
            return None  # x % 3 == 0, x ** 3: divisibility and powers read plainly
        if _number(parent.left) is not None and _number(parent.right) is not None:
            return None  # 7 * 24: a calculation written out to explain itself
        other = parent.left if parent.right is node else parent.right
        if isinstance(parent.op, ast.Mult) and _repeated(ctx, other):
            return None  # "-" * 40, [0] * 8: a repeat, not a quantity
        return "arithmetic"
    if isinstance(parent, ast.AugAssign) and parent.value is node:
        return "arithmetic"
    return None


def _repeated(ctx, node):
    """Whether `node` is text or a list (what `* n` repeats), not a number."""
    if isinstance(node, (ast.JoinedStr, ast.List, ast.Tuple, ast.ListComp)):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, bytes))
    return ctx.type_of(node) in ("str", "list", "tuple")


def _left_alone(ctx, node):
    """Whether the number sits somewhere a literal is plain or expected: see the module's docstring."""
    for a in ctx.ancestors(node):
        if isinstance(a, (ast.Subscript, ast.Assert, ast.arguments)):
            return True
        if isinstance(a, ast.Call):
            f = a.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in _SKIPPED_CALLS:
                return True
        if isinstance(a, (ast.Assign, ast.AnnAssign)):
            targets = a.targets if isinstance(a, ast.Assign) else [a.target]
            if any(isinstance(t, ast.Name) and t.id.isupper() for t in targets):
                return True
        if isinstance(a, FUNCTIONS) and a.name.startswith("test"):
            return True
    return _fahrenheit(_whole_expression(ctx, node))


def _whole_expression(ctx, node):
    while isinstance(ctx.parent(node), ast.expr):
        node = ctx.parent(node)
    return node


def _fahrenheit(expr):
    """Whether an expression is the Celsius-Fahrenheit formula (32 with 9 and 5, or with 1.8)."""
    values = {_number(n) for n in ast.walk(expr) if isinstance(n, ast.Constant)}
    return 32 in values and (1.8 in values or (9 in values and 5 in values))


def _occurrences(ctx):
    found = []
    for node in ctx.tree_nodes:
        if isinstance(node, ast.UnaryOp) or not isinstance(node, ast.Constant):
            continue
        shown = node
        parent = ctx.parent(node)
        if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, (ast.USub, ast.UAdd)):
            shown = parent
        value = _number(shown)
        if value is None or abs(value) in _PLAIN:
            continue
        role = _role(ctx, shown)
        if role is None or _left_alone(ctx, shown):
            continue
        found.append((value, role, shown))
    return found


def _name_for(ctx, node, value, role):
    """A name to suggest, from what the number is compared with: `age >= 18` -> AGE_LIMIT."""
    parent = ctx.parent(node)
    if role == "compare":
        others = [parent.left] + list(parent.comparators)
        for other in others:
            if other is node:
                continue
            if isinstance(other, ast.Call) and isinstance(other.func, ast.Name) and other.func.id == "len" \
                    and len(other.args) == 1 and isinstance(other.args[0], ast.Name):
                return other.args[0].id.upper() + "_LENGTH"
            if isinstance(other, ast.Name):
                return other.id.upper() + "_LIMIT"
            if isinstance(other, ast.Attribute):
                return other.attr.upper() + "_LIMIT"
        return "LIMIT"
    return "RATE" if isinstance(value, float) else "AMOUNT"


_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


def _comments(ctx):
    """{line: comment text} of the file."""
    found = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(ctx.src.text).readline):
            if tok.type == tokenize.COMMENT:
                found[tok.start[0]] = tok.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return found


def _mentions(text, value, literal):
    if not text:
        return False
    words = [re.escape(literal)]
    if isinstance(value, int) and 0 <= abs(value) < len(_WORDS):
        words.append(_WORDS[abs(value)])
    return re.search(r"(?<![\w.])(%s)(?![\w])" % "|".join(words), text, re.I) is not None


def _explained(ctx, group, value, literal, comments):
    """Whether the code already says what the number is: in a comment on one of its lines, or in the docstring of
    the function it is in ("all but the last four characters")."""
    for _role, node in group:
        if _mentions(comments.get(node.lineno), value, literal.lstrip("-+")):
            return True
        scope = ctx.scope(node)
        if scope.kind == "function" and _mentions(ast.get_docstring(scope.node), value, literal.lstrip("-+")):
            return True
    return False


def _lines(lines):
    lines = sorted(set(lines))
    if len(lines) > 3:
        return "lines %s and %d more" % (", ".join(str(n) for n in lines[:3]), len(lines) - 3)
    if len(lines) == 1:
        return "line %d" % lines[0]
    return "lines %s and %d" % (", ".join(str(n) for n in lines[:-1]), lines[-1])


def review(ctx):
    occurrences = _occurrences(ctx)
    groups = {}
    for value, role, node in occurrences:
        # in one function, any number; across the file only numbers unlikely to meet by chance: a 3 that counts
        # guesses in one function and a 3 that divides a total in another are different 3s, two 18s or 0.2s rarely are
        groups.setdefault(("scope", ctx.scope(node), value), []).append((role, node))
        if abs(value) > 10 or isinstance(value, float):
            groups.setdefault(("file", None, value), []).append((role, node))
    hits = []
    comments = None
    for key, group in groups.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda g: (g[1].lineno, g[1].col_offset))
        role, first = group[0]
        value = key[2]
        stmt = ctx.statement_of(first)
        literal = ctx.seg(first)
        if comments is None:
            comments = _comments(ctx)
        if _explained(ctx, group, value, literal, comments):
            continue
        name = _name_for(ctx, first, value, role)
        lines = [n.lineno for _r, n in group]
        where = ("%d times" % len(group)) if len(set(lines)) == 1 else "on %s" % _lines(lines)
        if literal in ("3.14", "3.1416", "3.14159") or value == 3.14159265:
            message = ("`%s` appears %s, first in %s; `math.pi` (after `import math`) names it and is more precise."
                       % (literal, where, ctx.code(stmt, 45)))
        else:
            message = ("`%s` appears %s, first in %s, with nothing saying what it stands for; a name given once at "
                       "the top, like `%s = %s`, says what it means and lets you change it in one place."
                       % (literal, where, ctx.code(stmt, 45), name, literal))
        hits.append((first.lineno, first, message))
    return first_each(ctx, SUGGESTION, hits)
