"""uses-comprehension (celebratory): a clear, simple list, set or dictionary comprehension, such as
`[m for m in marks if m >= 50]`: one `for`, at most one `if`, short enough to read at a glance, and building
something (not `[print(x) for x in xs]` run for its side effects, nor `[x for x in xs]`, which only copies).
Said once per program, on the first one."""

import ast

SUGGESTION = "uses-comprehension"

_LONGEST = 80
_SIDE_EFFECTS = frozenset(["print", "input", "append", "extend", "insert", "remove", "pop", "add", "update", "write",
                           "discard", "clear", "sort"])
_BUILDS = {ast.ListComp: "list", ast.SetComp: "set", ast.DictComp: "dictionary"}


def _simple_target(target):
    if isinstance(target, ast.Name):
        return True
    return isinstance(target, ast.Tuple) and all(isinstance(e, ast.Name) for e in target.elts)


def _clear(ctx, node):
    if len(node.generators) != 1:
        return False
    gen = node.generators[0]
    if gen.is_async or len(gen.ifs) > 1 or not _simple_target(gen.target):
        return False
    text = ctx.seg(node)
    if not text or "\n" in text or len(text) > _LONGEST:
        return False
    for child in ast.walk(node):
        if child is not node and isinstance(child, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
                                                    ast.Lambda, ast.NamedExpr, ast.IfExp)):
            return False
        if isinstance(child, ast.Call):
            f = child.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in _SIDE_EFFECTS:
                return False
    names = {n.id for n in ast.walk(gen.target) if isinstance(n, ast.Name)}
    if "_" in names:
        return False  # [0 for _ in range(n)]: a repeat, not a list built from items
    parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
    if not any(isinstance(n, ast.Name) and n.id in names for p in parts for n in ast.walk(p)):
        return False
    if isinstance(node, ast.ListComp) and not gen.ifs and ast.dump(node.elt) == ast.dump(gen.target):
        return False  # [x for x in xs] only copies
    return True


def review(ctx):
    for node in ctx.tree_nodes:
        if type(node) in _BUILDS and _clear(ctx, node):
            kind = _BUILDS[type(node)]
            how = ", keeping only the items that pass the `if`," if node.generators[0].ifs else ""
            message = ("%s builds the %s in one readable step%s with no empty %s and loop to follow: a clear "
                       "comprehension." % (ctx.code(node, 60), kind, how, kind))
            return [ctx.suggestion(SUGGESTION, node.lineno, node, message)]
    return []
