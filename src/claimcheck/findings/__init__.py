"""Findings: what every layer reports, the rule registry, and which rules a run reports.

This module holds the `Finding` type that reading, validation and the
command line share; `rules` is the explicit registry of every finding code
(as yamllint's), `rule_docs` the page of each rule (`claimcheck rule CODE`,
docs/rules.md), and `selection` the `--select`/`--ignore` logic over codes.

A check reports a `Finding` against a *path* into the registry data
(``("claims", 3, "evidence", 0, "says")``); the loader's `SourceMap` turns
paths into file positions afterwards, so checks never deal with YAML marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

PathItem = str | int
DataPath = tuple[PathItem, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """One documented check: its stable code, name and meaning."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    """A rule broken at a place in the registry.

    ``path`` locates the node in the registry data; ``key`` says whether the
    finding is about the mapping key at that path (an unknown field, a
    duplicate key) rather than its value. ``related`` names other places the
    message refers to, such as the first definition of a duplicate id.
    ``position`` is set directly by the loader, which knows marks before any
    data exists.
    """

    rule: Rule
    message: str
    path: DataPath = ()
    key: bool = False
    related: tuple[DataPath, ...] = ()
    position: Position | None = None

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> Severity:
        return self.rule.severity


@dataclass(frozen=True)
class LocatedFinding:
    """A finding with its file and position resolved, ready to print."""

    file: str
    position: Position
    rule: Rule
    message: str
    related: tuple[Position, ...] = field(default=())
    #: The registry path the finding is about (what `validate/unchecked.py` attributes it by); () for none.
    path: DataPath = field(default=(), compare=False)

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.position.line, self.position.column, self.code)


#: Longest value a message repeats whole, and longest message.
ECHO_LIMIT = 200
MESSAGE_LIMIT = 2_000
_ECHOED = re.compile(rf"`([^`]{{{ECHO_LIMIT + 1},}})`")


def shorten_message(message: str) -> str:
    """A message with every value it repeats (between backticks) cut to ECHO_LIMIT characters.

    Messages repeat the user's values so that a finding can be read alone; an 8 MB
    value must not make an 8 MB message. This is the one place where that is bounded.
    """
    if len(message) <= ECHO_LIMIT:
        return message
    shortened = _ECHOED.sub(lambda m: f"`{m.group(1)[:ECHO_LIMIT]}…` ({len(m.group(1)):,} characters)", message)
    if len(shortened) > MESSAGE_LIMIT:
        shortened = shortened[:MESSAGE_LIMIT] + f"… ({len(message):,} characters in all)"
    return shortened
