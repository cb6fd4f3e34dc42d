"""SARIF 2.1.0, for GitHub code scanning and other tools that read static-analysis results.

One run, whose tool driver lists every rule the run can report: for
`validate`, every finding code (help text and a link to its page in
docs/rules.md); for `conflicts`, the verdicts `conflict`, `tension` and
`not-comparable` (docs/sarif.md). Each result points at its place in the registry with a URI
relative to the working directory (`uriBaseId` `%SRCROOT%`) and a start line
and column counted in Unicode code points, as claimcheck counts them. An
accepted conflict is a result with an in-source suppression whose
justification is the claim's note, so code scanning shows it as dismissed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from claimcheck import DOCS_URL, HOMEPAGE, __version__
from claimcheck.findings import LocatedFinding, Position, Rule, Severity
from claimcheck.findings.rule_docs import github_anchor, rule_anchor, rule_markdown
from claimcheck.findings.rules import RULES
from claimcheck.formats.base import Format, Output, Rows, without_runner_commands
from claimcheck.views.report import Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}

#: The verdicts `conflicts` reports, as SARIF rules (documented in docs/sarif.md).
VERDICT_RULES: tuple[Rule, ...] = (
    Rule("conflict", "conflict", Severity.ERROR,
         "Two evidence entries of one claim cannot both be right.",
         "Documents that state one claim should agree within what rounding, ranges and sampling error allow; "
         "a conflict means at least one of them misreports it, or the registry does.",
         "11/30 from one study reported elsewhere as `most`"),
    Rule("tension", "tension", Severity.WARNING,
         "Two evidence entries of one claim disagree in a way that may still be explained.",
         "One document settles what another calls uncertain, or two studies without counts give disjoint "
         "values: worth a reader's look, not necessarily an error.",
         "`yes` in a blog against `uncertain` in a news summary"),
    Rule("not-comparable", "not-comparable", Severity.WARNING,
         "Two evidence entries of one claim state values that cannot be set against each other.",
         "Estimates on different measures (an odds ratio and a hazard ratio, a mean difference in two units) "
         "can neither agree nor conflict: no comparison was made, so none is reported as agreement.",
         "`OR 0.70` in a news item against `HR 0.83 (95% CI 0.75-0.93)` in the trial report"),
)
#: The level of each verdict's results: a not-comparable pair is a note, neither an error nor a warning.
VERDICT_LEVELS = {"conflict": "error", "tension": "warning", "not-comparable": "note"}


def _rule_descriptor(rule: Rule, help_uri: str, level: str | None = None) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} {rule.why}"},
        "help": {"text": f"{rule.summary} {rule.why} Example: {rule.example}", "markdown": rule_markdown(rule)},
        "helpUri": help_uri,
        "defaultConfiguration": {"level": level or LEVELS[rule.severity]},
    }


def finding_rules() -> list[dict[str, Any]]:
    return [_rule_descriptor(rule, f"{DOCS_URL}/rules.md#{rule_anchor(rule)}") for rule in RULES.values()]


def verdict_rules() -> list[dict[str, Any]]:
    return [_rule_descriptor(rule, f"{DOCS_URL}/sarif.md#{github_anchor(rule.code)}", VERDICT_LEVELS[rule.code])
            for rule in VERDICT_RULES]


def artifact_location(file: str) -> dict[str, str]:
    """A file as SARIF names it: relative to the working directory where it lies inside it."""
    path = PurePath(file)
    if path.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": SRCROOT}


def physical_location(file: str, position: Position) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": artifact_location(file),
                                 "region": {"startLine": position.line, "startColumn": position.column}}}


def sarif_log(rules: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": "claimcheck", "version": __version__, "semanticVersion": __version__,
                                "informationUri": HOMEPAGE, "rules": rules}},
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def finding_result(finding: LocatedFinding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [physical_location(finding.file, finding.position)],
    }
    if finding.related:
        result["relatedLocations"] = [
            {"id": number, **physical_location(finding.file, position),
             "message": {"text": f"also concerned: line {position.line}, column {position.column}"}}
            for number, position in enumerate(finding.related, start=1)]
    return result


def conflict_result(report: Report, row: dict[str, Any], rule_index: int) -> dict[str, Any]:
    file = report.validation.file
    a, b = row["a"], row["b"]
    rule = VERDICT_RULES[rule_index]
    result: dict[str, Any] = {
        "ruleId": rule.code,
        "ruleIndex": rule_index,
        "level": VERDICT_LEVELS[rule.code],
        "message": {"text": f"{row['verdict']} in claim {row['claim']}: {a['source']} says {a['says']}, "
                            f"{b['source']} says {b['says']}: {row['reason']}"},
        "locations": [physical_location(file, report.entry_position(row["claim"], a["evidence"]))],
        "relatedLocations": [{"id": 1, **physical_location(file, report.entry_position(row["claim"], b["evidence"])),
                              "message": {"text": f"{b['source']} says {b['says']}"}}],
    }
    if row["accepted"]:
        result["suppressions"] = [{"kind": "inSource",
                                   "justification": row["note"] or f"accepted: {row['verdict']}"}]
    return result


def dumps(log: dict[str, Any]) -> str:
    return without_runner_commands(json.dumps(log, indent=2, ensure_ascii=False))


class SarifFormat(Format):
    name = "sarif"

    def findings(self, findings: Sequence[LocatedFinding], out: Output) -> None:
        index = {code: number for number, code in enumerate(RULES)}
        out.write(dumps(sarif_log(finding_rules(), [finding_result(f, index[f.code]) for f in findings])))

    def conflicts(self, report: Report, rows: Rows, out: Output) -> None:
        index = {rule.code: number for number, rule in enumerate(VERDICT_RULES)}
        results = [conflict_result(report, row, index[row["verdict"]]) for row in rows if row["verdict"] in index]
        out.write(dumps(sarif_log(verdict_rules(), results)))


FORMAT = SarifFormat()
