"""bare-except: a handler that catches every error, `except:` or `except Exception:` (or `BaseException`), where
the `try` only expects one kind of failure (text that is not a number, a missing key or file...). Catching
everything also catches what nobody expected: a misspelled name, a wrong type, even Ctrl+C for a bare `except:`,
and treats it as the expected failure. Essential when the handler does nothing (`pass`, `continue`, `...`): then
those errors vanish without a word.

Left alone: handlers that re-raise (`raise` anywhere in them), that report the caught error itself
(`except Exception as e:` that uses `e`, `traceback.print_exc()`, `logging.exception(...)`), which is how a
program's outermost layer keeps going and still shows what happened; `except` clauses naming a specific error."""

import ast

SUGGESTION = "bare-except"

_EVERYTHING = ("Exception", "BaseException")
_REPORTERS = ("print_exc", "format_exc", "print_exception", "exception")

# The error a `try` most likely expects, from what its body does (first match wins).
_CALL_ERRORS = {"int": "ValueError", "float": "ValueError", "index": "ValueError", "remove": "ValueError",
                "loads": "ValueError", "load": "ValueError"}


def _catches_everything(ctx, handler):
    """"`except:`", "`except Exception:`"... when the handler catches every error, else None."""
    kind = handler.type
    if kind is None:
        return "`except:`"
    names = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    for name in names:
        if isinstance(name, ast.Name) and name.id in _EVERYTHING and name.id not in ctx.all_bound:
            shown = "except %s%s:" % (ctx.seg(kind), " as %s" % handler.name if handler.name else "")
            return "`%s`" % shown if len(shown) <= 45 else "`except %s:`" % name.id
    return None


def _handled_openly(handler):
    """Whether the handler passes the error on or shows it: `raise`, the caught name used, a traceback printed."""
    for stmt in handler.body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Raise):
                return True
            if handler.name and isinstance(node, ast.Name) and node.id == handler.name:
                return True
            if isinstance(node, ast.Attribute) and node.attr in _REPORTERS:
                return True
            if isinstance(node, ast.Name) and node.id == "exc_info":
                return True
    return False


def _silent(handler):
    return all(isinstance(s, (ast.Pass, ast.Continue)) or
               (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)) for s in handler.body)


def _expected_error(ctx, try_node):
    """The error the `try` body most plausibly expects, or None when it can't be told."""
    for stmt in try_node.body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                if name == "open" and "open" not in ctx.all_bound:
                    mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
                    reading = mode is None or isinstance(mode, ast.Constant) and mode.value in ("r", "rt", "rb")
                    return "FileNotFoundError" if reading else "OSError"
                if name in _CALL_ERRORS:
                    return _CALL_ERRORS[name]
    for stmt in try_node.body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)) \
                    and not isinstance(node.right, ast.Constant):
                return "ZeroDivisionError"
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                kind = ctx.type_of(node.value)
                if isinstance(node.value, ast.Name) and node.value.id not in ctx.scope(node).bindings:
                    kind = ctx.types(ctx.module).lookup(node.value.id, node)  # a module-level table
                if kind == "dict":
                    return "KeyError"
                if kind in ("list", "str", "tuple"):
                    return "IndexError"
    return None


def _hit(ctx, try_node, handler):
    caught = _catches_everything(ctx, handler)
    if caught is None or _handled_openly(handler):
        return None
    expected = _expected_error(ctx, try_node)
    better = "`except %s:`" % expected if expected else "the error you expect, such as `except ValueError:`,"
    if _silent(handler):
        return ("%s followed by nothing but `%s` hides every error in the `try`, so a misspelled name or a value "
                "of another type there would be skipped without a word; %s catches only the failure you planned for."
                % (caught, ctx.seg(handler.body[0]), better), True)
    also = " or Ctrl+C" if handler.type is None or "BaseException" in caught else ""
    return ("%s catches every error in the `try`, even a misspelled name%s, and treats it as the failure you planned "
            "for; %s says which one that is and lets any other error show." % (caught, also, better), False)


def review(ctx):
    chosen = {}
    for node in ctx.tree_nodes:
        if not isinstance(node, ast.Try) and type(node).__name__ != "TryStar":
            continue
        for handler in node.handlers:
            found = _hit(ctx, node, handler)
            if found is None:
                continue
            message, essential = found
            key = ctx.scope(node)
            best = chosen.get(key)
            # one per function: the first one, unless a later one hides errors silently
            if best is None or (essential and not best[3]) or (essential == best[3] and handler.lineno < best[0]):
                chosen[key] = (handler.lineno, handler, message, essential)
    return [ctx.suggestion(SUGGESTION, line, node, message, severity="essential" if essential else None)
            for line, node, message, essential in sorted(chosen.values(), key=lambda c: c[0])]
