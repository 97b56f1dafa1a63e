"""Everything the detectors and the facts share about one parsed file: parent links, scopes (the module, each
function and class), which names each scope binds, type guesses, and small helpers to word findings."""

import ast
import builtins

from .inference import Types
from .kinds import FUNCTIONS, LOOPS
from .source import Source, code

BUILTIN_NAMES = frozenset(n for n in dir(builtins) if not n.startswith("_"))
# Names every module can read without defining them.
MODULE_DUNDERS = frozenset(["__import__", "__build_class__", "__name__", "__file__", "__doc__", "__builtins__",
                            "__spec__", "__loader__", "__package__", "__debug__", "__annotations__", "__dict__",
                            "__class__"])


class Scope:
    def __init__(self, node, kind, name, parent):
        self.node = node
        self.kind = kind  # "module", "function" or "class"
        self.name = name  # how findings and facts name it (None for the module)
        self.parent = parent
        self.nodes = []
        self.bindings = {}  # name -> first node that binds it here
        self.params = []
        self.declared = set()  # global and nonlocal names
        self.local_only = set()  # comprehension variables and lambda parameters: visible in their own expression
        self._ordered = None

    def nodes_in_order(self):
        if self._ordered is None:
            self._ordered = sorted((n for n in self.nodes if hasattr(n, "lineno")),
                                   key=lambda n: (n.lineno, n.col_offset))
        return self._ordered

    @property
    def function_name(self):
        return self.name if self.kind == "function" else None


class Context:
    def __init__(self, text, tree):
        self.src = Source(text)
        self.tree = tree
        self.parents = {}
        self.scope_of = {}
        self.module = Scope(tree, "module", None, None)
        self.scopes = [self.module]
        self.scope_for_node = {tree: self.module}
        self.all_bound = set()
        self.tree_nodes = []  # every node, parents before children, in source order (mostly)
        self.has_star_import = False
        self.imports = []
        self.imported_names = set()
        self._types = {}
        self._build()
        self.top_functions = {}
        for stmt in tree.body:
            if isinstance(stmt, FUNCTIONS):
                self.top_functions[stmt.name] = stmt

    # -- building -----------------------------------------------------------------------------------------

    def _build(self):
        stack = [(self.tree, self.module)]
        while stack:
            node, scope = stack.pop()
            self.tree_nodes.append(node)
            self.scope_of[node] = scope
            scope.nodes.append(node)
            self._note_binding(node, scope)
            children = []
            if isinstance(node, FUNCTIONS + (ast.ClassDef,)):
                inner = self._new_scope(node, scope)
                for field, value in ast.iter_fields(node):
                    goes_inside = field in ("body", "args")
                    for child in value if isinstance(value, list) else [value]:
                        if isinstance(child, ast.AST):
                            children.append((child, inner if goes_inside else scope))
            elif isinstance(node, ast.arguments) and scope.node is not None and self.parents.get(node) is scope.node:
                outer = scope.parent or scope
                for field, value in ast.iter_fields(node):
                    for child in value if isinstance(value, list) else [value]:
                        if isinstance(child, ast.AST):
                            is_default = field in ("defaults", "kw_defaults")
                            children.append((child, outer if is_default else scope))
            else:
                for child in ast.iter_child_nodes(node):
                    children.append((child, scope))
            for child, child_scope in children:
                self.parents[child] = node
            for child, child_scope in reversed(children):
                stack.append((child, child_scope))

    def _new_scope(self, node, outer):
        kind = "class" if isinstance(node, ast.ClassDef) else "function"
        if kind == "function" and outer.kind == "class" and outer.parent is self.module:
            name = "%s.%s" % (outer.name, node.name)
        else:
            name = node.name
        scope = Scope(node, kind, name, outer)
        self.scopes.append(scope)
        self.scope_for_node[node] = scope
        if kind == "function":
            a = node.args
            for arg in list(getattr(a, "posonlyargs", [])) + list(a.args) + [a.vararg] + list(a.kwonlyargs) + [a.kwarg]:
                if arg is not None:
                    scope.params.append(arg.arg)
                    scope.bindings.setdefault(arg.arg, arg)
                    self.all_bound.add(arg.arg)
        return scope

    def _bind(self, scope, name, node):
        scope.bindings.setdefault(name, node)
        self.all_bound.add(name)

    def _note_binding(self, node, scope):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            if self._in_comprehension_target(node):
                self.all_bound.add(node.id)
                scope.local_only.add(node.id)
            else:
                self._bind(scope, node.id, node)
        elif isinstance(node, FUNCTIONS + (ast.ClassDef,)):
            self._bind(scope, node.name, node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module = getattr(node, "module", None)
            if isinstance(node, ast.ImportFrom):
                self._add_import(("." * (node.level or 0)) + (module or ""))
            for alias in node.names:
                if alias.name == "*":
                    self.has_star_import = True
                    continue
                if isinstance(node, ast.Import):
                    self._add_import(alias.name)
                bound = alias.asname or alias.name.split(".")[0]
                self._bind(scope, bound, node)
                self.imported_names.add(bound)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            self._bind(scope, node.name, node)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            scope.declared.update(node.names)
            for name in node.names:
                self.all_bound.add(name)
        elif isinstance(node, ast.Lambda):
            a = node.args
            for arg in list(getattr(a, "posonlyargs", [])) + list(a.args) + [a.vararg] + list(a.kwonlyargs) + [a.kwarg]:
                if arg is not None:
                    self.all_bound.add(arg.arg)
                    scope.local_only.add(arg.arg)
        else:
            # match statements (3.10+): `case Point(x=px)` and `case [first, *rest]` bind names
            for field in ("name", "rest"):
                value = getattr(node, field, None) if type(node).__name__.startswith("Match") else None
                if isinstance(value, str):
                    self._bind(scope, value, node)

    def _add_import(self, name):
        if name and name not in self.imports:
            self.imports.append(name)

    def _in_comprehension_target(self, node):
        child, parent = node, self.parents.get(node)
        while parent is not None and not isinstance(parent, ast.stmt):
            if isinstance(parent, ast.comprehension):
                return parent.target is child or _contains(parent.target, node)
            child, parent = parent, self.parents.get(parent)
        return False

    # -- reading ------------------------------------------------------------------------------------------

    def parent(self, node):
        return self.parents.get(node)

    def ancestors(self, node):
        node = self.parents.get(node)
        while node is not None:
            yield node
            node = self.parents.get(node)

    def enclosing(self, node, kinds, stop_at_scope=True):
        for a in self.ancestors(node):
            if isinstance(a, kinds):
                return a
            if stop_at_scope and isinstance(a, FUNCTIONS + (ast.ClassDef, ast.Lambda)):
                return None
        return None

    def statement_of(self, node):
        if isinstance(node, ast.stmt):
            return node
        for a in self.ancestors(node):
            if isinstance(a, ast.stmt):
                return a
        return None

    def scope(self, node):
        return self.scope_of.get(node, self.module)

    def function_name(self, node):
        return self.scope(node).function_name

    def function_scopes(self):
        return [s for s in self.scopes if s.kind == "function"]

    def code_scopes(self):
        """The module and every function: the places statements run."""
        return [s for s in self.scopes if s.kind != "class"]

    def types(self, scope):
        if scope not in self._types:
            self._types[scope] = Types(self, scope)
        return self._types[scope]

    def type_of(self, node):
        return self.types(self.scope(node)).of(node)

    def is_self_call(self, scope, call):
        """Whether `call` (inside function `scope`) calls that same function: `f(...)`, or `self.f(...)` in a method."""
        if not isinstance(call, ast.Call) or scope.kind != "function":
            return False
        name = scope.node.name
        f = call.func
        if name in scope.bindings and not isinstance(f, ast.Attribute):
            return False  # a local `name` (an import or a variable) is called, not this function
        if scope.parent is not None and scope.parent.kind == "class":
            return (isinstance(f, ast.Attribute) and f.attr == name and isinstance(f.value, ast.Name)
                    and f.value.id in ("self", "cls"))
        return isinstance(f, ast.Name) and f.id == name

    def own_nodes(self, scope):
        return scope.nodes

    def user_function(self, name):
        return getattr(self, "top_functions", {}).get(name)

    def is_builtin_name(self, name):
        return name in BUILTIN_NAMES

    def module_binds(self, name):
        return name in self.module.bindings

    def seg(self, node):
        text = self.src.segment(node)
        return text if text is not None else ""

    def code(self, node, limit=50):
        """A node's code for a message. A compound statement (if, for, while...) shows its first line only."""
        if isinstance(node, ast.stmt) and hasattr(node, "body") and getattr(node, "lineno", None):
            header = self.src.line(node.lineno).strip()
            if header.endswith(":"):
                header = header[:-1].rstrip()
            return code(header, limit)
        return code(self.seg(node), limit)

    def visible(self, scope, name):
        """Whether `name` can be seen from code in `scope`: bound there, in an enclosing function, at module
        level, declared global anywhere, or built in."""
        if name in BUILTIN_NAMES or name in MODULE_DUNDERS:
            return True
        if name in scope.bindings or name in scope.local_only:
            return True
        outer = scope.parent
        while outer is not None:
            if outer.kind != "class" and name in outer.bindings:
                return True
            outer = outer.parent
        return any(name in s.declared for s in self.scopes)

    def finding(self, concept, line, node, message, function=None):
        """A finding about `node` (its function is the one `node` is in, unless `function` names another)."""
        if function is None and node is not None:
            function = self.function_name(node)
        return {"concept": concept, "line": int(line or 1), "function": function, "message": message}

    def suggestion(self, id_, line, node, message, severity=None):
        """A review suggestion about `node` (see reviewers/__init__.py); `severity` only to make it "essential"."""
        found = {"id": id_, "line": int(line or 1), "function": self.function_name(node) if node is not None else None,
                 "message": message}
        if severity is not None:
            found["severity"] = severity
        return found

    def loops_containing(self, node):
        """The loops whose body `node` is in, innermost first, within its own function."""
        found = []
        child = node
        for a in self.ancestors(node):
            if isinstance(a, FUNCTIONS + (ast.ClassDef, ast.Lambda)):
                break
            if isinstance(a, LOOPS) and any(child is s for s in a.body):
                found.append(a)
            child = a
        return found

    def in_body_of(self, node, block_owner):
        """Whether node is (somewhere) inside block_owner's `body`."""
        child = node
        for a in self.ancestors(node):
            if a is block_owner:
                return any(child is s for s in getattr(a, "body", []))
            child = a
        return False


def _contains(tree, node):
    return any(n is node for n in ast.walk(tree))


def loop_words(loop):
    return "`while` loop" if isinstance(loop, ast.While) else "`for` loop"


def walk_own(node):
    """ast.walk, without going into nested functions, classes and lambdas."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if isinstance(child, FUNCTIONS + (ast.ClassDef, ast.Lambda)):
                continue
            stack.append(child)


def walk_block(stmts):
    for stmt in stmts:
        for node in walk_own(stmt):
            yield node
