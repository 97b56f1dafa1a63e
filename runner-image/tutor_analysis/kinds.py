"""The kinds of AST node the whole package asks about (`isinstance(node, LOOPS)`), and reading a subscript's index
the same way on every Python version. A leaf module: it imports nothing from the package, so every other module,
the parsed-file model (context.py) included, can import it without a cycle."""

import ast

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
LOOPS = (ast.For, ast.AsyncFor, ast.While)
FOR_LOOPS = (ast.For, ast.AsyncFor)


def subscript_index(node):
    """The index expression of a Subscript, unwrapping Python 3.8's ast.Index."""
    s = node.slice
    index_class = getattr(ast, "Index", None)
    if index_class is not None and isinstance(s, index_class):
        return s.value
    return s
