"""A small-size run of the benchmark code (benchmarks/): what it generates is what it says; no timings."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from claimcheck.registry.quotes import QuoteMatch
from claimcheck.validate.run import validate_file
from conftest import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks import pathological, run
from benchmarks.generate import VALUE_KINDS, generate


def test_a_generated_registry_is_valid_with_every_quote_found(tmp_path: Path) -> None:
    planted = generate(tmp_path, 200)
    validation = validate_file(tmp_path / "claims.yaml")
    assert validation.errors == []
    assert validation.index is not None
    assert len(validation.index.grounding) == planted.entries == sum(len(c.evidence) for c in
                                                                     validation.index.registry.claims)
    assert all(isinstance(g, QuoteMatch) for g in validation.index.grounding.values())
    assert set(planted.kinds) == {kind[0] for kind in VALUE_KINDS}


def test_planted_errors_are_found(tmp_path: Path) -> None:
    planted = generate(tmp_path, 100, errors=3)
    codes = Counter(f.code for f in validate_file(tmp_path / "claims.yaml").errors)
    assert codes == {"CC101": planted.missing_quotes, "CC303": planted.percent_mismatches,
                     "CC207": planted.unknown_sources} == {"CC101": 3, "CC303": 3, "CC207": 3}


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 50)
    generate(tmp_path / "b", 50)
    assert (tmp_path / "a" / "claims.yaml").read_bytes() == (tmp_path / "b" / "claims.yaml").read_bytes()


def test_the_runner_times_every_command_against_the_floor(tmp_path: Path) -> None:
    lines: list[str] = []
    rows = run.size_rows(40, tmp_path, repeat=1, report=lines.append)
    assert [row.label for row in rows][:4] == ["0k `validate`", "0k `conflicts`", "0k `list --format json`",
                                               "0k `show`"]
    for row in rows:
        assert len(row.runs) == len(row.floor_runs) == 1
        assert all(r.exit_code == 0 and r.peak_mb > 0 for r in row.runs + row.floor_runs), row
        assert row.markdown().startswith(f"| {row.label} |")
    assert lines[1] == run.HEADER


def test_pathological_inputs_at_a_small_size(tmp_path: Path) -> None:
    pathological.missing_quotes(tmp_path / "quotes", size=20_000, misses=5)
    errors = validate_file(tmp_path / "quotes" / "claims.yaml").errors
    assert [f.code for f in errors] == ["CC101"] * 5
    assert all("closest passage" in f.message for f in errors)
    pathological.many_entries(tmp_path / "stances", entries=20, kind="stance")
    assert validate_file(tmp_path / "stances" / "claims.yaml").errors == []


def test_a_long_pdf_of_the_documents_benchmark_is_valid_with_its_quote_on_the_last_page(tmp_path: Path) -> None:
    from benchmarks.documents import generate as generate_documents

    generate_documents(tmp_path, 1, pages=6)
    assert validate_file(tmp_path / "text" / "claims.yaml").errors == []
    validation = validate_file(tmp_path / "pdf" / "claims.yaml")
    assert validation.errors == [] and validation.index is not None
    [match] = validation.index.grounding.values()
    assert isinstance(match, QuoteMatch)
    assert validation.index.texts["paper-0"].location(match.line).startswith("p. 6, line ")


def test_the_start_up_comparison_takes_each_commits_sources(tmp_path: Path) -> None:
    from benchmarks.startup_vs import checkout

    assert (checkout("HEAD", tmp_path / "a") / "claimcheck" / "registry" / "limits.py").is_file()
