"""The faster paths give the same output as the straightforward ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claimcheck.compare import compare_registry
from claimcheck.grading import grade_registry
from claimcheck.validate import validate_file
from claimcheck.views import Report, show_data
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
    report = Report(validation.index, comparisons, grade_registry(validation.index, comparisons), validation)
    comparison = report.comparison(claim)
    assert comparison is not None
    expected = json.loads(json.dumps(show_data(report, comparison)))
    assert json_of(invoke("show", claim, str(generated), "--format", "json").stdout, "claim") == expected


def test_the_bundled_registry_shows_every_claim_as_before() -> None:
    registry = ROOT / "claims.yaml"
    validation = validate_file(registry)
    assert validation.index is not None
    comparisons = compare_registry(validation.index)
    report = Report(validation.index, comparisons, grade_registry(validation.index, comparisons), validation)
    for comparison in comparisons:
        shown = json_of(invoke("show", comparison.claim.id, str(registry), "--format", "json").stdout, "claim")
        assert shown == json.loads(json.dumps(show_data(report, comparison)))
