"""Mode "insert-docstrings": put a docstring first in each named function, touching no other line, and check
with `ast` that the code is unchanged apart from docstrings."""

import ast
import io
import tokenize

from .analyze import parse
from .kinds import FUNCTIONS
from .source import Source


def escape(text):
    """The body of a triple-double-quoted literal whose value is `text`."""
    out = []
    run = 0
    for ch in text:
        if ch == '"':
            if run == 2:  # a third quote in a row would close the literal
                out.append('\\"')
                run = 0
            else:
                out.append('"')
                run += 1
            continue
        run = 0
        code_point = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch in "\n\t":
            out.append(ch)
        elif ch == "\r":
            out.append("\\r")
        elif code_point < 32 or code_point == 127:
            out.append("\\x%02x" % code_point)
        elif 0xD800 <= code_point <= 0xDFFF:
            out.append("\\u%04x" % code_point)
        else:
            out.append(ch)
    # Quotes at the very end would run into the closing quotes.
    i = len(out)
    while i > 0 and out[i - 1] == '"':
        i -= 1
    out[i:] = ['\\"'] * (len(out) - i)
    return "".join(out)


def literal(text, indent, newline):
    """The docstring literal, its later lines indented by `indent` (blank lines left empty)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    body = [escape(line) for line in lines] or [""]
    if len(body) == 1:
        return '"""' + body[0] + '"""'
    rest = [(indent + line) if line else "" for line in body[1:]]
    return '"""' + body[0] + newline + newline.join(rest) + newline + indent + '"""'


def is_docstring(stmt):
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def without_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef) + FUNCTIONS) and node.body and is_docstring(node.body[0]):
            node.body = node.body[1:]
    return ast.dump(tree)


def _header_colons(source):
    """(row, char col) of each `def` keyword -> (row, char col) just after the `:` that ends its header."""
    colons = {}
    pending = []  # def keywords waiting for their colon, with the bracket depth they started at
    depth = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.NAME and tok.string == "def":
                pending.append((tok.start, depth))
            elif tok.type == tokenize.OP:
                if tok.string in "([{":
                    depth += 1
                elif tok.string in ")]}":
                    depth -= 1
                elif tok.string == ":" and pending and pending[-1][1] == depth:
                    start, _ = pending.pop()
                    colons[start] = tok.end
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return colons


def _functions(tree):
    """(qualified name, plain name, node) of every function not nested in another function."""
    found = []

    def visit(body, prefix):
        for node in body:
            if isinstance(node, FUNCTIONS):
                found.append((prefix + node.name, node.name, node))
            elif isinstance(node, ast.ClassDef):
                visit(node.body, prefix + node.name + ".")
            elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
                for field in ("body", "orelse", "finalbody"):
                    visit(getattr(node, field, []) or [], prefix)
                for handler in getattr(node, "handlers", []) or []:
                    visit(handler.body, prefix)

    visit(tree.body, "")
    return found


def _edit_for(src, colons, node, text):
    """(start, end, replacement) putting `text` first in `node`'s body."""
    newline = src.newline()
    first = node.body[0]
    def_col = src.char_col(node.lineno, node.col_offset)
    # `async def`: the `def` keyword comes after `async`
    line = src.line(node.lineno)
    def_at = line.find("def", def_col)
    colon = colons.get((node.lineno, def_at))
    if colon is None:
        return None
    colon_row, colon_col = colon
    colon_offset = src.starts[colon_row - 1] + colon_col
    first_start = src.offset(first.lineno, first.col_offset)
    if first.lineno > colon_row:
        indent = src.indent_of(first.lineno)
        doc = literal(text, indent, newline)
        if is_docstring(first):
            return first_start, src.offset(first.end_lineno, first.end_col_offset), doc
        # After the header's line, before anything else (comments included).
        at = src.starts[colon_row] if colon_row < len(src.lines) else len(src.text)
        return at, at, indent + doc + newline
    # A one-line body (`def f(x): return x`): move it below the header.
    outer = src.indent_of(node.lineno)
    indent = outer + ("\t" if "\t" in outer else "    ")
    doc = literal(text, indent, newline)
    if is_docstring(first):
        end = src.offset(first.end_lineno, first.end_col_offset)
        return colon_offset, end, newline + indent + doc
    return colon_offset, first_start, newline + indent + doc + newline + indent


def insert_docstrings(source, docstrings):
    if not isinstance(docstrings, dict):
        return {"error": "`docstrings` must be an object mapping function names to docstring texts"}
    tree, error = parse(source)
    if tree is None:
        return {"error": "the source does not parse (%s: %s, line %s)" % (error["type"], error["message"], error["line"])}
    src = Source(source)
    colons = _header_colons(source)
    functions = _functions(tree)
    chosen = {}  # node -> (key, text)
    for key, text in docstrings.items():
        if not isinstance(text, str):
            continue
        for qual, _, node in functions:
            if qual == key:
                chosen[node] = (key, text)
    for key, text in docstrings.items():
        if not isinstance(text, str):
            continue
        for qual, plain, node in functions:
            if plain == key and node not in chosen:
                chosen[node] = (key, text)
    edits, inserted = [], []
    for node, (key, text) in chosen.items():
        edit = _edit_for(src, colons, node, text)
        if edit is None:
            continue
        edits.append(edit)
        if key not in inserted:
            inserted.append(key)
    new = source
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        new = new[:start] + replacement + new[end:]
    new_tree, _ = parse(new)
    same = new_tree is not None and without_docstrings(new_tree) == without_docstrings(tree)
    ordered = [k for k in docstrings if k in inserted]
    return {"source": new, "sameAst": same, "inserted": ordered}
