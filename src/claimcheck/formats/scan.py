"""`claimcheck scan`'s outputs: linter lines, JSON, JSON lines, CSV (one row per statistic, as statcheck), SARIF.

Each writer takes the documents' results as they come (an iterator) and the
summary it fills, so that a large corpus streams out: text, JSON lines and CSV
write each document as soon as it is scanned; JSON and SARIF keep only the
findings, never the texts.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import IO, Any

from claimcheck.formats.text_lines import counts_summary
from claimcheck.scan.corpus import Summary
from claimcheck.scan.document import STATEMENT_KINDS, DocumentResult

Writer = Callable[[Iterable[DocumentResult], Summary, IO[str]], None]

#: The CSV's columns: statcheck's own, with the place and the one-tailed reading.
CSV_COLUMNS = ("document", "line", "statistic", "test", "df1", "df2", "value", "reported_comparison",
               "reported_p", "computed_p", "error", "decision_error", "one_tailed")


def write_text(results: Iterable[DocumentResult], summary: Summary, out: IO[str]) -> None:
    for result in results:
        summary.add(result)
        if result.error is not None:
            out.write(f"{result.document}: cannot be read: {result.error}\n")
            continue
        for finding in result.findings:
            out.write(f"{result.document}:{finding.line}:{finding.column}: {finding.code} [{finding.severity}] "
                      f"{finding.message} ({finding.name})\n")
            out.write(f"    {_one_line(finding.sentence)}\n")
    out.write(("\n" if summary.findings or summary.unreadable else "") + "\n".join(summary_lines(summary)) + "\n")


#: How the summary names each kind of statement in the plural.
_PLURALS = {"test statistic": "test statistics", "estimate with interval": "estimates with intervals",
            "count with percentage": "counts with percentages", "mean with n": "means with n",
            "two-arm counts": "two-arm counts"}


def _counted(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"


def summary_lines(summary: Summary) -> list[str]:
    """statcheck's headline figures, in words."""
    checked = ", ".join(_counted(count, kind, _PLURALS[kind])
                        for kind, count in summary.statements.items() if count) or "nothing checkable"
    documents = summary.documents
    lines = [f"Scanned {_counted(documents, 'document')}: checked {checked}.",
             (counts_summary(summary.errors, summary.warnings) + f" In {summary.documents_with_findings:,} of "
              f"{_counted(documents, 'document')}." if summary.findings else "No findings.")]
    if summary.statements.get("test statistic"):
        lines.append(f"Test statistics: {_counted(summary.inconsistencies, 'inconsistent p-value')} in "
                     f"{_counted(summary.documents_with_inconsistency, 'document')}; "
                     f"{_counted(summary.decision_errors, 'decision error')} in "
                     f"{_counted(summary.documents_with_decision_error, 'document')}.")
    if summary.unreadable:
        lines.append(f"{_counted(len(summary.unreadable), 'document')} could not be read.")
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_json(results: Iterable[DocumentResult], summary: Summary, out: IO[str]) -> None:
    documents = []
    for result in results:
        summary.add(result)
        if result.error is not None or result.findings:
            documents.append(_document(result))
    json.dump({"documents": documents, "summary": summary.to_json()}, out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_jsonl(results: Iterable[DocumentResult], summary: Summary, out: IO[str]) -> None:
    for result in results:
        summary.add(result)
        out.write(json.dumps({"type": "document", **_document(result)}, ensure_ascii=False) + "\n")
    out.write(json.dumps({"type": "summary", **summary.to_json()}, ensure_ascii=False) + "\n")


def _document(result: DocumentResult) -> dict[str, Any]:
    data = result.to_json()
    data["statements"] = {kind: data["statements"].get(kind, 0) for kind in STATEMENT_KINDS}
    return data


def write_csv(results: Iterable[DocumentResult], summary: Summary, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in results:
        summary.add(result)
        for row in result.statistics:
            writer.writerow([result.document, row.line, row.statistic, row.test, _number(row.df1), _number(row.df2),
                             _number(row.value), row.reported_comparison, _number(row.reported_p),
                             f"{row.computed_p:.6g}", _flag(row.error), _flag(row.decision_error),
                             _flag(row.one_tailed)])


def _number(value: float | None) -> str:
    if value is None:
        return "NA"  # as R writes a missing value
    return str(int(value)) if value == int(value) else repr(value)


def _flag(value: bool) -> str:
    return "TRUE" if value else "FALSE"  # as R writes a logical


def write_sarif(results: Iterable[DocumentResult], summary: Summary, out: IO[str]) -> None:
    from claimcheck.findings import Position
    from claimcheck.findings.rules import RULES
    from claimcheck.formats.sarif import dumps, finding_rules, physical_location, sarif_log

    rules = finding_rules()
    index = {code: position for position, code in enumerate(RULES)}
    found: list[dict[str, Any]] = []
    for result in results:
        summary.add(result)
        for finding in result.findings:
            found.append({
                "ruleId": finding.code, "ruleIndex": index[finding.code], "level": finding.severity,
                "message": {"text": finding.message},
                "locations": [physical_location(result.document, Position(finding.line, finding.column))]})
    out.write(dumps(sarif_log(rules, found)) + "\n")


WRITERS: dict[str, Writer] = {"text": write_text, "json": write_json, "jsonl": write_jsonl, "csv": write_csv,
                              "sarif": write_sarif}
