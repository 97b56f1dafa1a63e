"""float-comparison: `0.1 + 0.2 == 0.3`: decimal numbers are stored with tiny rounding errors, so `==` misleads."""

import ast

CONCEPT = "float-comparison"


def _float_literal(node):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, float)


def _exempt(node):
    """round(...), int(...) and math.isclose(...) on a side already deal with the rounding."""
    return isinstance(node, ast.Call) and (
        isinstance(node.func, ast.Name) and node.func.id in ("round", "int", "len", "isclose", "floor", "ceil")
        or isinstance(node.func, ast.Attribute) and node.func.attr in ("isclose", "floor", "ceil", "trunc", "is_integer"))


def _is_constant(node):
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant)


def detect(ctx):
    found = []
    for node in ctx.tree_nodes:
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left] + list(node.comparators)
        for i, op in enumerate(node.ops):
            if not isinstance(op, (ast.Eq, ast.NotEq)):
                continue
            left, right = operands[i], operands[i + 1]
            if _exempt(left) or _exempt(right) or (_is_constant(left) and _is_constant(right)):
                continue
            left_float = _float_literal(left) or ctx.type_of(left) == "float"
            right_float = _float_literal(right) or ctx.type_of(right) == "float"
            literal_side = _float_literal(left) or _float_literal(right)
            if not (left_float and right_float or literal_side):
                continue
            if literal_side:
                # `x == 0.0` is a fair check (whole numbers are stored exactly); `x == 0.5` too when x's type is
                # unknown. Decimals like 0.1 or 0.3 are never stored exactly.
                lit = left if _float_literal(left) else right
                value = lit.operand.value if isinstance(lit, ast.UnaryOp) else lit.value
                if float(value).is_integer() or not (left_float and right_float) and (value * 1024).is_integer():
                    continue
            message = ("%s on line %d compares decimal numbers (floats) with `%s`, but floats are stored with tiny "
                       "rounding errors (`0.1 + 0.2` is `0.30000000000000004`): compare with `math.isclose(...)` or "
                       "`round(...)` instead." % (ctx.code(node), node.lineno, "==" if isinstance(op, ast.Eq) else "!="))
            found.append(ctx.finding(CONCEPT, node.lineno, node, message))
            break
    return found
