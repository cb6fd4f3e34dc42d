"""Choosing what is reported: --select/--ignore with ruff's precedence, registry `ignore` lists,
--statistics and --exit-zero."""

from __future__ import annotations

import pytest

from claimcheck.findings.rules import RULES
from claimcheck.findings.selection import RuleSelection, SelectionError, check_selector, enabled_codes
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, findings_of, invoke, json_of

#: A registry with three findings: CC303 (error, line 17), CC209 (warning, line 12) and CC211 (warning, line 21).
THREE = (MINIMAL_SOURCES + "  - id: orphan\n    title: O\n    type: blog\n"
         + MINIMAL_CLAIM.replace("says: 11/30", "says: 11/30 (40%)")
         + "  - id: other\n    statement: S\n    evidence:\n      - source: lone\n        says: yes\n"
           "        quote: q\n").replace("claims:\n", "  - id: lone\n    title: L\n    type: study\nclaims:\n")


def codes(*args: str) -> list[str]:
    return [f["code"] for f in findings_of("claims.yaml", *args)]


# ------------------------------------------------------------ precedence

@pytest.mark.parametrize("selections, expected", [
    ([], set(RULES)),
    ([RuleSelection(("CC3",))], {c for c in RULES if c.startswith("CC3")}),
    ([RuleSelection(("CC3",), ("CC303",))], {c for c in RULES if c.startswith("CC3")} - {"CC303"}),
    # A more specific select beats a less specific ignore, whatever the order.
    ([RuleSelection(("CC303",), ("CC3",))], {"CC303"}),
    # At equal specificity, ignore wins.
    ([RuleSelection(("CC303",), ("CC303",))], set()),
    ([RuleSelection(("ALL",), ("CC30",))], set(RULES) - {c for c in RULES if c.startswith("CC30")}),
    # A later selection with `select` starts afresh, dropping the earlier `ignore`...
    ([RuleSelection(None, ("CC209",)), RuleSelection(("CC2",))], {c for c in RULES if c.startswith("CC2")}),
    # ...one with only `ignore` builds on what came before.
    ([RuleSelection(("CC2",)), RuleSelection(None, ("CC209",))], {c for c in RULES if c.startswith("CC2")} - {"CC209"}),
    ([RuleSelection(None, ("CC2",)), RuleSelection(None, (), )], set(RULES) - {c for c in RULES if c.startswith("CC2")}),
])
def test_ruff_precedence(selections: list[RuleSelection], expected: set[str]) -> None:
    assert enabled_codes(selections) == expected


@pytest.mark.parametrize("selector, message", [
    ("CC9", "unknown rule code or prefix `CC9`; did you mean CC4, CC3, CC2?"),
    ("CC333", "unknown rule code or prefix `CC333`; did you mean CC332, CC331, CC330?"),
    ("CC2O9", "unknown rule code or prefix `CC2O9`; did you mean CC209, CC402, CC332?"),
    ("quote-not-found", "unknown rule code or prefix `quote-not-found`; `claimcheck rules` lists the codes"),
    ("", "unknown rule code or prefix ``; `claimcheck rules` lists the codes"),
])
def test_an_unknown_selector_is_an_error_with_a_suggestion(selector: str, message: str) -> None:
    with pytest.raises(SelectionError) as error:
        check_selector(selector)
    assert str(error.value) == message


def test_selectors_are_case_insensitive() -> None:
    assert (check_selector("cc3"), check_selector("all")) == ("CC3", "ALL")


# ------------------------------------------------------------ the command line

def test_select_and_ignore_on_the_command_line(registry) -> None:
    registry(THREE)
    assert codes() == ["CC209", "CC211", "CC303"]
    assert codes("--select", "CC2") == ["CC209", "CC211"]
    assert codes("--select", "CC2,CC3", "--ignore", "CC211") == ["CC209", "CC303"]
    assert codes("--ignore", "CC2", "--select", "CC209") == ["CC209"]
    assert codes("--ignore", "ALL") == []


def test_an_unknown_code_on_the_command_line_is_a_usage_error(registry) -> None:
    registry(THREE)
    result = invoke("validate", "--select", "CC39")
    assert (result.exit_code, result.output) == (
        2, "claimcheck: error: unknown rule code or prefix `CC39`; did you mean CC33, CC32, CC31?\n")


def test_deselected_errors_do_not_fail(registry) -> None:
    registry(THREE)
    assert invoke("validate").exit_code == 1
    assert invoke("validate", "--ignore", "CC303").exit_code == 0
    assert invoke("validate", "--ignore", "CC303", "--strict").exit_code == 1


def test_exit_zero(registry) -> None:
    registry(THREE)
    result = invoke("validate", "--exit-zero")
    assert result.exit_code == 0 and "CC303" in result.output
    assert invoke("validate", "--exit-zero", "missing.yaml").exit_code == 2


def test_reports_go_ahead_when_the_blocking_error_is_deselected(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("says: 11/30", "says: 11/30 (40%)"))
    assert invoke("list").exit_code == 1
    result = invoke("list", "--ignore", "CC303", "--format", "json")
    assert result.exit_code == 0 and json_of(result.output, "claims")[0]["claim"] == "response"


# ------------------------------------------------------------ statistics

def test_statistics_text(registry) -> None:
    registry(THREE)
    result = invoke("validate", "--statistics")
    assert result.exit_code == 1
    assert result.output == ("1  CC209  [warning]  unused-source\n"
                             "1  CC211  [warning]  missing-design\n"
                             "1  CC303  [error]  percent-mismatch\n"
                             "Found 1 error and 2 warnings.\n")


def test_statistics_json_counts_what_ignore_lists_silenced(registry) -> None:
    registry(THREE.replace('        quote: "11 of 30 men"\n', '        quote: "11 of 30 men"\n        ignore: [CC303]\n'))
    result = invoke("validate", "--statistics", "--format", "json")
    assert result.exit_code == 0
    assert json_of(result.output, "statistics") == [
        {"code": "CC209", "name": "unused-source", "severity": "warning", "count": 1, "silenced": 0},
        {"code": "CC211", "name": "missing-design", "severity": "warning", "count": 1, "silenced": 0},
        {"code": "CC303", "name": "percent-mismatch", "severity": "error", "count": 0, "silenced": 1},
    ]
    assert invoke("validate", "--statistics").output.endswith(
        "Found 2 warnings. 1 more silenced by `ignore` lists in the registry.\n")


def test_statistics_has_no_annotation_form(registry) -> None:
    registry(THREE)
    result = invoke("validate", "--statistics", "--format", "github")
    assert (result.exit_code, result.output) == (2, "claimcheck: error: --statistics prints text or json, not github\n")
    assert invoke("validate", "--statistics", env={"GITHUB_ACTIONS": "true"}).output.startswith("1  CC209")


# ------------------------------------------------------------ ignore lists in the registry

def test_an_entry_ignore_silences_its_own_findings_only(registry) -> None:
    claim = MINIMAL_CLAIM.replace("says: 11/30", "says: 11/30 (40%)")
    registry(MINIMAL_SOURCES + claim + claim.replace("claims:\n", "").replace("id: response", "id: second")
             .replace('        quote: "11 of 30 men"\n', '        quote: "11 of 30 men"\n        ignore: [CC303]\n'))
    assert [(f["line"], f["code"]) for f in findings_of()] == [(17, "CC303")]


def test_a_claim_ignore_covers_its_entries(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("says: 11/30", "says: 11/30 (40%)")
             .replace("    evidence:", "    ignore: [CC303]\n    evidence:"))
    assert findings_of() == []
    assert invoke("validate").output == "All checks passed.\n"


def test_a_source_ignore(registry) -> None:
    registry(THREE.replace("    type: study\nclaims:", "    type: study\n    ignore: [CC211]\nclaims:"))
    assert codes() == ["CC209", "CC303"]


def test_a_silenced_error_lets_reports_run(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("says: 11/30", "says: 11/30 (40%)")
             .replace("    evidence:", "    ignore: [CC303]\n    evidence:"))
    assert invoke("conflicts").exit_code == 0


def test_ignore_lists_work_in_items_that_fail_the_schema(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("    evidence:", "    ignore: [CC202]\n    colour: red\n"
                                                                        "    evidence:"))
    assert findings_of() == []


@pytest.mark.parametrize("value, code, message", [
    ("[cc303]", "CC205", "`ignore` item `1` must be a rule code such as CC303; got the text `cc303`"),
    ("CC303", "CC203", "`ignore` must be a list; got the text `CC303`"),
])
def test_a_malformed_ignore_list_is_a_schema_finding(registry, value: str, code: str, message: str) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("    evidence:", f"    ignore: {value}\n    evidence:"))
    (finding,) = findings_of()
    assert (finding["code"], finding["message"]) == (code, message)
