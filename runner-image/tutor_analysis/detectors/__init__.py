"""The static detectors, friendly-traceback style: one module per concept, named after the concept id with
underscores (`off-by-one` -> `off_by_one.py`). Each module has

    CONCEPT = "off-by-one"                  # exactly the id in server/tutor/concepts/catalogue.ts
    def detect(ctx): -> [finding, ...]      # on parsed code; ctx is tutor_analysis.context.Context

and, if the concept shows up as a syntax error, `from_syntax_error(error, src) -> [finding, ...]`, called when the
code doesn't parse (error: {"type", "message", "line", "column"}; src: tutor_analysis.source.Source).
A finding is {"concept", "line", "function", "message"}: `ctx.finding(...)` builds one.

Adding a detector = adding its file + one line below. Modules starting with "_" are shared helpers.
"""

import importlib

DETECTORS = [
    "return_vs_print",
    "indentation",
    "assignment_vs_comparison",
    "undefined_name",
    "unbound_local",
    "type_conversion",
    "none_value",
    "off_by_one",
    "index_out_of_range",
    "missing_dict_key",
    "accumulator_reset",
    "early_return",
    "infinite_loop",
    "integer_division",
    "case_sensitivity",
    "string_immutability",
    "recursion_base_case",
    "float_comparison",
    "modify_while_iterating",
    "shadowed_builtin",
    "mutable_default_argument",
    "identity_vs_equality",
    "json_serialization",
]

_loaded = None


def load():
    """The detector modules, in the order above (the catalogue's order)."""
    global _loaded
    if _loaded is None:
        _loaded = [importlib.import_module("." + name, __name__) for name in DETECTORS]
    return _loaded
