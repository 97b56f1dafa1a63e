"""recursion-base-case: a function that calls itself on every path, with no branch that returns without
recursing, so the calls never stop (RecursionError)."""

import ast

from ..kinds import FUNCTIONS

CONCEPT = "recursion-base-case"

NEVER, MAYBE, ALWAYS = 0, 1, 2


class _Paths:
    def __init__(self, is_self_call):
        self.is_self_call = is_self_call

    def effect(self, node):
        """Whether evaluating `node` calls the function itself: NEVER, MAYBE (only in some branch) or ALWAYS."""
        if node is None:
            return NEVER
        result = NEVER
        stack = [(node, False)]
        while stack:
            current, conditional = stack.pop()
            if isinstance(current, FUNCTIONS + (ast.Lambda, ast.ClassDef)) and current is not node:
                continue
            if isinstance(current, ast.Call) and self.is_self_call(current):
                result = max(result, MAYBE if conditional else ALWAYS)
            if isinstance(current, ast.IfExp):
                stack.append((current.test, conditional))
                stack.extend([(current.body, True), (current.orelse, True)])
                continue
            if isinstance(current, ast.BoolOp):
                stack.append((current.values[0], conditional))
                stack.extend((v, True) for v in current.values[1:])
                continue
            if isinstance(current, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                stack.extend((c, True) for c in ast.iter_child_nodes(current))
                continue
            stack.extend((c, conditional) for c in ast.iter_child_nodes(current))
        return result

    @staticmethod
    def apply(states, effect):
        if effect == NEVER:
            return set(states)
        if effect == ALWAYS:
            return {True} if states else set()
        return set(states) | ({True} if states else set())

    def block(self, stmts, states):
        ends = set()
        current = set(states)
        for stmt in stmts:
            if not current:
                break
            current, more = self.statement(stmt, current)
            ends |= more
        return current, ends

    def statement(self, stmt, cur):
        if isinstance(stmt, ast.Return):
            return set(), {("return", r) for r in self.apply(cur, self.effect(stmt.value))}
        if isinstance(stmt, ast.Raise):
            return set(), {("raise", r) for r in self.apply(cur, self.effect(stmt.exc))}
        if isinstance(stmt, (ast.Break, ast.Continue)):
            return set(), {("break" if isinstance(stmt, ast.Break) else "continue", r) for r in cur}
        if isinstance(stmt, ast.If):
            s = self.apply(cur, self.effect(stmt.test))
            body_cur, body_ends = self.block(stmt.body, s)
            else_cur, else_ends = self.block(stmt.orelse, s) if stmt.orelse else (s, set())
            return body_cur | else_cur, body_ends | else_ends
        if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            head = stmt.test if isinstance(stmt, ast.While) else stmt.iter
            s = self.apply(cur, self.effect(head))
            body_cur, body_ends = self.block(stmt.body, s)
            leaving = {r for kind, r in body_ends if kind in ("break", "continue")}
            ends = {(kind, r) for kind, r in body_ends if kind in ("return", "raise")}
            forever = isinstance(stmt, ast.While) and isinstance(stmt.test, ast.Constant) and bool(stmt.test.value)
            after = ({r for kind, r in body_ends if kind == "break"} if forever else s | body_cur | leaving)
            else_cur, else_ends = self.block(stmt.orelse, after) if stmt.orelse else (after, set())
            return else_cur, ends | else_ends
        if isinstance(stmt, (ast.With, getattr(ast, "AsyncWith", ast.With))):
            s = cur
            for item in stmt.items:
                s = self.apply(s, self.effect(item.context_expr))
            return self.block(stmt.body, s)
        if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            body_cur, body_ends = self.block(stmt.body, cur)
            current, ends = set(), set(body_ends)
            if stmt.orelse:
                else_cur, else_ends = self.block(stmt.orelse, body_cur)
                current |= else_cur
                ends |= else_ends
            else:
                current |= body_cur
            for handler in stmt.handlers:
                h_cur, h_ends = self.block(handler.body, cur | body_cur)
                current |= h_cur
                ends |= h_ends
            if stmt.finalbody:
                current, final_ends = self.block(stmt.finalbody, current)
                ends |= final_ends
            return current, ends
        if type(stmt).__name__ == "Match":
            s = self.apply(cur, self.effect(stmt.subject))
            current, ends = set(s), set()
            for case in stmt.cases:
                c_cur, c_ends = self.block(case.body, s)
                current |= c_cur
                ends |= c_ends
            return current, ends
        if isinstance(stmt, FUNCTIONS + (ast.ClassDef,)):
            return set(cur), set()
        return self.apply(cur, self.effect(stmt)), set()


def self_call_test(ctx, scope):
    return lambda call: ctx.is_self_call(scope, call)


def has_base_case(ctx, scope):
    paths = _Paths(self_call_test(ctx, scope))
    falls, ends = paths.block(scope.node.body, {False})
    return False in falls or ("return", False) in ends


def detect(ctx):
    found = []
    for scope in ctx.function_scopes():
        is_self = self_call_test(ctx, scope)
        calls = [n for n in scope.nodes if isinstance(n, ast.Call) and is_self(n)]
        if not calls:
            continue
        try:
            if has_base_case(ctx, scope):
                continue
        except RecursionError:
            continue
        first = min(calls, key=lambda n: (n.lineno, n.col_offset))
        name = scope.node.name
        message = ("`%s` calls itself on line %d on every path, and no branch gives back an answer without calling "
                   "`%s` again, so the calls never stop (RecursionError): add a base case, an `if` for the simplest "
                   "input that returns without recursing." % (name, first.lineno, name))
        found.append(ctx.finding(CONCEPT, first.lineno, None, message, function=scope.name))
    return found
