"""early-return: a `return` inside a loop that every path of the first pass reaches (`if ...: return True /
else: return False`), so the loop never looks past its first item."""

import ast

from ..kinds import FOR_LOOPS, FUNCTIONS

CONCEPT = "early-return"

FALL, RETURN, RAISE, CONTINUE, BREAK = "fall", "return", "raise", "continue", "break"


def exits(stmts):
    """How a block can end: a set of FALL (runs off its end), RETURN, RAISE, CONTINUE, BREAK."""
    current = {FALL}
    for stmt in stmts:
        if FALL not in current:
            break
        current.discard(FALL)
        current |= _exits_of(stmt)
    return current


def _exits_of(stmt):
    if isinstance(stmt, ast.Return):
        return {RETURN}
    if isinstance(stmt, ast.Raise):
        return {RAISE}
    if isinstance(stmt, ast.Continue):
        return {CONTINUE}
    if isinstance(stmt, ast.Break):
        return {BREAK}
    if isinstance(stmt, ast.If):
        return exits(stmt.body) | (exits(stmt.orelse) if stmt.orelse else {FALL})
    if isinstance(stmt, (ast.With, getattr(ast, "AsyncWith", ast.With))):
        return exits(stmt.body)
    if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        inner = exits(stmt.body)
        handlers = set()
        for h in stmt.handlers:
            handlers |= exits(h.body)
        result = (inner | handlers) if stmt.handlers else inner
        if stmt.orelse and FALL in inner:
            result = (result - {FALL}) | exits(stmt.orelse)
        if stmt.finalbody:
            final = exits(stmt.finalbody)
            if FALL not in final:
                return final
        return result | {FALL} if stmt.handlers else result
    if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
        body = exits(stmt.body)
        inside = {e for e in body if e in (RETURN, RAISE)}
        is_forever = isinstance(stmt, ast.While) and isinstance(stmt.test, ast.Constant) and bool(stmt.test.value)
        if is_forever and BREAK not in body:
            return inside or {RETURN}
        return inside | {FALL}
    if type(stmt).__name__ == "Match":
        result = set()
        for case in stmt.cases:
            result |= exits(case.body)
        return result | {FALL}
    return {FALL}


def _returns_accumulated(ctx, loop, ret):
    """Whether the return gives back something the loop body builds up (`total += n` ... `return total`)."""
    if ret.value is None:
        return False
    returned = {n.id for n in ast.walk(ret.value) if isinstance(n, ast.Name)}
    for node in ast.walk(loop):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id in returned:
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("append", "extend", "add", "update") \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in returned:
            return True
        if isinstance(node, ast.Assign):
            targets = {t.id for t in node.targets if isinstance(t, ast.Name)} & returned
            if any(isinstance(n, ast.Name) and n.id in targets for n in ast.walk(node.value)):
                return True  # total = total + n
    return False


def detect(ctx):
    found = []
    for loop in ctx.tree_nodes:
        if not isinstance(loop, FOR_LOOPS) or ctx.enclosing(loop, FUNCTIONS) is None:
            continue
        ends = exits(loop.body)
        if RETURN not in ends or not ends <= {RETURN, RAISE}:
            continue
        # The statement that decides: an if/else that returns on both sides, or a plain return.
        last = loop.body[-1] if loop.body else None
        returns = [n for n in ast.walk(loop) if isinstance(n, ast.Return) and ctx.enclosing(n, FUNCTIONS) is ctx.enclosing(loop, FUNCTIONS)]
        first_return = min(returns, key=lambda n: (n.lineno, n.col_offset))
        if isinstance(last, ast.If):
            how = "returns or raises" if RAISE in ends else "returns"
            message = ("The `if` on line %d inside the `for` loop on line %d %s on every branch, so the function "
                       "stops during the first pass and never looks past the first item."
                       % (last.lineno, loop.lineno, how))
            line = last.lineno
        else:
            if not _returns_accumulated(ctx, loop, first_return):
                continue  # `for item in items: return item` hands back the first item on purpose
            message = ("%s on line %d is reached on the first pass of the `for` loop on line %d, so the loop never "
                       "gets past the first item." % (ctx.code(first_return), first_return.lineno, loop.lineno))
            line = first_return.lineno
        found.append(ctx.finding(CONCEPT, line, loop, message))
    return found
