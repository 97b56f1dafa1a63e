"""type-conversion: text and numbers mixed without converting: `input()` results used as numbers, or
`"Total: " + total` with a number."""

import ast

CONCEPT = "type-conversion"

_NUMBER = ("int", "float")
_ARITHMETIC = (ast.Sub, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_ORDER = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _is_input(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input"


def _number(ctx, node):
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    return ctx.type_of(node) in _NUMBER


def _misuse(ctx, node):
    """How `node` (text from input()) is used as a number, as (statement-ish node, words), or None."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.BinOp):
        other = parent.right if parent.left is node else parent.left
        if isinstance(parent.op, _ARITHMETIC) and not (isinstance(parent.op, ast.Mod) and parent.left is node):
            return parent, "does arithmetic with it (%s), which raises TypeError" % ctx.code(parent)
        if isinstance(parent.op, ast.Add) and _number(ctx, other):
            return parent, "adds a number to it (%s), which raises TypeError" % ctx.code(parent)
        if isinstance(parent.op, ast.Mult) and _number(ctx, other):
            return parent, "multiplies it (%s), which repeats the text instead of multiplying a number" % ctx.code(parent)
    if isinstance(parent, ast.AugAssign) and parent.value is node and _number(ctx, parent.target):
        return parent, "adds it to a number (%s), which raises TypeError" % ctx.code(parent)
    if isinstance(parent, ast.Compare):
        operands = [parent.left] + list(parent.comparators)
        for i, op in enumerate(parent.ops):
            pair = operands[i:i + 2]
            if not any(o is node for o in pair):
                continue
            other = pair[1] if pair[0] is node else pair[0]
            if isinstance(op, _ORDER) and _number(ctx, other):
                return parent, "compares it with a number (%s), which raises TypeError" % ctx.code(parent)
            if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(other, ast.Constant) and isinstance(other.value, (int, float)) \
                    and not isinstance(other.value, bool):
                return parent, "compares it with a number (%s), which is never equal to text" % ctx.code(parent)
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in ("range", "abs") and node in parent.args:
        return parent, "passes it to `%s()` (%s), which needs a number" % (parent.func.id, ctx.code(parent))
    return None


def _input_findings(ctx):
    found = []
    for scope in ctx.code_scopes():
        ordered = scope.nodes_in_order()
        for assign in ordered:
            if not (isinstance(assign, ast.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name)
                    and _is_input(assign.value)):
                continue
            name = assign.targets[0].id
            after = (assign.end_lineno or assign.lineno, assign.end_col_offset or 0)
            for use in ordered:
                if (use.lineno, use.col_offset) < after or not isinstance(use, ast.Name) or use.id != name:
                    continue
                if isinstance(use.ctx, ast.Store):
                    break  # reassigned, maybe converted: stop following it
                misuse = _misuse(ctx, use)
                if misuse:
                    where, words = misuse
                    message = ("`%s` holds the text that `input()` gave back on line %d, and line %d %s: convert it "
                               "first with `int(%s)` or `float(%s)`." % (name, assign.lineno, where.lineno, words, name, name))
                    found.append(ctx.finding(CONCEPT, where.lineno, where, message))
                    break
    for node in ctx.tree_nodes:
        if _is_input(node):
            misuse = _misuse(ctx, node)
            if misuse:
                where, words = misuse
                message = ("%s on line %d gives back text, and the line %s: wrap it in `int(...)` or `float(...)` first."
                           % (ctx.code(node), node.lineno, words.replace("it (", "that text (", 1)))
                found.append(ctx.finding(CONCEPT, where.lineno, where, message))
    return found


def _is_text(ctx, node):
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    return ctx.type_of(node) == "str"


def detect(ctx):
    found = _input_findings(ctx)
    seen = {f["line"] for f in found}
    for node in ctx.tree_nodes:
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)):
            continue
        left, right = node.left, node.right
        for text, number in ((left, right), (right, left)):
            if not (_is_text(ctx, text) and (isinstance(text, (ast.Constant, ast.JoinedStr)) or isinstance(number, ast.Constant))):
                continue
            if not _number(ctx, number) or _is_text(ctx, number) or isinstance(number, ast.Constant) and isinstance(number.value, str):
                continue
            if node.lineno in seen:
                break
            seen.add(node.lineno)
            shown = ctx.seg(number)
            message = ("%s on line %d joins text and a number with `+`, which raises TypeError: turn the number into "
                       "text with `str(%s)`, or use an f-string." % (ctx.code(node), node.lineno, shown if len(shown) < 30 else "..."))
            found.append(ctx.finding(CONCEPT, node.lineno, node, message))
            break
    return found
