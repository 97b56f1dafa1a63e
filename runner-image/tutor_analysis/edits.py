"""The single-token edits the repair search tries (mode "repairs", and mode "edits", which lists them without running
anything): the small slips a beginner's quiet bug is usually one of. Each edit changes one token or one statement's
indentation, in a function or in the module's own code (a program), is applied to the text (the rest of the file
stays exactly as written), and is kept only when the result compiles and is a different program. What an edit changed is never shown to a learner: the
server uses it only to know which line to point at (server/tutor/localization/)."""

import ast
from itertools import islice

from .analyze import parse
from .context import Context
from .kinds import FUNCTIONS
from .docstrings import is_docstring
from .mutants import ARITHMETIC, COMPARE, distinct_variants, operator_span, skipped_nodes
from .source import Source

# The order edits of one line are tried in: the commonest slips first.
KINDS = ("boundary", "comparison", "boolean", "range", "plus-one", "operator", "method", "swap", "update", "keep", "return",
         "variable", "indentation")
MAX_CANDIDATES = 3000
# Other variables tried in place of one use of a variable, at most.
MAX_NAME_SWAPS = 6

# Each comparison operator and the ones a slip puts in its place: `<` for `<=`, the other direction, the negation.
COMPARISON_SLIPS = {
    ast.Lt: ("<=", ">", ">="), ast.LtE: ("<", ">=", ">"), ast.Gt: (">=", "<", "<="), ast.GtE: (">", "<=", "<"),
    ast.Eq: ("!=", "<=", ">="), ast.NotEq: ("==",), ast.In: ("not in",), ast.NotIn: ("in",), ast.Is: ("is not", "=="),
    ast.IsNot: ("is", "!="),
}
# The slip that moves a comparison's boundary by one value: whether the boundary itself counts.
BOUNDARY_FLIPS = {ast.Lt: "<=", ast.LtE: "<", ast.Gt: ">=", ast.GtE: ">"}
# Each arithmetic operator and the ones a slip puts in its place: `/` for `//`, `*` for `+`, the opposite sign.
ARITHMETIC_SLIPS = {
    ast.Add: ("-", "*"), ast.Sub: ("+",), ast.Mult: ("+", "**", "/"), ast.Div: ("//", "*"), ast.FloorDiv: ("/", "%"),
    ast.Mod: ("//",), ast.Pow: ("*",),
}
# Operators whose operands in the other order mean something else. `+` joins text and lists in order; between
# numbers its swap is tried too (the types are not known here) and can repair nothing, at the cost of one edit.
ORDERED = (ast.Add, ast.Sub, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.LShift, ast.RShift)
# A call a slip put in place of its opposite: `.lower()` for `.upper()`, `min` for `max`.
OPPOSITE_METHODS = {"lower": "upper", "upper": "lower", "lstrip": "rstrip", "rstrip": "lstrip"}
OPPOSITE_BUILTINS = {"min": "max", "max": "min"}
# Text methods that give back a new string and leave the old one as it was (a call on its own line loses it).
NEW_STRING_METHODS = ("upper", "lower", "strip", "lstrip", "rstrip", "replace", "title", "capitalize", "swapcase")
# An assignment that a slip made from an update: `total = n` for `total += n`.
UPDATES = ("+=", "-=", "*=")
BLOCKS = (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith)
# Python 3.8 wraps a subscript's index in ast.Index; later versions don't (and may drop the class).
_INDEX = getattr(ast, "Index", ())


class Candidate:
    def __init__(self, kind, line, col, edits):
        self.kind = kind
        self.line = line
        self.col = col
        self.edits = edits  # [(start, end, replacement)] in character offsets
        self.statement_line = line  # the first line of the statement it is in (set by _candidates)
        self.edited_line = line  # where the edited statement is in the edited program (a moved one is elsewhere)


def _int_constant(node):
    return isinstance(node, ast.Constant) and type(node.value) is int


def _plus_minus_one(src, node, kind):
    """`x` -> `x + 1` and `x - 1` (an integer literal just changes its value)."""
    span = src.span(node)
    if span is None:
        return []
    if _int_constant(node):
        # Below zero only where a negative number means something (a range's stop, a position from the end).
        values = [node.value + 1] + ([node.value - 1] if node.value > 0 or kind == "range" else [])
        return [Candidate(kind, node.lineno, node.col_offset, [(span[0], span[1], str(v))]) for v in values]
    text = src.text[span[0]:span[1]]
    simple = isinstance(node, (ast.Name, ast.Call, ast.Attribute, ast.Subscript))
    shown = text if simple else "(%s)" % text
    return [Candidate(kind, node.lineno, node.col_offset, [(span[0], span[1], "%s %s 1" % (shown, sign))])
            for sign in ("+", "-")]


def _comparison(src, node):
    found = []
    operands = [node.left] + list(node.comparators)
    for i, op in enumerate(node.ops):
        where = operator_span(src, operands[i], operands[i + 1], COMPARE[type(op)][1])
        if where:
            found += [Candidate("boundary" if other == BOUNDARY_FLIPS.get(type(op)) else "comparison", node.lineno,
                                node.col_offset, [(where[0], where[1], other)])
                      for other in COMPARISON_SLIPS[type(op)]]
    return found


def _boolean(src, node):
    shown, other = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
    found = []
    for left, right in zip(node.values, node.values[1:]):
        where = operator_span(src, left, right, shown)
        if where:
            found.append(Candidate("boolean", node.lineno, node.col_offset, [(where[0], where[1], other)]))
    return found


def _range(src, node):
    """range(stop) -> range(1, stop); each bound ±1."""
    args = node.args
    if node.keywords or not 1 <= len(args) <= 3 or any(isinstance(a, ast.Starred) for a in args):
        return []
    found = []
    for arg in args[:2]:
        found += _plus_minus_one(src, arg, "range")
    if len(args) == 1:
        span = src.span(args[0])
        if span:
            found.append(Candidate("range", node.lineno, node.col_offset, [(span[0], span[0], "1, ")]))
    return found


def _swap(src, node, a, b):
    sa, sb = src.span(a), src.span(b)
    if sa is None or sb is None or sa[1] > sb[0]:
        return []
    ta, tb = src.text[sa[0]:sa[1]], src.text[sb[0]:sb[1]]
    return [Candidate("swap", node.lineno, node.col_offset, [(sa[0], sa[1], tb), (sb[0], sb[1], ta)])]


def _swaps(src, node):
    if isinstance(node, ast.BinOp):
        return _swap(src, node, node.left, node.right) if isinstance(node.op, ORDERED) else []
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Subscript) \
            and isinstance(node.value, ast.Name):
        # `d[key] = value` for `d[value] = key` (inverting a dict).
        index = node.targets[0].slice
        index = index.value if isinstance(index, _INDEX) else index
        return _swap(src, node, index, node.value) if isinstance(index, ast.Name) else []
    if isinstance(node, ast.Call) and not node.keywords and 2 <= len(node.args) <= 4 \
            and not any(isinstance(a, ast.Starred) for a in node.args):
        return [c for a, b in zip(node.args, node.args[1:]) for c in _swap(src, node, a, b)]
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple) and 2 <= len(node.value.elts) <= 4:
        return [c for a, b in zip(node.value.elts, node.value.elts[1:]) for c in _swap(src, node, a, b)]
    return []


def _operator(src, node):
    """An arithmetic operator -> the ones a slip puts in its place."""
    slips = ARITHMETIC_SLIPS.get(type(node.op), ())
    where = operator_span(src, node.left, node.right, ARITHMETIC[type(node.op)][1]) if slips else None
    return [Candidate("operator", node.lineno, node.col_offset, [(where[0], where[1], other)]) for other in slips] if where else []


def _update(src, node, names):
    """`x = value` -> `x += value` (and -=, *=) for a variable x the scope also binds elsewhere."""
    target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
    variable = isinstance(target, ast.Name) and target.id in names
    if not (variable or isinstance(target, ast.Subscript)) or _resets(node):
        return []
    where = operator_span(src, target, node.value, r"=")
    return [Candidate("update", node.lineno, node.col_offset, [(where[0], where[1], op)]) for op in UPDATES] if where else []


def _opposite_call(src, node):
    """`s.lower()` -> `s.upper()` and the like; `min(...)` -> `max(...)`."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in OPPOSITE_METHODS:
        span = src.span(func)
        if span and src.text[span[1] - len(func.attr):span[1]] == func.attr:
            return [Candidate("method", node.lineno, node.col_offset, [(span[1] - len(func.attr), span[1], OPPOSITE_METHODS[func.attr])])]
    if isinstance(func, ast.Name) and func.id in OPPOSITE_BUILTINS:
        span = src.span(func)
        if span:
            return [Candidate("method", node.lineno, node.col_offset, [(span[0], span[1], OPPOSITE_BUILTINS[func.id])])]
    return []


def _keep_result(src, node):
    """A statement `word.upper()` (its new string lost) -> `word = word.upper()`."""
    call = node.value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in NEW_STRING_METHODS
            and isinstance(call.func.value, ast.Name)):
        return []
    span = src.span(node)
    if span is None:
        return []
    return [Candidate("keep", node.lineno, node.col_offset, [(span[0], span[0], call.func.value.id + " = ")])]


def _returned_name(src, node, names):
    """`return 1` -> `return n` (each parameter or variable); `return xs[i]` -> `return i` (the position, not the
    item)."""
    value = node.value
    span = src.span(value) if value is not None else None
    if span is None:
        return []
    if _int_constant(value):
        return [Candidate("variable", node.lineno, node.col_offset, [(span[0], span[1], name)]) for name in names[:MAX_NAME_SWAPS]]
    index = value.slice.value if isinstance(value, ast.Subscript) and isinstance(value.slice, _INDEX) else getattr(value, "slice", None)
    if isinstance(value, ast.Subscript) and isinstance(index, ast.Name):
        return [Candidate("variable", node.lineno, node.col_offset, [(span[0], span[1], index.id)])]
    return []


def _print_to_return(src, node):
    """A statement `print(x)` -> `return x`."""
    call = node.value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"
            and len(call.args) == 1 and not call.keywords and not isinstance(call.args[0], ast.Starred)):
        return []
    span, arg = src.span(node), src.segment(call.args[0])
    if span is None or arg is None:
        return []
    return [Candidate("return", node.lineno, node.col_offset, [(span[0], span[1], "return " + arg)])]


def _variables(src, node, names):
    """One use of a variable -> each other variable of the function."""
    span = src.span(node)
    if span is None:
        return []
    others = [n for n in names if n != node.id][:MAX_NAME_SWAPS]
    return [Candidate("variable", node.lineno, node.col_offset, [(span[0], span[1], other)]) for other in others]


def _owns_its_lines(src, stmt, siblings):
    """The statement starts its line and no other statement of its block shares its lines (no `;`)."""
    if src.line(stmt.lineno)[:src.char_col(stmt.lineno, stmt.col_offset)].strip():
        return False
    return not any(s is not stmt and (s.lineno <= stmt.end_lineno and s.end_lineno >= stmt.lineno) for s in siblings)


def _reindent(src, stmt, indent):
    """Edits giving the statement's lines `indent` in place of the statement's own indentation."""
    old = src.indent_of(stmt.lineno)
    edits = []
    for lineno in range(stmt.lineno, stmt.end_lineno + 1):
        start = src.starts[lineno - 1]
        text = src.line(lineno)
        if lineno > stmt.lineno and not text.startswith(old):
            continue  # a continuation line indented its own way: left as it is
        edits.append((start, start + len(old), indent))
    return edits


def _indentation(src, block):
    """In every block: its last statement moved out of the compound statement it ends, and the statement right after
    a compound statement moved into it."""
    found = []
    for i, stmt in enumerate(block):
        if isinstance(stmt, BLOCKS) and stmt.body:
            body = stmt.orelse if isinstance(stmt, ast.If) and stmt.orelse else stmt.body
            last = body[-1]
            has_else = bool(getattr(stmt, "orelse", None)) and body is stmt.body
            if len(body) >= 2 and not has_else and not isinstance(last, BLOCKS) and _owns_its_lines(src, last, body):
                found.append(Candidate("indentation", last.lineno, last.col_offset, _reindent(src, last, src.indent_of(stmt.lineno))))
            after = block[i + 1] if i + 1 < len(block) else None
            if after is not None and not isinstance(after, BLOCKS) and _owns_its_lines(src, after, block):
                found.append(Candidate("indentation", after.lineno, after.col_offset, _reindent(src, after, src.indent_of(body[0].lineno))))
    return found


def _resets(stmt):
    """A one-line assignment of a start value (0, "", [], {}, set() ...): a total's or a result's (re)start."""
    value = getattr(stmt, "value", None)
    empty_call = isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("list", "dict", "set", "str") \
        and not value.args and not value.keywords
    empty = isinstance(value, (ast.List, ast.Dict, ast.Set, ast.Tuple)) and not getattr(value, "elts", getattr(value, "keys", None))
    return isinstance(stmt, ast.Assign) and stmt.lineno == stmt.end_lineno \
        and (isinstance(value, ast.Constant) or empty or empty_call)


def _moved(src, stmt, to_line, indent):
    """Edits moving a one-line statement to just before line `to_line`, with `indent`."""
    start = src.starts[stmt.lineno - 1]
    text = src.lines[stmt.lineno - 1]
    end = start + len(text)
    moved = indent + text.lstrip(" \t\f")
    if not moved.endswith("\n"):
        moved += src.newline()
    at = src.starts[to_line - 1]
    return [(start, end, ""), (at, at, moved)]


def _restarts(src, block):
    """A start value set at the top of a loop's body moved before the loop, and one set just before a loop moved to
    the top of its body: where a total starts over decides whether it counts everything or one round."""
    found = []
    for i, stmt in enumerate(block):
        if not isinstance(stmt, (ast.For, ast.While)) or len(stmt.body) < 2:
            continue
        first = stmt.body[0]
        if _resets(first) and _owns_its_lines(src, first, stmt.body):
            hoisted = Candidate("indentation", first.lineno, first.col_offset, _moved(src, first, stmt.lineno, src.indent_of(stmt.lineno)))
            hoisted.edited_line = stmt.lineno
            found.append(hoisted)
        before = block[i - 1] if i > 0 else None
        if before is not None and _resets(before) and _owns_its_lines(src, before, block):
            sunk = Candidate("indentation", before.lineno, before.col_offset, _moved(src, before, first.lineno, src.indent_of(first.lineno)))
            sunk.edited_line = first.lineno - 1
            found.append(sunk)
    return found


def _blocks(scope_node):
    """Every statement list of a scope (a function, or the module), its own body first; nested functions and classes
    are scopes of their own."""
    lists = []
    stack = [scope_node]
    while stack:
        node = stack.pop(0)
        for field in ("body", "orelse", "finalbody"):
            value = getattr(node, field, None)
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                lists.append([s for s in value if not is_docstring(s)])
                stack += [s for s in value if not isinstance(s, FUNCTIONS + (ast.ClassDef,))]
        for handler in getattr(node, "handlers", []) or []:
            lists.append(handler.body)
            stack += [s for s in handler.body if not isinstance(s, FUNCTIONS + (ast.ClassDef,))]
    return lists


def _variables_of(scope):
    """The names a scope's own code binds (a function's parameters first), not its imports, functions or globals."""
    return [name for name, node in scope.bindings.items()
            if not isinstance(node, FUNCTIONS + (ast.ClassDef, ast.Import, ast.ImportFrom)) and name not in scope.declared]


def _candidates(ctx):
    src = ctx.src
    found = []
    for scope in ctx.code_scopes():
        fn = scope.node
        skipped = skipped_nodes(fn)
        names = _variables_of(scope)
        for node in scope.nodes_in_order():
            if id(node) in skipped or node is fn:
                continue
            before = len(found)
            if isinstance(node, ast.Compare):
                found += _comparison(src, node)
            elif isinstance(node, ast.BoolOp):
                found += _boolean(src, node)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
                found += _range(src, node)
            elif isinstance(node, ast.Call):
                found += _opposite_call(src, node)
            elif isinstance(node, ast.Subscript):
                index = node.slice.value if isinstance(node.slice, _INDEX) else node.slice
                bounds = [index.lower, index.upper] if isinstance(index, ast.Slice) else [index]
                for bound in bounds:
                    if bound is not None and not _int_constant(bound) and not isinstance(bound, ast.Tuple):
                        found += _plus_minus_one(src, bound, "plus-one")
            elif _int_constant(node):
                found += _plus_minus_one(src, node, "plus-one")
            elif isinstance(node, ast.BinOp):
                found += _operator(src, node)
            elif isinstance(node, ast.Assign):
                found += _update(src, node, names)
            elif isinstance(node, ast.Expr):
                found += _print_to_return(src, node) + _keep_result(src, node)
            elif isinstance(node, ast.Return):
                found += _returned_name(src, node, names)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names:
                found += _variables(src, node, names)
            found += _swaps(src, node)
            statement = ctx.statement_of(node)
            for candidate in found[before:]:
                candidate.statement_line = statement.lineno if statement is not None else candidate.line
        for block in _blocks(fn):
            found += _indentation(src, block) + _restarts(src, block)
        if len(found) >= MAX_CANDIDATES:
            break
    return found[:MAX_CANDIDATES]


def _search_order(coverage):
    """The order to try candidates in. With `coverage` ({line: (target cases that ran it, guard cases that ran it)}):
    first the lines most target cases ran, among them those the fewest guard cases ran, and a token edit of a
    statement no target case ran is dropped (it cannot change what they give). Moving a statement in or out of a
    block can, and comes last. Without coverage: in the order of the file."""
    def ran(candidate):
        counts = [coverage.get(n) for n in (candidate.line, candidate.statement_line)]
        counts = [c for c in counts if c and c[0] > 0]
        return max(counts) if counts else None

    def key(candidate):
        kind = KINDS.index(candidate.kind)
        if coverage is None:
            return (0, 0, 0, candidate.line, kind, candidate.col)
        counts = ran(candidate)
        if counts is None:
            return (1, 0, 0, candidate.line, kind, candidate.col)
        return (0, -counts[0], counts[1], candidate.line, kind, candidate.col)

    def keep(candidate):
        return coverage is None or candidate.kind == "indentation" or ran(candidate) is not None

    return keep, key


def edits_of(source, coverage=None, limit=None):
    """(edits, problem): the distinct compiling edits in the search's order (see _search_order), at most `limit`.
    Each edit is {"id", "line", "kind", "text" (the edited line), "source"}."""
    tree, error = parse(source)
    if tree is None:
        return [], "the source does not parse (%s: %s, line %s)" % (error["type"], error["message"], error["line"])
    ctx = Context(source, tree)
    keep, key = _search_order(coverage)
    candidates = sorted((c for c in _candidates(ctx) if keep(c)), key=key)
    chosen = []
    for candidate, text in islice(distinct_variants(source, tree, candidates), limit):
        chosen.append({"id": len(chosen) + 1, "line": candidate.line, "kind": candidate.kind,
                       "text": Source(text).line(candidate.edited_line).strip(), "source": text})
    return chosen, None
