"""with-open: a file opened without `with`: `f = open(path)` closed by hand (an error in between skips the
`close()`), never closed at all, or opened in passing (`open(path).read()`, `for line in open(path)`,
`json.load(open(path))`), which leaves closing it to Python's clean-up. `with open(path) as f:` closes it when the
block ends, whatever happens. Essential when a file opened for writing or appending is never closed: what was
written can stay in a buffer instead of reaching the disk.

Left alone: a file that is returned or yielded, stored on an object or in a list (someone else closes it), used in
a `with` later, or handed to `ExitStack.enter_context`; files opened by anything but the built-in `open`."""

import ast

SUGGESTION = "with-open"

_WRITES = ("w", "a", "x", "+")


def _mode(call):
    """The mode text of `open(...)`, "r" when left out, None when it is not written out."""
    mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
    if mode is None:
        return "r"
    return mode.value if isinstance(mode, ast.Constant) and isinstance(mode.value, str) else None


def _with_shown(ctx, call, name):
    better = "with %s as %s:" % (ctx.seg(call), name)
    return "`%s`" % better if len(better) <= 45 else "a `with open(...) as %s:` block" % name


def _handed_on(ctx, scope, name):
    """Whether the file in `name` is closed or kept by something else: `with f:`, `return f`, `self.f = f`,
    `files.append(f)`..."""
    for node in scope.nodes:
        if not (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)):
            continue
        parent = ctx.parent(node)
        if isinstance(parent, (ast.withitem, ast.Return, ast.Yield, ast.YieldFrom, ast.List, ast.Tuple, ast.Dict,
                               ast.Set)):
            return True
        if isinstance(parent, ast.Assign) and parent.value is node:
            return True
        if isinstance(parent, ast.Call) and node in parent.args and isinstance(parent.func, ast.Attribute) \
                and parent.func.attr in ("append", "add", "enter_context", "closing", "extend", "insert"):
            return True
    return False


def _closed(scope, name):
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "close"
               and isinstance(n.func.value, ast.Name) and n.func.value.id == name for n in scope.nodes)


def _hit(ctx, call):
    """(message, essential) for one `open(...)` call, or None."""
    parent = ctx.parent(call)
    scope = ctx.scope(call)
    if isinstance(parent, ast.Assign) and parent.value is call:
        if len(parent.targets) != 1 or not isinstance(parent.targets[0], ast.Name):
            return None
        name = parent.targets[0].id
        if _handed_on(ctx, scope, name):
            return None
        if _closed(scope, name):
            return ("%s stays open until `%s.close()`, which an error on the way would skip; %s closes the file "
                    "for you, whatever happens." % (ctx.code(parent, 45), name, _with_shown(ctx, call, name)), False)
        mode = _mode(call)
        if mode is not None and any(c in mode for c in _WRITES):
            return ("%s opens a file for writing and never closes it, so what was written can wait in a buffer "
                    "instead of reaching the disk, and reading the file back meanwhile finds it cut short; %s "
                    "closes it, and saves everything, when the block ends."
                    % (ctx.code(parent, 45), _with_shown(ctx, call, name)), True)
        return ("%s opens a file that is never closed; %s closes it as soon as the block ends."
                % (ctx.code(parent, 45), _with_shown(ctx, call, name)), False)
    in_passing = (isinstance(parent, ast.Attribute) and parent.value is call) \
        or (isinstance(parent, ast.For) and parent.iter is call) \
        or (isinstance(parent, ast.Call) and call in parent.args
            and not (isinstance(parent.func, ast.Attribute) and parent.func.attr in ("enter_context", "closing"))
            and not (isinstance(parent.func, ast.Name) and parent.func.id == "closing"))
    if not in_passing:
        return None
    stmt = ctx.statement_of(call)
    return ("%s opens a file without `with` and leaves closing it to Python's clean-up; `with open(...) as f:` "
            "closes it as soon as you are done with it." % ctx.code(stmt, 45), False)


def review(ctx):
    if "open" in ctx.all_bound:
        return []
    chosen = {}
    for node in ctx.tree_nodes:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open"):
            continue
        found = _hit(ctx, node)
        if found is None:
            continue
        message, essential = found
        key = ctx.scope(node)
        line = ctx.statement_of(node).lineno
        best = chosen.get(key)
        # one per function: the first one, unless a later one is essential
        if best is None or (essential and not best[3]) or (essential == best[3] and line < best[0]):
            chosen[key] = (line, node, message, essential)
    return [ctx.suggestion(SUGGESTION, line, node, message, severity="essential" if essential else None)
            for line, node, message, essential in sorted(chosen.values(), key=lambda c: c[0])]
