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
               "reported_p", "computed_p", "error", "decision_error", "one_tailed", "location")


def write_text(results: Iterable[DocumentResult], summary: Summary, out: IO[str]) -> None:
    for result in results:
        summary.add(result)
        if result.error is not None:
            out.write(f"{result.document}: cannot be read: {result.error}\n")
            continue
        for finding in result.findings:
            where = (f"{result.document} ({finding.location})" if finding.location
                     else f"{result.document}:{finding.line}:{finding.column}")
            out.write(f"{where}: {finding.code} [{finding.severity}] {finding.message} ({finding.name})\n")
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
                             _flag(row.one_tailed), row.location or "NA"])


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


_PAGE_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2329; background: #fff; }
header { padding: 1rem 1.5rem; border-bottom: 1px solid #d5dbe1; }
main { padding: 0 1.5rem 2rem; max-width: 70rem; }
h1 { font-size: 1.3rem; margin: 0 0 .4rem; }
.summary { margin: 0; padding-left: 1.2rem; }
section.document { border: 1px solid #d5dbe1; border-left: 5px solid #8a96a3; border-radius: 4px;
  margin: 1rem 0; padding: .5rem 1rem; }
section.document.errors { border-left-color: #b3261e; }
section.document.warnings { border-left-color: #c77700; }
section.document.unreadable { border-left-color: #6a1b5a; }
h2 { font-size: 1rem; margin: .3rem 0; font-family: ui-monospace, monospace; word-break: break-all; }
ol.findings { padding-left: 1.2rem; }
ol.findings li { margin: .5rem 0; }
.where { font-family: ui-monospace, monospace; color: #4a5560; }
.badge { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .4rem; border-radius: 3px;
  border: 1px solid currentColor; }
.badge.error { color: #b3261e; } .badge.warning { color: #8a5300; }
blockquote { margin: .3rem 0 0; padding-left: .8rem; border-left: 3px solid #d5dbe1; color: #333; }
p.clean { color: #4a5560; }
"""


def write_html(results: Iterable[DocumentResult], summary: Summary, out: IO[str]) -> None:
    """A self-contained corpus report: documents with errors first, then warnings, then unreadable ones."""
    shown: list[DocumentResult] = []
    for result in results:
        summary.add(result)
        if result.error is not None or result.findings:
            shown.append(result)
    shown.sort(key=_page_order)
    from html import escape

    parts = ["<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
             "<title>claimcheck scan</title>\n<style>", _PAGE_STYLE, "</style>\n</head>\n<body>\n<header>\n",
             "<h1>claimcheck scan</h1>\n<ul class=\"summary\">\n",
             *(f"<li>{escape(line)}</li>\n" for line in summary_lines(summary)), "</ul>\n</header>\n<main>\n"]
    for result in shown:
        parts.append(_html_document(result, escape))
    clean = summary.documents - len(shown)
    parts.append(f"<p class=\"clean\">{_counted(clean, 'other document')} with no finding.</p>\n"
                 "</main>\n</body>\n</html>\n")
    out.write("".join(parts))


def _page_order(result: DocumentResult) -> tuple[int, int, str]:
    errors = sum(1 for finding in result.findings if finding.severity == "error")
    rank = 0 if errors else 1 if result.findings else 2
    return rank, -len(result.findings), result.document


def _html_document(result: DocumentResult, escape: Callable[[str], str]) -> str:
    if result.error is not None:
        return (f"<section class=\"document unreadable\">\n<h2>{escape(result.document)}</h2>\n"
                f"<p>Cannot be read: {escape(result.error)}</p>\n</section>\n")
    kind = "errors" if any(finding.severity == "error" for finding in result.findings) else "warnings"
    items = "".join(
        f"<li><span class=\"where\">{escape(finding.location or f'line {finding.line}, column {finding.column}')}</span> "
        f"<span class=\"badge {finding.severity}\">{finding.code} {finding.severity}</span> "
        f"{escape(finding.message)} <span class=\"where\">({finding.name})</span>"
        f"<blockquote>{escape(_one_line(finding.sentence))}</blockquote></li>\n" for finding in result.findings)
    return (f"<section class=\"document {kind}\" data-document=\"{escape(result.document)}\">\n"
            f"<h2>{escape(result.document)}</h2>\n<ol class=\"findings\">\n{items}</ol>\n</section>\n")


WRITERS: dict[str, Writer] = {"text": write_text, "json": write_json, "jsonl": write_jsonl, "csv": write_csv,
                              "sarif": write_sarif, "html": write_html}
