"""identity-vs-equality: `x is 5`, `name is "Ada"`, `items is []`, `sum(a) is sum(b)`: `is` asks "the same object?",
not "equal?"."""

import ast

CONCEPT = "identity-vs-equality"


def _literal(node):
    if isinstance(node, ast.Constant):
        return node.value is not None and node.value is not Ellipsis and not isinstance(node.value, bool)
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.Tuple, ast.JoinedStr, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        return isinstance(node.operand.value, (int, float)) and not isinstance(node.operand.value, bool)
    return False


# A value computed right there (a call, arithmetic) of one of these types is a new object whenever Python likes:
# comparing it with `is` depends on how CPython happens to cache it.
_VALUE_TYPES = ("int", "float", "str", "tuple", "list", "dict", "set")


def _computed_value(ctx, node):
    return isinstance(node, (ast.Call, ast.BinOp)) and ctx.type_of(node) in _VALUE_TYPES


def detect(ctx):
    found = []
    for node in ctx.tree_nodes:
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left] + list(node.comparators)
        for i, op in enumerate(node.ops):
            if not isinstance(op, (ast.Is, ast.IsNot)):
                continue
            left, right = operands[i], operands[i + 1]
            if not (_literal(left) or _literal(right) or _computed_value(ctx, left) or _computed_value(ctx, right)):
                continue
            instead = "==" if isinstance(op, ast.Is) else "!="
            message = ("%s on line %d uses `%s`, which checks whether both sides are the very same object, not whether "
                       "they are equal: use `%s` to compare values."
                       % (ctx.code(node), node.lineno, "is" if isinstance(op, ast.Is) else "is not", instead))
            found.append(ctx.finding(CONCEPT, node.lineno, node, message))
            break
    return found
