"""The faster paths give the same output as the straightforward ones."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimcheck import formats
from claimcheck.formats.base import Output
from claimcheck.judge.compare import compare_registry
from claimcheck.judge.grading import grade_registry
from claimcheck.validate.run import validate_file
from claimcheck.views.report import Report, conflict_rows, show_data
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
