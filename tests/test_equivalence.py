"""The faster paths give the same output as the straightforward ones."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimcheck import formats
from claimcheck.compare import compare_registry
from claimcheck.formats.base import Output
from claimcheck.grading import grade_registry
from claimcheck.index import _parse_once
from claimcheck.validate import validate_file
from claimcheck.values import Value, ValueSyntaxError, parse
from claimcheck.views import Report, conflict_rows, show_data
from conftest import ROOT, invoke, json_of

sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 300)
    return folder / "claims.yaml"


@pytest.mark.parametrize("claim", ["claim-0", "claim-17", "claim-150", "claim-299"])
def test_show_compares_one_claim_yet_shows_what_comparing_all_would(generated: Path, claim: str) -> None:
    validation = validate_file(generated)
    assert validation.index is not None
    comparisons = compare_registry(validation.index)
    report = Report(validation.index, comparisons, validation)
    comparison = report.comparison(claim)
    assert comparison is not None
    expected = json.loads(json.dumps(show_data(report, comparison)))
    assert json_of(invoke("show", claim, str(generated), "--format", "json").stdout, "claim") == expected


def test_the_bundled_registry_shows_every_claim_as_before() -> None:
    registry = ROOT / "claims.yaml"
    validation = validate_file(registry)
    assert validation.index is not None
    comparisons = compare_registry(validation.index)
    report = Report(validation.index, comparisons, validation)
    for comparison in comparisons:
        shown = json_of(invoke("show", comparison.claim.id, str(registry), "--format", "json").stdout, "claim")
        assert shown == json.loads(json.dumps(show_data(report, comparison)))


@pytest.mark.parametrize("name", [info.name for info in formats.FORMATS if formats.CONFLICTS in info.views])
def test_conflicts_prints_without_grading_a_claim(generated: Path, name: str) -> None:
    """Grades cost a third of `conflicts` on a large registry and no conflicts output shows one."""
    validation = validate_file(generated)
    assert validation.index is not None
    report = Report(validation.index, compare_registry(validation.index), validation)
    rows = conflict_rows(report)
    assert rows
    formats.get(name).conflicts(report, rows, Output(io.StringIO(), color=False))
    assert "grades" not in vars(report)


def test_the_grades_are_worked_out_once_when_first_asked_for(generated: Path) -> None:
    validation = validate_file(generated)
    assert validation.index is not None
    comparisons = compare_registry(validation.index)
    report = Report(validation.index, comparisons, validation)
    assert report.grades is report.grades
    assert report.grades == grade_registry(validation.index, comparisons)


def test_a_says_repeated_by_many_entries_is_parsed_once_to_the_same_value(generated: Path) -> None:
    validation = validate_file(generated)
    index = validation.index
    assert index is not None
    for key, _claim, evidence in index.evidence():
        try:
            expected: object = parse(evidence.says)
        except ValueSyntaxError as error:
            expected = str(error)
        assert (index.values[key] if key in index.values else str(index.value_errors[key])) == expected
    repeated = [key for key, _claim, evidence in index.evidence() if evidence.says == "yes"]
    assert len({id(index.values[key]) for key in repeated}) == 1


def test_numbers_and_booleans_that_compare_equal_keep_their_own_values() -> None:
    """YAML's `yes` is True and True == 1, yet `says: yes` is a stance and `says: 1` a number."""
    assert _parse_once(True, {}) != _parse_once(1, {})
    parsed: dict[str, Value | ValueSyntaxError] = {}
    assert _parse_once(1, parsed) == parse(1) and _parse_once(True, parsed) == parse(True) and parsed == {}
