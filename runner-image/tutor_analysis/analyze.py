"""Mode "analyze": CodeAnalysis (server/tutor/contracts.ts) for one file, from its AST alone."""

import ast
import re
import warnings

from . import detectors, manifest
from .context import BUILTIN_NAMES, Context
from .facts import function_facts, reported_functions
from .source import Source

MAX_FINDINGS = 50


def parse(source, filename="<learner>"):
    """(tree, None) or (None, syntaxError) where syntaxError has the contract's shape."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for `x is 5` and friends: ours to report
            tree = ast.parse(source, filename=filename, type_comments=False)
        return tree, None
    except SyntaxError as exc:  # IndentationError and TabError are SyntaxErrors too
        return None, {
            "type": type(exc).__name__,
            "message": exc.msg or "invalid syntax",
            "line": exc.lineno if isinstance(exc.lineno, int) else None,
            "column": exc.offset if isinstance(exc.offset, int) else None,
        }
    except (ValueError, TypeError, UnicodeError) as exc:  # NUL bytes, lone surrogates
        return None, {"type": "SyntaxError", "message": str(exc)[:300] or type(exc).__name__, "line": None, "column": None}
    except (RecursionError, MemoryError):
        return None, {"type": "SyntaxError", "message": "the code is too deeply nested for Python to read",
                      "line": None, "column": None}


def analyze(source, filename="<learner>"):
    tree, error = parse(source, filename)
    src = Source(source)
    result = {
        "parsed": tree is not None,
        "syntaxError": error,
        "functions": [],
        "findings": [],
        "shadowedBuiltins": [],
        "imports": [],
        "lineCount": src.line_count,
    }
    if tree is None:
        result["findings"] = _syntax_findings(error, src)
        result["imports"] = _imports_from_text(src)
        return result
    ctx = Context(source, tree)
    result["imports"] = list(ctx.imports)
    result["shadowedBuiltins"] = _shadowed(ctx)
    functions = []
    for scope in reported_functions(ctx):
        try:
            functions.append(function_facts(ctx, scope))
        except (RecursionError, MemoryError):
            continue
    result["functions"] = functions
    result["findings"] = _findings(ctx)
    return result


def _findings(ctx):
    found = []
    for module in detectors.load():
        try:
            found.extend(module.detect(ctx) or [])
        except (RecursionError, MemoryError):
            continue  # absurdly deep code: this detector says nothing rather than everything failing
    return _tidy(found)


def _syntax_findings(error, src):
    found = []
    for module in detectors.load():
        hook = getattr(module, "from_syntax_error", None)
        if hook is None:
            continue
        try:
            found.extend(hook(error, src) or [])
        except (RecursionError, MemoryError):
            continue
    return _tidy(found)


def _tidy(found):
    seen = set()
    unique = []
    for f in found:
        key = (f["concept"], f["line"], f["message"])
        if key in seen:
            continue
        seen.add(key)
        unique.append(f)
    order = {concept: i for i, concept in enumerate(manifest.ids(detectors.MANIFEST))}
    unique.sort(key=lambda f: (f["line"], order.get(f["concept"], 99)))
    return unique[:MAX_FINDINGS]


def _shadowed(ctx):
    names = set()
    for scope in ctx.scopes:
        for name, node in scope.bindings.items():
            if name in BUILTIN_NAMES and not isinstance(node, (ast.Import, ast.ImportFrom)):
                names.add(name)
    return sorted(names)


_IMPORT_LINE = re.compile(r"^\s*(?:import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)|from\s+(\.*[\w.]*)\s+import\b)")


def _imports_from_text(src):
    """Imports read from lines, for code that doesn't parse."""
    found = []
    for n in range(1, src.line_count + 1):
        m = _IMPORT_LINE.match(src.line(n))
        if not m:
            continue
        names = [m.group(2)] if m.group(2) else [part.split(" as ")[0].strip() for part in m.group(1).split(",")]
        for name in names:
            if name and name not in found:
                found.append(name)
    return found
