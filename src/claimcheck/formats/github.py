"""GitHub Actions workflow commands: each finding or conflict an annotation on its line.

Escaping follows GitHub's rules for workflow commands: in the message, `%`, CR
and LF; in properties, `:` and `,` as well. So no registry text can end an
annotation early or start another, nor hold a `##[` command the runner acts on.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.findings import LocatedFinding, Severity
from claimcheck.formats.base import Format, Output, Rows
from claimcheck.formats.text_lines import with_related
from claimcheck.views.report import Report


def escape_data(text: str) -> str:
    """A message's text: GitHub's escapes, and no `##[` that the runner would act on mid-line
    (a `::` is harmless here: the message has no line of its own to start)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("##[", "#\u200b#[")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, file: str, line: int, column: int, title: str, message: str) -> str:
    properties = f"file={escape_property(file)},line={line},col={column},title={escape_property(title)}"
    return f"::{command} {properties}::{escape_data(message)}"


class GithubFormat(Format):
    name = "github"

    def findings(self, findings: Sequence[LocatedFinding], out: Output) -> None:
        out.write("\n".join(
            annotation("error" if f.severity is Severity.ERROR else "warning", f.file, f.position.line,
                       f.position.column, f"{f.code} {f.rule.name}", f"{f.code} {with_related(f)}")
            for f in findings))

    def conflicts(self, report: Report, rows: Rows, out: Output) -> None:
        """Conflicts and tensions at each pair's first evidence entry; accepted ones and not-comparable pairs as notices."""
        lines = []
        for row in rows:
            if row["verdict"] == "agree":
                continue
            place = report.entry_position(row["claim"], row["a"]["evidence"])
            command = ("notice" if row["accepted"] or row["verdict"] == "not-comparable" else
                       "error" if row["verdict"] == "conflict" else "warning")
            message = (f"{row['verdict']} in claim {row['claim']}: {row['a']['source']} vs {row['b']['source']}: "
                       f"{row['reason']}")
            lines.append(annotation(command, report.validation.file, place.line, place.column,
                                    f"claimcheck {row['verdict']}", message))
        out.write("\n".join(lines))


FORMAT = GithubFormat()
