"""Text output as plain lines: the colour rule, findings, and the closing lines of reports.

Findings and their statistics are single lines, written as they are without
colour, so neither this module nor `text.py` imports rich for them; the
reports' rich drawing (`text_rich.py`) and the format itself (`text.py`) both
build on these lines, and neither imports the other's caller.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO

from claimcheck.findings import LocatedFinding, Severity
from claimcheck.formats.base import Rows, printable

VERDICT_STYLES = {"agree": "green", "single-source": "cyan", "not-comparable": "magenta", "tension": "yellow",
                  "conflict": "bold red"}
GRADE_STYLES = {"high": "bold green", "moderate": "green", "low": "yellow", "very-low": "red"}

#: A line of text in pieces, each with the rich style it has in colour ("" for none).
Styled = list[tuple[str, str]]


def wants_colour(color: bool | None, stream: IO[str] | None) -> bool:
    """The colour rule: the flag if given, else a terminal without NO_COLOR."""
    if color is not None:
        return color
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


# ------------------------------------------------------------------ findings

def finding_line(finding: LocatedFinding) -> Styled:
    style = "bold red" if finding.severity is Severity.ERROR else "yellow"
    return [(f"{printable(finding.file)}:{finding.position.line}:{finding.position.column}:", "bold"), (" ", ""),
            (finding.code, style), (f" [{finding.severity.value}] ", style),
            (printable(with_related(finding)), ""), (f" ({finding.rule.name})", "dim")]


def with_related(finding: LocatedFinding) -> str:
    """The message, followed by the other places it refers to."""
    if not finding.related:
        return finding.message
    places = "; ".join(f"line {p.line}, column {p.column}" for p in finding.related)
    return f"{finding.message} (see {places})"


def summary(findings: Sequence[LocatedFinding]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return counts_summary(errors, len(findings) - errors)


def counts_summary(errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return "All checks passed."
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return "Found " + " and ".join(parts) + "."


def silenced_note(silenced: int) -> str:
    if not silenced:
        return ""
    return f" {silenced} more silenced by `ignore` lists in the registry."


def statistics_lines(rows: Rows) -> list[str]:
    width = max((len(str(row["count"])) for row in rows), default=1)
    lines = []
    for row in rows:
        line = f"{row['count']:>{width}}  {row['code']}  [{row['severity']}]  {row['name']}"
        if row["silenced"]:
            line += f" ({row['silenced']} silenced)"
        lines.append(line)
    errors = sum(row["count"] for row in rows if row["severity"] == Severity.ERROR.value)
    warnings = sum(row["count"] for row in rows if row["severity"] == Severity.WARNING.value)
    silenced = sum(row["silenced"] for row in rows)
    return [*lines, counts_summary(errors, warnings) + silenced_note(silenced)]


# ------------------------------------------------------------------ summaries

def conflicts_summary(rows: Rows) -> str:
    """The closing line of `conflicts`: pairs counted by verdict, and how many are accepted."""
    counts = {v: sum(r.get("pairs", 1) for r in rows if r["verdict"] == v)
              for v in ("conflict", "tension", "not-comparable", "agree")}
    accepted = sum(r.get("pairs", 1) for r in rows if r["accepted"])
    summary_line = ", ".join(_counted(n, v) for v, n in counts.items() if n)
    return (f"{summary_line} between pairs of quotes; {accepted} accepted." if accepted
            else f"{summary_line} between pairs of quotes.")


def _counted(count: int, verdict: str) -> str:
    """`2 conflicts`, `1 agree`; `3 not comparable`, which has no plural."""
    if verdict == "not-comparable":
        return f"{count} not comparable"
    return f"{count} {verdict}{'s' if count != 1 else ''}"


def claims_summary(rows: Rows) -> str:
    """The closing line of `list`: claims counted by status, and those not checked."""
    statuses = {s: sum(1 for r in rows if r["status"] == s) for s in VERDICT_STYLES}
    statuses[NOT_CHECKED] = sum(1 for r in rows if not r["checked"])
    return (f"{len(rows)} claim{'' if len(rows) == 1 else 's'}: "
            + ", ".join(f"{n} {'not comparable' if s == 'not-comparable' else s}" for s, n in statuses.items() if n) + ".")


#: What a claim or source with an error of its own shows instead of a verdict.
NOT_CHECKED = "not checked"


def errors_text(errors: int, error_sources: Sequence[str] = ()) -> str:
    """`2 errors`, `1 error, source a-b has errors`: why a claim was not checked."""
    parts = [f"{errors} error{'' if errors == 1 else 's'}"] if errors or not error_sources else []
    if error_sources:
        parts.append(f"source{'s' if len(error_sources) > 1 else ''} {', '.join(error_sources)} "
                     f"{'have' if len(error_sources) > 1 else 'has'} errors")
    return printable(", ".join(parts))


def not_checked_line(row: dict[str, object]) -> str:
    """A claim not checked, in a list of them: its id and why."""
    sources = row["error_sources"]
    assert isinstance(sources, list) and isinstance(row["errors"], int)
    return f"{printable(str(row['claim']))}: {errors_text(row['errors'], sources)}"


NOT_CHECKED_HEADING = "Not checked (`claimcheck validate` lists the errors):"
