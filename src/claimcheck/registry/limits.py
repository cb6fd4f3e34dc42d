"""The limits that keep claimcheck's answer to any input fast and small.

Each limit has a default far above what an honest registry needs, and can be
changed with `--limit NAME=VALUE` (repeatable) or a `limits` table in the
configuration (`[tool.claimcheck.registry.limits]`). An input over a limit is rejected
with a located finding at once, before it costs time or memory; docs/reliability.md
lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

KIB, MIB, GIB = 1024, 1024**2, 1024**3


@dataclass(frozen=True)
class Limits:
    """Upper bounds on what one run reads."""

    #: Bytes of the registry file.
    file_size: int = 100 * MIB
    #: Mappings and sequences inside one another.
    depth: int = 64
    #: Nodes that aliases may add to the document, in all (the "billion laughs" defence).
    aliases: int = 100_000
    #: Characters of one scalar (a quote, a statement, a note).
    scalar_length: int = 100_000
    #: Claims in the registry.
    claims: int = 500_000
    #: Evidence entries of one claim.
    entries: int = 10_000
    #: Bytes of one source text.
    text_size: int = 64 * MIB
    #: Characters an elision (`...`) in a quote may skip.
    elision: int = 300
    #: Seconds one document (a PDF, a web page, a JATS article) may take to be read into text.
    document_seconds: int = 30


DEFAULT_LIMITS = Limits()

#: The name each limit goes by on the command line and in configuration files.
NAMES: dict[str, str] = {field.name.replace("_", "-"): field.name for field in fields(Limits)}
_SIZES = frozenset({"file_size", "text_size"})
_VALUE = re.compile(r"^\s*(\d+)\s*([kKmMgG]i?[bB]?)?\s*$")
_UNITS = {"k": KIB, "m": MIB, "g": GIB}


class LimitError(ValueError):
    """A limit that is not a known name with a positive whole value."""


def parse_value(name: str, value: object) -> int:
    """A limit's value: a whole number, with a k/M/G suffix (1024-based) for the two sizes."""
    attribute = NAMES.get(name)
    if attribute is None:
        raise LimitError(f"unknown limit `{name}`; the limits are: {', '.join(NAMES)}")
    if isinstance(value, bool):
        raise LimitError(f"limit `{name}` must be a whole number; got {value}")
    if isinstance(value, int):
        number, unit = value, ""
    else:
        match = _VALUE.match(str(value))
        if match is None:
            hint = " such as 50MB" if attribute in _SIZES else " of seconds" if attribute == "document_seconds" else ""
            raise LimitError(f"limit `{name}` must be a whole number{hint}; got `{value}`")
        number, unit = int(match.group(1)), (match.group(2) or "")
        if unit and attribute not in _SIZES:
            kind = "a number of seconds" if attribute == "document_seconds" else "a count"
            raise LimitError(f"limit `{name}` is {kind}, without a unit; got `{value}`")
    if number <= 0:
        raise LimitError(f"limit `{name}` must be positive; got {number}")
    return number * _UNITS.get(unit[:1].lower(), 1)


def with_values(base: Limits, values: dict[str, object]) -> Limits:
    """`base` with the named limits changed (names as on the command line)."""
    changes = {NAMES.get(name, name): parse_value(name, value) for name, value in values.items()}
    return replace(base, **changes)


def parse_assignments(assignments: tuple[str, ...] | list[str]) -> dict[str, object]:
    """`--limit depth=100 --limit file-size=1GB` as a mapping of names to values."""
    values: dict[str, object] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals:
            raise LimitError(f"`--limit {assignment}` must be NAME=VALUE, such as depth=100")
        parse_value(name.strip(), value)
        values[name.strip()] = value
    return values


def describe(size: int) -> str:
    """A byte count as people read it: 100 MiB, 64 KiB, 12 bytes."""
    for unit, name in ((GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    return f"{size:,} bytes"
