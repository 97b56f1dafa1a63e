"""off-by-one: a loop over positions that goes one step too far or stops one step short
(`range(len(x) + 1)`, `range(1, len(x))`, `range(len(x) - 1)`, `while i <= len(x)`), or `x[len(x)]`."""

import ast

from ..kinds import subscript_index
from ._indexing import constant_index, guarded, indexes, len_of, len_plus, position_loop

CONCEPT = "off-by-one"


def _uses(ctx, scope, seq, test):
    return any(isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == seq and test(n)
               for n in scope.nodes)


def _mentions_end(node, seq):
    """x[-1], x[-1:], x[len(x) - 1]: the last item is dealt with separately."""
    for n in ast.walk(subscript_index(node)):
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub) and isinstance(n.operand, ast.Constant):
            return True
        if len_plus(n) == (seq, -1):
            return True
    return False


def _mentions_start(node):
    """x[0], x[:1]: the first item is dealt with separately."""
    index = subscript_index(node)
    if isinstance(index, ast.Slice):
        return index.lower is None
    return constant_index(node) == 0


def _looks_back(body, var):
    """`i - 1` anywhere in the loop: comparing with the item before, which is why it starts at 1."""
    return any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Sub) and isinstance(n.left, ast.Name) and n.left.id == var
               for stmt in body for n in ast.walk(stmt))


def detect(ctx):
    found = []
    for node in ctx.tree_nodes:
        if isinstance(node, ast.For):
            loop = position_loop(node)
            if loop is None:
                continue
            var, seq, start, extra = loop
            used = indexes(node.body, seq, var)
            plain = [s for s, k in used if k == 0 and not guarded(ctx, s, node, var)]
            if not plain:
                continue
            ks = {k for _, k in used}
            scope = ctx.scope(node)
            header = ctx.code(node.iter)
            if extra > 0:
                message = ("%s on line %d goes one step past the end of `%s`: its last `%s` is `len(%s)`, and "
                           "`%s[len(%s)]` does not exist (positions stop at `len(%s) - 1`)."
                           % (header, node.lineno, seq, var, seq, seq, seq, seq))
            elif start == 1 and extra == 0 and not _looks_back(node.body, var) \
                    and not _uses(ctx, scope, seq, _mentions_start):
                message = ("%s on line %d starts at 1, so the loop never looks at the first item, `%s[0]`: "
                           "positions start at 0." % (header, node.lineno, seq))
            elif start == 0 and extra == -1 and not any(k > 0 for k in ks) \
                    and not _uses(ctx, scope, seq, lambda n: _mentions_end(n, seq)):
                message = ("%s on line %d stops one step early, so the loop never looks at the last item, "
                           "`%s[len(%s) - 1]`: `range(len(%s))` already stops before `len(%s)`."
                           % (header, node.lineno, seq, seq, seq, seq))
            else:
                continue
            found.append(ctx.finding(CONCEPT, node.lineno, node, message))
        elif isinstance(node, ast.While):
            test = node.test
            if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name)):
                continue
            var, op, bound = test.left.id, test.ops[0], len_plus(test.comparators[0])
            if bound is None:
                continue
            seq, extra = bound
            too_far = isinstance(op, ast.LtE) and extra >= 0 or isinstance(op, ast.Lt) and extra >= 1
            if not too_far:
                continue
            used = [s for s, k in indexes(node.body, seq, var) if k == 0 and not guarded(ctx, s, node, var)]
            if not used:
                continue
            message = ("%s on line %d lets `%s` reach `len(%s)`, one past the last position, so `%s[%s]` fails "
                       "on the last pass: positions go from 0 to `len(%s) - 1`."
                       % (ctx.code(test), node.lineno, var, seq, seq, var, seq))
            found.append(ctx.finding(CONCEPT, node.lineno, node, message))
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and isinstance(node.ctx, ast.Load):
            index = subscript_index(node)
            if len_of(index) == node.value.id and ctx.type_of(node.value) != "dict":
                seq = node.value.id
                message = ("%s on line %d asks for the item just past the end of `%s`: the last item is "
                           "`%s[len(%s) - 1]` (or `%s[-1]`)." % (ctx.code(node), node.lineno, seq, seq, seq, seq))
                found.append(ctx.finding(CONCEPT, node.lineno, node, message))
    return found
