"""Output formats for findings: text (rich), json and github workflow commands.

Formats only render; they never decide what is a finding. The colour rule is
sqlfluff's: an explicit --color/--no-color wins, else colour only on a terminal
and never when NO_COLOR is set.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from claimcheck.findings import LocatedFinding, Severity

FORMATS = ("text", "json", "github")


def make_console(color: bool | None, stream: IO[str] | None = None, width: int | None = None) -> Console:
    """A console that follows the colour rule; plain text when not coloured."""
    if color is None:
        isatty = getattr(stream, "isatty", None)
        color = bool(isatty and isatty()) and "NO_COLOR" not in os.environ
    if not color:
        return Console(file=stream, force_terminal=False, no_color=True, color_system=None,
                       highlight=False, emoji=False, width=width or _plain_width())
    return Console(file=stream, force_terminal=True, highlight=False, emoji=False, width=width)


def _plain_width() -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 80


def finding_dict(finding: LocatedFinding) -> dict[str, Any]:
    return {
        "file": finding.file,
        "line": finding.position.line,
        "column": finding.position.column,
        "severity": finding.severity.value,
        "code": finding.code,
        "name": finding.rule.name,
        "message": finding.message,
        "related": [{"line": p.line, "column": p.column} for p in finding.related],
    }


def render_json(findings: Sequence[LocatedFinding]) -> str:
    return json.dumps([finding_dict(f) for f in findings], indent=2, ensure_ascii=False)


def github_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: Sequence[LocatedFinding]) -> str:
    lines = []
    for f in findings:
        command = "error" if f.severity is Severity.ERROR else "warning"
        properties = ",".join([
            f"file={github_escape_property(f.file)}",
            f"line={f.position.line}",
            f"col={f.position.column}",
            f"title={github_escape_property(f'{f.code} {f.rule.name}')}",
        ])
        lines.append(f"::{command} {properties}::{github_escape_data(f'{f.code} {_with_related(f)}')}")
    return "\n".join(lines)


def _with_related(finding: LocatedFinding) -> str:
    if not finding.related:
        return finding.message
    places = "; ".join(f"line {p.line}, column {p.column}" for p in finding.related)
    return f"{finding.message} (see {places})"


def render_text(findings: Sequence[LocatedFinding], console: Console) -> None:
    """One line per finding, ruff style, then a summary line."""
    for f in findings:
        style = "bold red" if f.severity is Severity.ERROR else "yellow"
        line = Text()
        line.append(f"{f.file}:{f.position.line}:{f.position.column}:", style="bold")
        line.append(" ")
        line.append(f.code, style=style)
        line.append(f" [{f.severity.value}] ", style=style)
        line.append(_with_related(f))
        line.append(f" ({f.rule.name})", style="dim")
        console.print(line, soft_wrap=True)
    console.print(escape(summary(findings)), soft_wrap=True)


def summary(findings: Sequence[LocatedFinding]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "All checks passed."
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return "Found " + " and ".join(parts) + "."
