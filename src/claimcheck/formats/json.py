"""JSON for programs: findings, and each report as the plain data views/report.py builds.

Every output is one object: `schema_version` (raised only when a field is
removed or changes meaning; new fields may appear without it), and the view's
data under one key named after the view. docs/json.md documents every field,
and a test holds that page to the real output.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from claimcheck.findings import LocatedFinding
from claimcheck.formats.base import Format, Output, Rows, without_runner_commands
from claimcheck.views.report import Report, not_checked_rows


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


SCHEMA_VERSION = 1


def document(key: str, data: Any) -> dict[str, Any]:
    """The top-level object every JSON output is."""
    return {"schema_version": SCHEMA_VERSION, key: data}


# ensure_ascii=False keeps quotes readable; JSON still escapes every control character. With no
# indent, the standard library encodes in C, many times faster than its indenting Python encoder.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _compact(data: Any) -> str:
    return without_runner_commands(_encode(data))


def dumps(data: Any, level: int = 0) -> str:
    """JSON laid out for reading and for line tools: objects indented, each item of an array on a
    line of its own, in one piece (a claim, a finding, a pair of entries: one line each)."""
    inner, outer = "  " * (level + 1), "  " * level
    if isinstance(data, dict) and data:
        members = (f"{inner}{_compact(str(key))}: {dumps(value, level + 1)}" for key, value in data.items())
        return "{\n" + ",\n".join(members) + f"\n{outer}}}"
    if isinstance(data, list) and data:
        return "[\n" + ",\n".join(inner + _compact(item) for item in data) + f"\n{outer}]"
    return _compact(data)


class JsonFormat(Format):
    name = "json"

    def findings(self, findings: Sequence[LocatedFinding], out: Output) -> None:
        out.write(dumps(document("findings", [finding_dict(f) for f in findings])))

    def statistics(self, rows: Rows, out: Output) -> None:
        out.write(dumps(document("statistics", list(rows))))

    def conflicts(self, report: Report, rows: Rows, out: Output) -> None:
        out.write(dumps({**document("conflicts", list(rows)), "not_checked": not_checked_rows(report)}))

    def claims(self, rows: Rows, out: Output) -> None:
        out.write(dumps(document("claims", list(rows))))

    def claim(self, data: dict[str, Any], out: Output) -> None:
        out.write(dumps(document("claim", data)))

    def sources(self, rows: Rows, out: Output) -> None:
        out.write(dumps(document("sources", list(rows))))

    def candidates(self, data: dict[str, Any], out: Output) -> None:
        out.write(dumps(document("extraction", data)))

    def coverage(self, data: dict[str, Any], out: Output) -> None:
        out.write(dumps(document("coverage", data)))

    def summary_of_findings(self, rows: Rows, out: Output) -> None:
        out.write(dumps(document("summary_of_findings", list(rows))))


FORMAT = JsonFormat()
