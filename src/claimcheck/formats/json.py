"""JSON for programs: findings as a list, each report as the plain data views.py builds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from claimcheck.findings import LocatedFinding
from claimcheck.formats.base import Format, Output, Rows
from claimcheck.views import Report


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


def dumps(data: Any) -> str:
    # ensure_ascii=False keeps quotes readable; JSON still escapes every control character.
    return json.dumps(data, indent=2, ensure_ascii=False)


class JsonFormat(Format):
    name = "json"

    def findings(self, findings: Sequence[LocatedFinding], out: Output) -> None:
        out.write(dumps([finding_dict(f) for f in findings]))

    def conflicts(self, report: Report, rows: Rows, out: Output) -> None:
        out.write(dumps(list(rows)))

    def claims(self, rows: Rows, out: Output) -> None:
        out.write(dumps(list(rows)))

    def claim(self, data: dict[str, Any], out: Output) -> None:
        out.write(dumps(data))

    def sources(self, rows: Rows, out: Output) -> None:
        out.write(dumps(list(rows)))


FORMAT = JsonFormat()
