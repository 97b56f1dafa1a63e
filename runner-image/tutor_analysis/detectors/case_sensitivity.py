"""case-sensitivity: "Yes" and "yes" are different strings. Comparing lowercased text with a capitalised literal
(never equal), checking both spellings by hand, or comparing what the user typed without `.lower()`."""

import ast

from ..source import code

CONCEPT = "case-sensitivity"

# Passwords and codes are meant to match exactly.
_SECRET_WORDS = ("pass", "pin", "secret", "code", "key", "token")
_FOLD = {"lower": str.lower, "casefold": str.lower, "upper": str.upper}


def _literals(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _folded_by(ctx, node, scope, lowered_names):
    """"lower"/"upper" when `node` is known to be folded to one case, else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FOLD and not node.args:
        return node.func.attr
    if isinstance(node, ast.Name):
        return lowered_names.get(node.id)
    return None


def _folded_names(scope):
    """Names assigned only once in the scope, from `x.lower()` / `x.upper()`."""
    assigned = {}
    for n in scope.nodes:
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            assigned[n.id] = assigned.get(n.id, 0) + 1
    folded = {}
    for n in scope.nodes:
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                and assigned.get(n.targets[0].id) == 1:
            v = n.value
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr in _FOLD and not v.args:
                folded[n.targets[0].id] = v.func.attr
    return folded


def _input_names(scope):
    names = {}
    for n in scope.nodes:
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            v = n.value
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "input":
                names[n.targets[0].id] = n
    for n in scope.nodes:  # folded somewhere: leave it alone
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _FOLD \
                and isinstance(n.func.value, ast.Name):
            names.pop(n.func.value.id, None)
    return names


def detect(ctx):
    found = []
    for scope in ctx.code_scopes():
        folded = _folded_names(scope)
        typed = _input_names(scope)
        compared = {}  # expression text -> [(literal, line)]
        reported_input = set()
        for node in scope.nodes:
            if not isinstance(node, ast.Compare):
                continue
            operands = [node.left] + list(node.comparators)
            for i, op in enumerate(node.ops):
                left, right = operands[i], operands[i + 1]
                if isinstance(op, (ast.Eq, ast.NotEq)):
                    pairs = [(left, right), (right, left)]
                elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
                    pairs = [(left, right)]
                else:
                    continue
                for subject, other in pairs:
                    words = [w for w in _literals(other) if any(c.isalpha() for c in w)]
                    if not words or _literals(subject):
                        continue
                    compared.setdefault(ctx.seg(subject), []).extend((w, node.lineno) for w in words)
                    how = _folded_by(ctx, subject, scope, folded)
                    if how:
                        bad = [w for w in words if _FOLD[how](w) != w]
                        if bad:
                            case = "lowercase" if how in ("lower", "casefold") else "uppercase"
                            message = ("%s on line %d can never match: %s is all %s after `.%s()`, but `\"%s\"` has "
                                       "%s letters." % (ctx.code(node), node.lineno, ctx.code(subject, 30), case, how, bad[0],
                                                        "capital" if case == "lowercase" else "small"))
                            found.append(ctx.finding(CONCEPT, node.lineno, node, message))
                    elif isinstance(subject, ast.Name) and subject.id in typed and subject.id not in reported_input \
                            and not any(word in subject.id.lower() for word in _SECRET_WORDS):
                        reported_input.add(subject.id)
                        others = []
                        for v in (words[0].capitalize(), words[0].upper(), words[0].lower()):
                            if v != words[0] and v not in others:
                                others.append(v)
                        shown = " or ".join("`%s`" % v for v in others[:2])
                        message = ("%s on line %d compares what the user typed exactly as it is, so %s won't "
                                   "match: compare `%s.lower()` with a lowercase word instead."
                                   % (ctx.code(node), node.lineno, shown, subject.id))
                        found.append(ctx.finding(CONCEPT, node.lineno, node, message))
                    break
        for subject, literal_lines in compared.items():
            by_fold = {}
            for word, line in literal_lines:
                by_fold.setdefault(word.lower(), []).append((word, line))
            for folded, variants in by_fold.items():
                if sum(c.isalpha() for c in folded) < 2:
                    continue  # "n" and "N", "\\u" and "\\U" are often different codes on purpose
                spellings = []
                for word, line in variants:
                    if word not in [s for s, _ in spellings]:
                        spellings.append((word, line))
                if len(spellings) >= 2 and not any(f["line"] == spellings[0][1] and f["concept"] == CONCEPT for f in found):
                    shown = " and ".join('`"%s"`' % w for w, _ in spellings[:3])
                    message = ("%s is compared with %s (line %d), the same word in different upper/lower case: convert "
                               "it once with `.lower()` and compare with the lowercase word only."
                               % (code(subject, 30), shown, spellings[0][1]))
                    found.append(ctx.finding(CONCEPT, spellings[0][1], None, message, function=scope.function_name))
                    break
    return found
