"""The interface of an output format, and the output it writes to.

A format renders *views*: the findings of `validate` (or their counts by code,
`validate --statistics`), and the reports that `views/report.py` builds as plain data
(`conflicts`, `list`, `show`, `sources`, the evidence map of `report`, and the
candidates and coverage of `extract` and `coverage`).
Formats never decide what is a finding or a verdict; they only render. A
format implements the views the registry in `formats/__init__.py` lists for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimcheck.findings import LocatedFinding
    from claimcheck.views.report import Report

FINDINGS, CONFLICTS, CLAIMS, CLAIM, SOURCES = "findings", "conflicts", "claims", "claim", "sources"
STATISTICS, EVIDENCE_MAP = "statistics", "evidence-map"
CANDIDATES, COVERAGE = "candidates", "coverage"
SOF = "summary-of-findings"

Rows = Sequence[dict[str, Any]]


@dataclass(frozen=True)
class Output:
    """Where a format writes, and how: colour (None lets the colour rule decide) and width."""

    stream: IO[str]
    color: bool | None = None
    width: int | None = None

    def write(self, text: str) -> None:
        """Write text as whole lines; nothing at all for empty text."""
        if text:
            self.stream.write(text if text.endswith("\n") else text + "\n")


class Format:
    """One output format. Each method renders one view; the base refuses them all."""

    name = ""

    def findings(self, findings: Sequence[LocatedFinding], out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render findings")

    def statistics(self, rows: Rows, out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render statistics")

    def conflicts(self, report: Report, rows: Rows, out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render conflicts")

    def claims(self, rows: Rows, out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render the claim list")

    def claim(self, data: dict[str, Any], out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render one claim")

    def sources(self, rows: Rows, out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render sources")

    def evidence_map(self, data: dict[str, Any], out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render the evidence map")

    def candidates(self, data: dict[str, Any], out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render candidate claims")

    def coverage(self, data: dict[str, Any], out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render coverage")

    def summary_of_findings(self, rows: Rows, out: Output) -> None:
        raise NotImplementedError(f"{self.name} does not render a summary-of-findings table")


# Control characters other than line feed and tab (C0, DEL and C1, where an ESC
# starts an ANSI sequence and a CR overwrites a line), the Unicode line and
# paragraph separators, and the bidirectional controls that can make text
# display in another order than it reads.
_UNSAFE_CODES = [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029,
                 *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
_ESCAPES = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _UNSAFE_CODES}


def printable(text: str) -> str:
    """Text from a registry or a document, made safe to print on a terminal or in a CI log.

    Unsafe characters are shown as escapes such as ``\\x1b``, and ``::``
    becomes ``:\\u200b:`` (a zero-width space between), so that no line of the
    output can be taken by a GitHub Actions runner for a workflow command such
    as ``::error file=...::``: a runner acts on any line that starts with ``::``.
    ``##[`` becomes ``#\\u200b#[`` for the same reason: a runner acts on an older
    form, ``##[error]`` or ``##[add-mask]``, anywhere in a line.
    """
    return neutralise_commands(text.translate(_ESCAPES))


def neutralise_commands(text: str) -> str:
    """Break up ``::`` and ``##[`` with a zero-width space, so no runner reads a workflow command."""
    return text.replace("::", ":\u200b:").replace("##[", "#\u200b#[")


def without_runner_commands(encoded: str) -> str:
    """Encoded JSON with every `##[` written `\\u0023#[`: the same data, but no GitHub runner acts
    on it as a workflow command (`##[error]`, `##[add-mask]`), as it would anywhere in a line."""
    return encoded.replace("##[", "\\u0023#[")


def location(entry: Mapping[str, Any]) -> str | None:
    """Where a quote was found, as a reader finds it (`line 12`, `p. 4, line 12`), made printable; None when not found.

    Views give `location` (older data only `line`).
    """
    if not entry.get("line"):
        return None
    return printable(str(entry.get("location") or f"line {entry['line']}"))
