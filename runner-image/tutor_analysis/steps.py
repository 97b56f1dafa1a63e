"""Plain-English steps of a function, one per statement worth explaining: "Starts `total` at 0.", "Loops over
each item of `numbers`, calling it `n`.", "Gives back `total`." For "explain this function"."""

import ast

from .builtin_types import is_builtin_call
from .kinds import FUNCTIONS
from .source import code

MAX_STEPS = 40
_EMPTY_WORDS = {"str": "empty", "list": "empty", "dict": "empty", "set": "empty", "tuple": "empty",
                "int": "0", "float": "0", "bool": "False"}
_EMPTY = {"list": "an empty list", "dict": "an empty dictionary", "set": "an empty set", "tuple": "an empty tuple"}


def steps_for(ctx, scope):
    body = list(scope.node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    writer = _Steps(ctx, scope)
    writer.block(body, "")
    return writer.steps[:MAX_STEPS]


def _sentence(prefix, text):
    text = (prefix + text).strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", ":", "?", "!")) else text + "."


def _c(ctx, node, limit=40):
    return code(ctx.seg(node), limit)


def _names(target):
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for e in target.elts for n in _names(e)]
    return []


def _and(items):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Steps:
    def __init__(self, ctx, scope):
        self.ctx = ctx
        self.scope = scope
        self.steps = []
        self.assigned = set()
        self.types = ctx.types(scope)

    def add(self, line, prefix, text):
        if text and len(self.steps) < MAX_STEPS:
            self.steps.append({"line": line, "text": _sentence(prefix, text)})

    def block(self, stmts, prefix):
        for i, stmt in enumerate(stmts):
            self.statement(stmt, prefix if i == 0 else "")

    def statement(self, stmt, prefix):
        ctx = self.ctx
        if isinstance(stmt, ast.If):
            self.add(stmt.lineno, prefix, self.condition(stmt.test))
            self.block(stmt.body, "")
            orelse = stmt.orelse
            if len(orelse) == 1 and isinstance(orelse[0], ast.If) and ctx.src.line(orelse[0].lineno).lstrip().startswith("elif"):
                self.statement(orelse[0], "otherwise, ")
            elif orelse:
                self.block(orelse, "otherwise, ")
            return
        if isinstance(stmt, (ast.For, ast.AsyncFor)):
            self.add(stmt.lineno, prefix, self.for_loop(stmt))
            self.block(stmt.body, "")
            if stmt.orelse:
                self.block(stmt.orelse, "when the loop has finished without `break`, ")
            return
        if isinstance(stmt, ast.While):
            if isinstance(stmt.test, ast.Constant) and bool(stmt.test.value):
                text = "repeats the steps below forever, until a `break` or `return` stops it"
            else:
                text = "repeats the steps below while %s" % _c(ctx, stmt.test)
            self.add(stmt.lineno, prefix, text)
            self.block(stmt.body, "")
            if stmt.orelse:
                self.block(stmt.orelse, "when the loop has finished without `break`, ")
            return
        if isinstance(stmt, (ast.With, getattr(ast, "AsyncWith", ast.With))):
            parts = []
            for item in stmt.items:
                expr = item.context_expr
                name = " as %s" % _c(ctx, item.optional_vars) if item.optional_vars is not None else ""
                if is_builtin_call(expr, ("open",)) and expr.args:
                    parts.append("opens the file %s%s" % (_c(ctx, expr.args[0]), name))
                else:
                    parts.append("uses %s%s" % (_c(ctx, expr), name))
            self.add(stmt.lineno, prefix, _and(parts) + " for the steps below (and closes it afterwards)")
            self.block(stmt.body, "")
            return
        if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            self.add(stmt.lineno, prefix, "tries the steps below, watching for errors")
            self.block(stmt.body, "")
            for handler in stmt.handlers:
                kind = _c(ctx, handler.type) if handler.type is not None else "any error"
                self.add(handler.lineno, "", "if %s happens in those steps, runs these steps instead" % kind)
                self.block(handler.body, "")
            if stmt.orelse:
                self.block(stmt.orelse, "if no error happened, ")
            if stmt.finalbody:
                self.block(stmt.finalbody, "in every case, ")
            return
        if type(stmt).__name__ == "Match":
            self.add(stmt.lineno, prefix, "compares %s with each case below, in order" % _c(ctx, stmt.subject))
            for case in stmt.cases:
                self.add(case.pattern.lineno, "", "in case it matches %s:" % _c(ctx, case.pattern))
                self.block(case.body, "")
            return
        self.add(stmt.lineno, prefix, self.simple(stmt))

    # -- words for one statement --------------------------------------------------------------------------

    def condition(self, test):
        ctx = self.ctx
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.Name):
            kind = self.types.of(test.operand)
            what = _EMPTY_WORDS.get(kind, "empty (or zero, or None)")
            return "checks whether %s is %s" % (_c(ctx, test.operand), what)
        if isinstance(test, ast.Name):
            kind = self.types.of(test)
            if kind == "bool":
                return "checks whether %s is True" % _c(ctx, test)
            what = _EMPTY_WORDS.get(kind, "empty (or zero, or None)")
            return "checks whether %s is not %s" % (_c(ctx, test), what)
        return "checks whether %s" % _c(ctx, test)

    def for_loop(self, loop):
        ctx = self.ctx
        it, target = loop.iter, loop.target
        names = _names(target)
        calling = ("calling it %s" % code(names[0])) if isinstance(target, ast.Name) else \
            ("unpacking it into %s" % _and(code(n) for n in names))
        if is_builtin_call(it, ("range",)) and isinstance(target, ast.Name) and not it.keywords:
            args = it.args
            var = code(target.id)
            if len(args) == 1:
                inner = args[0]
                if is_builtin_call(inner, ("len",)) and len(inner.args) == 1:
                    return "loops over each position %s of %s, from 0 to one less than its length" % (var, _c(ctx, inner.args[0]))
                return "repeats %s times, with %s counting up from 0" % (_c(ctx, inner), var)
            if len(args) == 2:
                start, stop = args
                if isinstance(stop, ast.Constant) and type(stop.value) is int:
                    return "counts %s from %s up to %d" % (var, _c(ctx, start), stop.value - 1)
                return "counts %s from %s up to one less than %s" % (var, _c(ctx, start), _c(ctx, stop))
            if len(args) == 3:
                return "counts %s from %s towards %s, in steps of %s" % (var, _c(ctx, args[0]), _c(ctx, args[1]), _c(ctx, args[2]))
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "enumerate" and it.args \
                and isinstance(target, ast.Tuple) and len(names) == 2:
            return "loops over %s, with %s the position and %s the item" % (_c(ctx, it.args[0]), code(names[0]), code(names[1]))
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "zip" and len(it.args) >= 2:
            return "loops over %s side by side, %s" % (_and(_c(ctx, a) for a in it.args), calling)
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and not it.args:
            owner = _c(ctx, it.func.value)
            if it.func.attr == "items" and len(names) == 2:
                return "loops over each key and value of %s, calling them %s and %s" % (owner, code(names[0]), code(names[1]))
            if it.func.attr == "keys":
                return "loops over each key of %s, %s" % (owner, calling)
            if it.func.attr == "values":
                return "loops over each value of %s, %s" % (owner, calling)
            if it.func.attr == "split":
                return "splits %s into words and loops over each word, %s" % (owner, calling)
        kind = self.types.of(it)
        if kind == "str":
            return "loops over each character of %s, %s" % (_c(ctx, it), calling)
        if kind == "dict":
            return "loops over each key of %s, %s" % (_c(ctx, it), calling)
        return "loops over each item of %s, %s" % (_c(ctx, it), calling)

    def simple(self, stmt):
        ctx = self.ctx
        if isinstance(stmt, ast.Assign):
            return self.assign(stmt.targets, stmt.value)
        if isinstance(stmt, ast.AnnAssign):
            if stmt.value is None:
                return "declares %s as %s" % (_c(ctx, stmt.target), _c(ctx, stmt.annotation))
            return self.assign([stmt.target], stmt.value)
        if isinstance(stmt, ast.AugAssign):
            return self.augmented(stmt)
        if isinstance(stmt, ast.Return):
            if stmt.value is None:
                return "stops here and gives back None"
            return "gives back %s" % _c(ctx, stmt.value)
        if isinstance(stmt, ast.Expr):
            return self.expression(stmt.value)
        if isinstance(stmt, ast.Raise):
            if stmt.exc is None:
                return "raises the same error again"
            exc = stmt.exc
            name = exc.func if isinstance(exc, ast.Call) else exc
            text = "stops the function with a %s" % _c(ctx, name, 30)
            if isinstance(exc, ast.Call) and exc.args:
                text += ": %s" % _c(ctx, exc.args[0], 50)
            return text
        if isinstance(stmt, ast.Break):
            return "leaves the loop straight away"
        if isinstance(stmt, ast.Continue):
            return "skips the rest of this pass and goes on with the next one"
        if isinstance(stmt, ast.Pass):
            return None
        if isinstance(stmt, ast.Assert):
            return "checks that %s is true, and stops with an AssertionError if not" % _c(ctx, stmt.test)
        if isinstance(stmt, ast.Delete):
            return "deletes %s" % _and(_c(ctx, t) for t in stmt.targets)
        if isinstance(stmt, ast.Global):
            return "uses the module-level %s, not a new local one" % _and(code(n) for n in stmt.names)
        if isinstance(stmt, ast.Nonlocal):
            return "uses %s from the enclosing function" % _and(code(n) for n in stmt.names)
        if isinstance(stmt, ast.Import):
            return "imports %s" % _and(code(a.name) for a in stmt.names)
        if isinstance(stmt, ast.ImportFrom):
            return "imports %s from %s" % (_and(code(a.name) for a in stmt.names), code(stmt.module or "."))
        if isinstance(stmt, FUNCTIONS):
            return "defines a helper function %s" % code(stmt.name)
        if isinstance(stmt, ast.ClassDef):
            return "defines a class %s" % code(stmt.name)
        return "runs %s" % _c(ctx, stmt)

    def assign(self, targets, value):
        ctx = self.ctx
        target = targets[-1]
        if isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts) == 2 \
                    and ast.dump(value.elts[0]) == ast.dump(target.elts[1]) and ast.dump(value.elts[1]) == ast.dump(target.elts[0]):
                return "swaps %s and %s" % (_c(ctx, target.elts[0]), _c(ctx, target.elts[1]))
            return "unpacks %s into %s" % (_c(ctx, value), _and(_c(ctx, e) for e in target.elts))
        shown = _c(ctx, target)
        if isinstance(target, ast.Name):
            first = target.id not in self.assigned
            self.assigned.add(target.id)
            if isinstance(value, ast.BinOp) and isinstance(value.left, ast.Name) and value.left.id == target.id:
                words = self.update_words(value.op, target, value.right)
                if words:
                    return words
            if isinstance(value, ast.Constant) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
                return ("starts %s at %s" if first else "sets %s to %s") % (shown, ctx.seg(value))
            if isinstance(value, ast.Constant) and value.value == "":
                return ("starts %s as empty text" if first else "sets %s back to empty text") % shown
            for kind, words in _EMPTY.items():
                if _is_empty(value, kind):
                    return ("starts %s as %s" if first else "sets %s back to %s") % (shown, words)
            comp = self.comprehension(value)
            if comp:
                return "%s, and calls it %s" % (comp, shown)
            if is_builtin_call(value, ("input",)):
                return "asks the user to type something and keeps the text in %s" % shown
        return "sets %s to %s" % (shown, _c(ctx, value))

    def comprehension(self, value):
        ctx = self.ctx
        if not isinstance(value, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)) or len(value.generators) != 1:
            return None
        gen = value.generators[0]
        kind = {ast.ListComp: "a list", ast.SetComp: "a set", ast.GeneratorExp: "a sequence", ast.DictComp: "a dictionary"}[type(value)]
        item = "%s: %s" % (ctx.seg(value.key), ctx.seg(value.value)) if isinstance(value, ast.DictComp) else ctx.seg(value.elt)
        text = "builds %s of %s for each %s in %s" % (kind, code(item, 30), _c(ctx, gen.target), _c(ctx, gen.iter, 30))
        if gen.ifs:
            text += " where %s" % _c(ctx, gen.ifs[0], 30)
        return text

    def update_words(self, op, target, value):
        ctx = self.ctx
        t, v = _c(ctx, target), _c(ctx, value)
        if isinstance(value, ast.Constant) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
            v = ctx.seg(value)  # "adds 1 to `count`"
        kind = self.types.of(target)
        if isinstance(op, ast.Add):
            if kind == "str":
                return "adds %s to the end of the text %s" % (v, t)
            if kind == "list":
                return "adds the items of %s to the end of %s" % (v, t)
            return "adds %s to %s" % (v, t)
        if isinstance(op, ast.Sub):
            return "subtracts %s from %s" % (v, t)
        if isinstance(op, ast.Mult):
            return "multiplies %s by %s" % (t, v)
        if isinstance(op, ast.Div):
            return "divides %s by %s" % (t, v)
        if isinstance(op, ast.FloorDiv):
            return "divides %s by %s, keeping only the whole-number part" % (t, v)
        if isinstance(op, ast.Mod):
            return "replaces %s with the remainder of dividing it by %s" % (t, v)
        if isinstance(op, ast.Pow):
            return "raises %s to the power %s" % (t, v)
        return None

    def augmented(self, stmt):
        words = self.update_words(stmt.op, stmt.target, stmt.value)
        return words or "updates %s with %s" % (_c(self.ctx, stmt.target), _c(self.ctx, stmt.value))

    def expression(self, value):
        ctx = self.ctx
        if isinstance(value, ast.Constant):
            return None
        if isinstance(value, ast.Call):
            f = value.func
            args = value.args
            if isinstance(f, ast.Name) and f.id == "print":
                if not args:
                    return "prints an empty line"
                return "prints %s" % _and(_c(ctx, a, 30) for a in args[:3])
            if isinstance(f, ast.Attribute):
                owner = _c(ctx, f.value, 30)
                first = _c(ctx, args[0], 30) if args else None
                m = f.attr
                if m == "append" and first:
                    return "adds %s to the end of %s" % (first, owner)
                if m == "extend" and first:
                    return "adds the items of %s to the end of %s" % (first, owner)
                if m == "insert" and len(args) == 2:
                    return "inserts %s at position %s of %s" % (_c(ctx, args[1], 30), first, owner)
                if m == "remove" and first:
                    return "removes the first %s from %s" % (first, owner)
                if m == "pop":
                    return ("removes item %s from %s" % (first, owner)) if first else "removes the last item of %s" % owner
                if m == "sort":
                    return "sorts %s in place" % owner
                if m == "reverse":
                    return "reverses %s in place" % owner
                if m == "clear":
                    return "empties %s" % owner
                if m == "add" and first:
                    return "adds %s to the set %s" % (first, owner)
                if m == "update" and first:
                    return "adds everything in %s to %s" % (first, owner)
                if m == "write" and first:
                    return "writes %s to %s" % (first, owner)
            return "calls %s" % _c(ctx, value)
        if isinstance(value, (ast.Yield, ast.YieldFrom)):
            return "hands out %s (this function is a generator)" % (_c(ctx, value.value) if value.value is not None else "None")
        if isinstance(value, ast.Await):
            return "waits for %s" % _c(ctx, value.value)
        return "works out %s (and doesn't keep the result)" % _c(ctx, value)


def _is_empty(value, kind):
    if kind == "list" and isinstance(value, ast.List) and not value.elts:
        return True
    if kind == "dict" and isinstance(value, ast.Dict) and not value.keys:
        return True
    if kind == "tuple" and isinstance(value, ast.Tuple) and not value.elts:
        return True
    return is_builtin_call(value, (kind,)) and not value.args and not value.keywords

