"""compare-to-bool: a condition compared with True or False (`if done == True:`), or turned into True and False by
hand (`if c: return True` / `else: return False`, `True if c else False`), where the condition itself says it.

Left alone: `is True` / `is False` (sometimes chosen on purpose, to tell True from 1 or None), comparisons inside
`[...]` (array libraries compare element by element there), an `if` with more in it than the two returns or the two
assignments, and a `return True` inside a loop (that is a search: membership-test's business)."""

import ast

from ._first_each import first_each, header

SUGGESTION = "compare-to-bool"

# Calls that always give back True or False, so `return <call>` needs no bool().
_BOOL_FUNCTIONS = {"isinstance", "issubclass", "callable", "hasattr", "any", "all", "bool"}
_BOOL_METHODS = {"startswith", "endswith", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower",
                 "isnumeric", "isdecimal", "istitle", "isidentifier", "exists", "isfile", "isdir", "is_integer",
                 "issubset", "issuperset", "isdisjoint"}
_ARRAY_LIBRARIES = ("numpy", "pandas")
_OPPOSITE = {ast.Eq: "!=", ast.NotEq: "==", ast.Lt: ">=", ast.LtE: ">", ast.Gt: "<=", ast.GtE: "<", ast.In: "not in",
             ast.NotIn: "in", ast.Is: "is not", ast.IsNot: "is"}


def _bool_constant(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, bool) else None


def _is_condition(node):
    """Whether an expression is already True or False (not just truthy): a comparison, `not`, a known test."""
    if isinstance(node, (ast.Compare,)) or _bool_constant(node) is not None:
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    if isinstance(node, ast.BoolOp):
        return all(_is_condition(v) for v in node.values)
    if isinstance(node, ast.Call):
        f = node.func
        return isinstance(f, ast.Name) and f.id in _BOOL_FUNCTIONS or isinstance(f, ast.Attribute) and f.attr in _BOOL_METHODS
    return False


def _as_bool(ctx, cond, negate):
    """`cond`, `not cond`, or `bool(cond)`, as code."""
    code = ctx.seg(cond)
    if negate and isinstance(cond, ast.UnaryOp) and isinstance(cond.op, ast.Not):
        return _as_bool(ctx, cond.operand, False)
    if negate and isinstance(cond, ast.Compare) and len(cond.ops) == 1 and type(cond.ops[0]) in _OPPOSITE:
        return "%s %s %s" % (ctx.seg(cond.left), _OPPOSITE[type(cond.ops[0])], ctx.seg(cond.comparators[0]))
    if negate:
        return "not " + code if not isinstance(cond, (ast.BoolOp, ast.IfExp)) else "not (%s)" % code
    return code if _is_condition(cond) else "bool(%s)" % code


def _shown(before, condition):
    """`return <condition>` as code, or words for it when the condition is too long to repeat."""
    if len(condition) <= 40:
        return "`%s`" % (before + " " + condition).strip()
    if condition.startswith("not "):
        what = "`not` and the condition"
    elif condition.startswith("bool("):
        what = "`bool()` of the condition"
    else:
        what = "the condition itself"
    return ("`%s` followed by %s" % (before, what)) if before else what


def _compared(ctx, node):
    """(message) for `x == True`, `x != False`..., else None."""
    if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        return None
    left, right = node.left, node.comparators[0]
    value, other = _bool_constant(right), left
    if value is None:
        value, other = _bool_constant(left), right
    if value is None or _bool_constant(other) is not None:
        return None
    if any(isinstance(a, ast.Subscript) for a in ctx.ancestors(node)):
        return None
    positive = value == isinstance(node.ops[0], ast.Eq)
    code = ctx.seg(other)
    if len(code) > 30:
        better = "the condition itself" if positive else "`not` in front of the condition"
    else:
        better = "`%s`" % (code if positive else ("not " + code if not isinstance(other, ast.BoolOp) else "not (%s)" % code))
    return ("%s compares with `%s`, but `%s` is already true or false, so %s says the same."
            % (ctx.code(node, 45), value, ctx.code(other, 30).strip("`"), better))


def _single(stmts, kind):
    return stmts[0] if len(stmts) == 1 and isinstance(stmts[0], kind) else None


def _returned_bools(node):
    """(True or False) for a block that is just `return True` or `return False`, else None."""
    ret = _single(node, ast.Return) if isinstance(node, list) else None
    return _bool_constant(ret.value) if ret is not None and ret.value is not None else None


def _assigned_bool(stmts):
    """(name, True or False) for a block that is just `name = True` or `name = False`, else None."""
    a = _single(stmts, ast.Assign)
    if a is None or len(a.targets) != 1 or not isinstance(a.targets[0], ast.Name):
        return None
    value = _bool_constant(a.value)
    return None if value is None else (a.targets[0].id, value)


def _neighbours(ctx, stmt):
    """The statements just before and just after `stmt` in its block (None at either end)."""
    parent = ctx.parent(stmt)
    for _field, block in ast.iter_fields(parent):
        if isinstance(block, list):
            for i, s in enumerate(block):
                if s is stmt:
                    return (block[i - 1] if i > 0 else None), (block[i + 1] if i + 1 < len(block) else None)
    return None, None


def _guard(stmt):
    """Whether `stmt` is `if ...: ... return ...` with no else: one of a row of early returns."""
    return isinstance(stmt, ast.If) and not stmt.orelse and isinstance(stmt.body[-1], ast.Return)


def _spelled_out(ctx, node):
    """The message for an `if` that turns its condition into True/False by hand, else None."""
    if ctx.loops_containing(node):
        return None  # `for ...: if c: return True` then `return False` is a search, not this
    parent = ctx.parent(node)
    if isinstance(parent, ast.If) and parent.orelse == [node]:
        return None  # an `elif`: its condition alone doesn't decide, the branches above it come first
    first = _returned_bools(node.body)
    if first is not None:
        if node.orelse:
            second = _returned_bools(node.orelse)
        else:
            before, after = _neighbours(ctx, node)
            if _guard(before):
                return None  # the last of a row of checks, each returning early, reads well as it is
            second = _returned_bools([after]) if after is not None else None
        if second is None or second == first:
            return None
        return ("%s returns `True` or `False` depending on the condition; %s gives back the same answer in one "
                "line." % (header(ctx, node), _shown("return", _as_bool(ctx, node.test, not first))))
    assigned = _assigned_bool(node.body)
    other = _assigned_bool(node.orelse) if node.orelse else None
    if assigned is None or other is None or assigned[0] != other[0] or assigned[1] == other[1]:
        return None
    return ("%s sets `%s` to `True` or `False` depending on the condition; %s says the same in one line."
            % (header(ctx, node), assigned[0], _shown(assigned[0] + " =", _as_bool(ctx, node.test, not assigned[1]))))


def _conditional(ctx, node):
    """The message for `True if c else False`, else None."""
    yes, no = _bool_constant(node.body), _bool_constant(node.orelse)
    if yes is None or no is None or yes == no:
        return None
    return ("%s turns the condition into `True` or `False` by hand; %s gives the same value."
            % (ctx.code(node, 45), _shown("", _as_bool(ctx, node.test, not yes))))


def review(ctx):
    if any(name.split(".")[0] in _ARRAY_LIBRARIES for name in ctx.imports):
        return []
    hits = []
    for node in ctx.tree_nodes:
        if isinstance(node, ast.Compare):
            message = _compared(ctx, node)
        elif isinstance(node, ast.If):
            message = _spelled_out(ctx, node)
        elif isinstance(node, ast.IfExp):
            message = _conditional(ctx, node)
        else:
            continue
        if message is not None:
            hits.append((node.lineno, node, message))
    return first_each(ctx, SUGGESTION, hits)
