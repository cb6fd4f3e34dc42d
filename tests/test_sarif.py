"""SARIF 2.1.0 output: valid against the official schema, shaped as GitHub code scanning reads it."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from claimcheck import DOCS_URL, __version__
from claimcheck.findings.rule_docs import github_anchor
from claimcheck.findings.rules import RULES
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, ROOT, invoke

SCHEMA_FILE = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
CONFLICTING = MINIMAL_CLAIM + '      - source: study-a\n        says: most\n        quote: "most men"\n'


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif(*args: str) -> dict[str, Any]:
    result = invoke(*args, "--format", "sarif")
    assert result.exit_code in (0, 1), result.output
    log: dict[str, Any] = json.loads(result.output)
    return log


def assert_valid(validator: jsonschema.Draft4Validator, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_the_schema_is_the_official_one_unchanged() -> None:
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256


def test_the_schema_rejects_what_it_should(validator: jsonschema.Draft4Validator) -> None:
    # The validator really checks: a result without a message, a level outside the enum.
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal"}]}]}
    assert {e.validator for e in validator.iter_errors(log)} >= {"required", "enum"}


def test_validate_findings_are_valid_sarif(registry, validator: jsonschema.Draft4Validator) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("says: 11/30", "says: 31/30")
             + MINIMAL_CLAIM.replace("claims:\n", ""))
    log = sarif("validate")
    assert_valid(validator, log)
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}}
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["CC304"] == {
        "ruleId": "CC304", "ruleIndex": list(RULES).index("CC304"), "level": "error",
        "message": {"text": "`31/30`: k = 31 is more than n = 30"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "claims.yaml", "uriBaseId": "%SRCROOT%"},
                                            "region": {"startLine": 17, "startColumn": 15}}}],
    }
    duplicate = results["CC206"]
    assert duplicate["locations"][0]["physicalLocation"]["region"] == {"startLine": 19, "startColumn": 9}
    assert duplicate["relatedLocations"] == [{
        "id": 1, "physicalLocation": {"artifactLocation": {"uri": "claims.yaml", "uriBaseId": "%SRCROOT%"},
                                      "region": {"startLine": 13, "startColumn": 9}},
        "message": {"text": "also concerned: line 13, column 9"}}]


def test_the_driver_lists_every_rule_with_its_documentation(registry, validator) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM)
    log = sarif("validate")
    assert_valid(validator, log)
    assert log["runs"][0]["results"] == []
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("claimcheck", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    headings = {github_anchor(m) for m in re.findall(r"^## (.+)$", (ROOT / "docs" / "rules.md").read_text(), re.MULTILINE)}
    for descriptor, rule in zip(driver["rules"], RULES.values()):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"] == {"text": rule.summary}
        assert descriptor["fullDescription"]["text"].startswith(rule.summary)
        assert descriptor["help"]["markdown"].startswith(f"## {rule.code} {rule.name}")
        assert descriptor["defaultConfiguration"] == {"level": rule.severity.value}
        page, anchor = descriptor["helpUri"].split("#")
        assert page == f"{DOCS_URL}/rules.md" and anchor in headings


def test_conflicts_are_results_at_the_evidence_with_the_verdict_as_rule(registry, validator) -> None:
    registry(MINIMAL_SOURCES + CONFLICTING)
    log = sarif("conflicts")
    assert_valid(validator, log)
    (run,) = log["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["conflict", "tension", "not-comparable"]
    docs = (ROOT / "docs" / "sarif.md").read_text(encoding="utf-8")
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["helpUri"] == f"{DOCS_URL}/sarif.md#{rule['id']}"
        assert f"\n### {rule['id']}\n" in docs
    (result,) = run["results"]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == ("conflict", 0, "error")
    assert result["message"]["text"].startswith("conflict in claim response: news-a says 11/30, study-a says most: "
                                                "same study")
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 16, "startColumn": 9}
    assert result["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 19, "startColumn": 9}
    assert "suppressions" not in result


def test_an_accepted_conflict_is_a_suppressed_result(registry, validator) -> None:
    registry(MINIMAL_SOURCES + CONFLICTING.replace("    evidence:", "    accepted: conflict\n    note: known\n"
                                                                     "    evidence:"))
    log = sarif("conflicts")
    assert_valid(validator, log)
    (result,) = log["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "justification": "known"}]


def test_the_bundled_registry_as_sarif(validator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for command in ("validate", "conflicts"):
        log = sarif(command)
        assert_valid(validator, log)
    tensions = [r for r in log["runs"][0]["results"] if r["ruleId"] == "tension"]
    assert tensions and all(r["level"] == "warning" for r in tensions)


def test_file_names_are_uri_encoded(registry, validator) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("says: 11/30", "says: 31/30"), name="my claims, 100%.yaml")
    log = sarif("validate", "my claims, 100%.yaml")
    assert_valid(validator, log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "my%20claims%2C%20100%25.yaml", "uriBaseId": "%SRCROOT%"}


def test_a_registry_outside_the_working_directory_has_an_absolute_uri(registry, tmp_path, monkeypatch,
                                                                       validator) -> None:
    path = registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("says: 11/30", "says: 31/30"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    log = sarif("validate", str(path))
    assert_valid(validator, log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": path.as_uri()}
