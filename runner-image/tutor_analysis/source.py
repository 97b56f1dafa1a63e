"""The learner's source as lines, and the bridge between AST positions and text.

AST column offsets are UTF-8 byte offsets within a line; Python strings index characters. Everything that
cuts or rewrites source text goes through `Source`, so non-ASCII code (names, strings, comments) is handled
in one place. Lines end as Python's tokenizer ends them: at "\\r\\n", "\\r" or "\\n" (not at form feeds or
Unicode line separators, which `str.splitlines` would split on).
"""

import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def split_lines_keepends(text):
    return _LINE.findall(text)


class Source:
    def __init__(self, text):
        self.text = text
        self.lines = split_lines_keepends(text)
        self.starts = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line)
        self._ascii = [_is_ascii(line) for line in self.lines]

    @property
    def line_count(self):
        return len(self.lines)

    def line(self, lineno):
        """Line `lineno` (1-based) without its ending, or "" when there is no such line."""
        if lineno is None or not 1 <= lineno <= len(self.lines):
            return ""
        return self.lines[lineno - 1].rstrip("\r\n")

    def char_col(self, lineno, byte_col):
        if not 1 <= lineno <= len(self.lines):
            return byte_col
        if self._ascii[lineno - 1]:
            return byte_col
        raw = self.lines[lineno - 1].encode("utf-8", "surrogatepass")
        return len(raw[:byte_col].decode("utf-8", "replace"))

    def offset(self, lineno, byte_col):
        """Character offset in the whole text of an AST (lineno, col_offset) position."""
        if lineno > len(self.lines):
            return len(self.text)
        return self.starts[lineno - 1] + self.char_col(lineno, byte_col)

    def span(self, node):
        """(start, end) character offsets of a node, or None when it has no complete position."""
        lineno = getattr(node, "lineno", None)
        end_lineno = getattr(node, "end_lineno", None)
        col = getattr(node, "col_offset", None)
        end_col = getattr(node, "end_col_offset", None)
        if lineno is None or end_lineno is None or col is None or end_col is None:
            return None
        start, end = self.offset(lineno, col), self.offset(end_lineno, end_col)
        return (start, end) if start <= end else None

    def segment(self, node):
        """The exact source text of a node, or None."""
        where = self.span(node)
        return None if where is None else self.text[where[0]:where[1]]

    def indent_of(self, lineno):
        line = self.line(lineno)
        return line[:len(line) - len(line.lstrip(" \t\f"))]

    def newline(self):
        """The line ending the file mostly uses, for lines we add."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        return "\r\n" if crlf > lf else "\n"


def _is_ascii(text):
    try:
        text.encode("ascii")
        return True
    except UnicodeEncodeError:
        return False


def shorten(text, limit=50):
    """One line of code for a message: whitespace runs collapsed, cut with "..." when long."""
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[:limit - 3].rstrip() + "..."
    return text


def code(text, limit=50):
    """Inline code for a message, in backticks."""
    text = shorten(text, limit).replace("`", "'")
    return "`" + text + "`"
