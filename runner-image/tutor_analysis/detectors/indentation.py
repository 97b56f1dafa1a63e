"""indentation: Python couldn't read the file because of its indentation (IndentationError, TabError, or a
`return` pushed out of its function). Works from the syntax error, since such code doesn't parse."""

import re

CONCEPT = "indentation"


def _previous_code_line(src, line):
    for n in range(line - 1, 0, -1):
        text = src.line(n).strip()
        if text and not text.startswith("#"):
            return n, text
    return None, ""


def from_syntax_error(error, src):
    kind, text, line = error["type"], error["message"] or "", error["line"]
    if line is None:
        return []
    here = src.line(line)
    shown = here.strip()
    if kind == "TabError" or "inconsistent use of tabs" in text:
        message = "Line %d mixes tabs and spaces to indent, which Python can't compare: indent with spaces only, 4 per level." % line
    elif kind == "IndentationError" and "expected an indented block" in text:
        prev_line, prev = _previous_code_line(src, line)
        m = re.search(r"after '(\w+)' statement on line (\d+)", text)
        if m:
            prev_line = int(m.group(2))
            prev = src.line(prev_line).strip()
        opener = "`%s` on line %d" % (prev[:50], prev_line) if prev_line else "The line above"
        message = ("%s ends with `:` and starts a block, so the line after it (line %d) must be indented further "
                   "to the right." % (opener, line))
    elif kind == "IndentationError" and "unexpected indent" in text:
        message = ("Line %d (`%s`) is indented further than the line above it, but nothing there starts a block "
                   "(a line ending in `:`), so Python doesn't know what it belongs to." % (line, shown[:50]))
    elif kind == "IndentationError" and "unindent does not match" in text:
        width = len(here) - len(here.lstrip(" \t"))
        message = ("Line %d is indented by %d character%s, which doesn't line up with any line above it: every line "
                   "of a block must start at exactly the same column." % (line, width, "" if width == 1 else "s"))
    elif kind == "IndentationError":
        message = "Python couldn't make sense of the indentation on line %d (%s)." % (line, text)
    elif kind == "SyntaxError" and re.search(r"'(return|yield)' outside function", text):
        word = "yield" if "yield" in text else "return"
        message = ("The `%s` on line %d is not indented inside any function, so Python sees it outside the function: "
                   "indent it to line up with the function's other lines." % (word, line))
    else:
        return []
    return [{"concept": CONCEPT, "line": line, "function": None, "message": message}]


def detect(ctx):
    return []
