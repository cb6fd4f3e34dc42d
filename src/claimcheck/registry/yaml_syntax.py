"""YAML syntax errors in a user's words: the line of the mistake and its likely cause.

The parser reports what it expected where it stopped, which is often a line or more after the
mistake and in its own terms ("mapping values are not allowed in this context"). `explain` looks
at the text around that place for the mistakes people make by hand: a tab, an unquoted `: ` inside
a value, text after a closing quote, a quote never closed, and a line indented unlike its
neighbours. It returns None when it recognises none of them, and the parser's words stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: `key: value` at the start of a line, after any `- ` of a list item.
_KEY_LINE = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)(?P<key>[^\s:#\"'\-][^:#]*?):(?:[ ]+(?P<value>.*))?$")
_COMMENT = re.compile(r"\s+#.*$")
_INDENTATION_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator",
                         "expected <block end>", "could not find expected ':'")


@dataclass(frozen=True)
class Explained:
    """Where the mistake probably is (1-based) and what it is, in a user's words."""

    line: int
    column: int
    message: str


def explain(text_lines: list[str], problem: str, line: int, column: int, context_line: int | None) -> Explained | None:
    """The likely mistake behind the parser's `problem` at `line`:`column` (1-based), if recognised."""
    if not 1 <= line <= len(text_lines):
        return _unclosed_quote(text_lines, context_line or 1, len(text_lines))
    here = text_lines[line - 1]
    if "\t" in here[:max(column, _indent(here) + 1)]:
        tab = here.index("\t") + 1
        return Explained(line, tab, "a tab here: YAML indents with spaces only; replace the tab with spaces")
    if problem.startswith("mapping values are not allowed"):
        return _misindented(text_lines, line, column) or _colon_in_value(here, line, column)
    if problem.startswith(_INDENTATION_PROBLEMS) or "quoted scalar" in problem:
        return (_unclosed_quote(text_lines, context_line or line, line)
                or _text_after_quote(here, line, column)
                or _misindented(text_lines, line))
    return None


def _colon_in_value(here: str, line: int, column: int) -> Explained:
    match = _KEY_LINE.match(here)
    if match and match.group("value") and column - 1 > match.end("key"):
        key, value = match.group("key"), _COMMENT.sub("", match.group("value"))
        quoted = f"'{value}'" if '"' in value else f'"{value}"'
        return Explained(line, column, f"the value of `{key}` holds `: `, which YAML reads as the start of another "
                                       f"key: put the value in quotes, as in {key}: {quoted}")
    return Explained(line, column, "`: ` here starts a key where YAML expects none; a value that holds `: ` "
                                   "must be put in quotes")


def _text_after_quote(here: str, line: int, column: int) -> Explained | None:
    before = here[:column - 1].rstrip()
    if column - 1 > _indent(here) and before.endswith(('"', "'")) and here[column - 1:].strip():
        return Explained(line, column, "text after the closing quote: a quoted value ends at its quote; "
                                       "put the whole value in quotes")
    return None


def _unclosed_quote(text_lines: list[str], first: int, last: int) -> Explained | None:
    """A value that opens a quote and never closes it on its line, between lines `first` and `last`."""
    for number in range(max(1, first), min(last, len(text_lines)) + 1):
        match = _KEY_LINE.match(text_lines[number - 1])
        value = match.group("value") if match else None
        if not value or value[0] not in "\"'":
            continue
        mark = value[0]
        rest = value[1:].replace("\\\\", "").replace('\\"', "") if mark == '"' else value[1:].replace("''", "")
        if mark not in rest:
            column = match.start("value") + 1 if match else 1
            return Explained(number, column, f"the quote {mark} that opens this value is never closed: "
                                             f"end the value with {mark}")
    return None


def _misindented(text_lines: list[str], line: int, colon: int | None = None) -> Explained | None:
    """A line whose key does not line up with the key of the line above it (with `colon`, the
    column of a `:` the parser did not expect, only when that colon is the line's own key's)."""
    here = text_lines[line - 1]
    match = _KEY_LINE.match(here)
    if colon is not None and not (match and colon - 1 == match.end("key")):
        return None
    above = next((text_lines[n] for n in range(line - 2, -1, -1) if _content(text_lines[n])), None)
    if above is None or _COMMENT.sub("", above).rstrip().endswith(":") or not _content(here):
        return None
    expected, found = _key_column(above), _indent(here)
    if expected == found or here.lstrip().startswith("- ") and expected > found:
        return None
    return Explained(line, found + 1, f"this line is indented {found} spaces and the line above it {expected}: "
                                      "the keys of one mapping must line up; indent it as its neighbours")


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the key of a line starts: after its indentation and any `- ` list markers."""
    match = re.match(r"[ ]*(?:-[ ]+)*", line)
    return match.end() if match else 0
