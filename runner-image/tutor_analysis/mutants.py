"""Mode "mutants": small deliberate bugs in one function (classic mutation operators), each a whole new source
that still compiles. The server runs them against the exercise's tests to see which tests notice."""

import ast
import re
from itertools import islice

from .analyze import parse
from .kinds import FUNCTIONS
from .docstrings import _functions, is_docstring
from .source import Source, shorten

DEFAULT_MAX = 20
HARD_MAX = 200
MAX_CANDIDATES = 2000

# Operator kinds, in the order they take turns when there are more candidates than `max`.
KINDS = ["comparison", "arithmetic", "constant", "return", "condition", "boolean", "bool-constant", "range", "delete"]

COMPARE = {
    ast.Lt: ("<", r"<", "<="), ast.LtE: ("<=", r"<=", "<"), ast.Gt: (">", r">", ">="), ast.GtE: (">=", r">=", ">"),
    ast.Eq: ("==", r"==", "!="), ast.NotEq: ("!=", r"!=", "=="), ast.In: ("in", r"in", "not in"),
    ast.NotIn: ("not in", r"not\s+in", "in"), ast.Is: ("is", r"is", "is not"), ast.IsNot: ("is not", r"is\s+not", "is"),
}
ARITHMETIC = {
    ast.Add: ("+", r"\+", "-"), ast.Sub: ("-", r"-", "+"), ast.Mult: ("*", r"\*", "/"), ast.Div: ("/", r"/", "*"),
    ast.FloorDiv: ("//", r"//", "/"), ast.Mod: ("%", r"%", "//"), ast.Pow: ("**", r"\*\*", "*"),
}
BOOLEAN = {ast.And: ("and", "or"), ast.Or: ("or", "and")}


class _Candidate:
    def __init__(self, kind, node, edits, description):
        self.kind = kind
        self.line = node.lineno
        self.col = node.col_offset
        self.edits = edits  # [(start, end, replacement)]
        self.description = description


def _find_function(tree, name):
    functions = _functions(tree)
    for qual, _, node in functions:
        if qual == name:
            return node
    matches = [node for _, plain, node in functions if plain == name]
    if matches:
        return matches[0]
    for node in ast.walk(tree):  # a nested helper, as a last resort
        if isinstance(node, FUNCTIONS) and node.name == name:
            return node
    return None


def skipped_nodes(fn):
    """Nodes whose positions can't be trusted (inside f-strings before 3.12) or that aren't code (docstrings)."""
    skipped = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(n) for n in ast.walk(node))
    for node in [fn] + [n for n in ast.walk(fn) if isinstance(n, FUNCTIONS + (ast.ClassDef,))]:
        if node.body and is_docstring(node.body[0]):
            skipped.update(id(n) for n in ast.walk(node.body[0]))
    return skipped


def _body_nodes(fn):
    skipped = skipped_nodes(fn)
    nodes = []
    for stmt in fn.body:
        for node in ast.walk(stmt):
            if id(node) not in skipped and hasattr(node, "lineno"):
                nodes.append(node)
    nodes.sort(key=lambda n: (n.lineno, n.col_offset))
    return nodes


def operator_span(src, left, right, pattern):
    """(start, end) of the operator between two nodes, found in the text between them, or None."""
    a, b = src.span(left), src.span(right)
    if a is None or b is None or a[1] > b[0]:
        return None
    gap = src.text[a[1]:b[0]]
    m = re.match(r"[\s()\\]*(" + pattern + r")[\s()\\]*\Z", gap)
    if not m:
        return None
    return a[1] + m.start(1), a[1] + m.end(1)


def _candidates(src, fn):
    found = []
    for node in _body_nodes(fn):
        if isinstance(node, ast.Compare):
            operands = [node.left] + list(node.comparators)
            for i, op in enumerate(node.ops):
                shown, pattern, other = COMPARE[type(op)]
                where = operator_span(src, operands[i], operands[i + 1], pattern)
                if where:
                    found.append(_Candidate("comparison", node, [(where[0], where[1], other)],
                                            "changed `%s` to `%s`" % (shown, other)))
        elif isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC \
                and not (isinstance(node.op, ast.Mod) and isinstance(node.left, (ast.Constant, ast.JoinedStr))):
            shown, pattern, other = ARITHMETIC[type(node.op)]
            where = operator_span(src, node.left, node.right, pattern)
            if where:
                found.append(_Candidate("arithmetic", node, [(where[0], where[1], other)], "changed `%s` to `%s`" % (shown, other)))
        elif isinstance(node, ast.AugAssign) and type(node.op) in ARITHMETIC:
            shown, pattern, other = ARITHMETIC[type(node.op)]
            where = operator_span(src, node.target, node.value, pattern + "=")
            if where:
                found.append(_Candidate("arithmetic", node, [(where[0], where[1], other + "=")],
                                        "changed `%s=` to `%s=`" % (shown, other)))
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            span = src.span(node)
            if span:
                for value in (node.value + 1, node.value - 1):
                    if value < 0:
                        continue  # `-1` is written as -(1): changing the 1 covers it
                    found.append(_Candidate("constant", node, [(span[0], span[1], str(value))],
                                            "changed `%s` to `%d`" % (src.text[span[0]:span[1]], value)))
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            span = src.span(node)
            if span:
                other = "False" if node.value else "True"
                found.append(_Candidate("bool-constant", node, [(span[0], span[1], other)],
                                        "changed `%s` to `%s`" % (node.value, other)))
        elif isinstance(node, ast.Return) and node.value is not None \
                and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            span = src.span(node.value)
            if span:
                found.append(_Candidate("return", node, [(span[0], span[1], "None")],
                                        "replaced `return %s` with `return None`" % shorten(src.segment(node.value), 40)))
        elif isinstance(node, ast.If):
            span = src.span(node.test)
            if span:
                text = src.text[span[0]:span[1]]
                found.append(_Candidate("condition", node, [(span[0], span[1], "not (%s)" % text)],
                                        "negated the condition `%s`" % shorten(text, 40)))
        elif isinstance(node, ast.BoolOp) and type(node.op) in BOOLEAN:
            shown, other = BOOLEAN[type(node.op)]
            edits = []
            for left, right in zip(node.values, node.values[1:]):
                where = operator_span(src, left, right, shown)
                if where is None:
                    edits = []
                    break
                edits.append((where[0], where[1], other))
            if edits:
                found.append(_Candidate("boolean", node, edits, "changed `%s` to `%s`" % (shown, other)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" \
                and 1 <= len(node.args) <= 2 and not node.keywords:
            stop = node.args[-1]
            span = src.span(stop)
            if span and not isinstance(stop, ast.Starred):
                text = src.text[span[0]:span[1]]
                simple = isinstance(stop, (ast.Name, ast.Call, ast.Attribute, ast.Subscript, ast.Constant))
                if isinstance(stop, ast.Constant) and type(stop.value) is int:
                    new = str(stop.value + 1)
                else:
                    new = ("%s + 1" if simple else "(%s) + 1") % text
                whole = src.segment(node) or "range(...)"
                after = whole[:span[0] - src.span(node)[0]] + new + whole[span[1] - src.span(node)[0]:]
                found.append(_Candidate("range", node, [(span[0], span[1], new)],
                                        "changed `%s` to `%s`" % (shorten(whole, 40), shorten(after, 40))))
        if isinstance(node, ast.stmt) and _deletable(node):
            span = src.span(node)
            if span:
                found.append(_Candidate("delete", node, [(span[0], span[1], "pass")],
                                        "removed `%s`" % shorten(src.segment(node), 40)))
        if len(found) >= MAX_CANDIDATES:
            break
    return found


def _deletable(stmt):
    if isinstance(stmt, (ast.AugAssign, ast.Break, ast.Continue)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        f = stmt.value.func
        return not (isinstance(f, ast.Name) and f.id == "print")
    return False


def _apply(text, edits):
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def distinct_variants(source, tree, candidates):
    """(candidate, text) for each candidate (anything with `edits`) whose edits give a program that compiles and
    differs from the original and from every earlier one. Compiled, never run."""
    seen = {ast.dump(tree)}
    for candidate in candidates:
        text = _apply(source, candidate.edits)
        try:
            edited = ast.parse(text)
            compile(edited, "<variant>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError):
            continue
        dump = ast.dump(edited)
        if dump in seen:
            continue
        seen.add(dump)
        yield candidate, text


def _round_robin(candidates):
    by_kind = {kind: [c for c in candidates if c.kind == kind] for kind in KINDS}
    while any(by_kind.values()):
        for kind in KINDS:
            if by_kind[kind]:
                yield by_kind[kind].pop(0)


def mutants(source, function, max_count=DEFAULT_MAX):
    if not isinstance(function, str) or not function:
        return {"error": "`function` must name a function"}
    if isinstance(max_count, bool) or not isinstance(max_count, int):
        max_count = DEFAULT_MAX
    max_count = max(0, min(max_count, HARD_MAX))
    tree, error = parse(source)
    if tree is None:
        return {"error": "the source does not parse (%s: %s, line %s)" % (error["type"], error["message"], error["line"])}
    fn = _find_function(tree, function)
    if fn is None:
        return {"error": "there is no function named `%s`" % function}
    src = Source(source)
    chosen = list(islice(distinct_variants(source, tree, _round_robin(_candidates(src, fn))), max_count))
    chosen.sort(key=lambda item: (item[0].line, item[0].col, KINDS.index(item[0].kind)))
    return {"mutants": [{"id": i + 1, "line": c.line, "description": c.description, "source": text}
                        for i, (c, text) in enumerate(chosen)]}
