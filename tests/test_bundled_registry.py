"""The bundled registry, claims.yaml: valid, grounded, and reporting what a careful reader finds."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from claimcheck.registry.index import QuoteMiss
from claimcheck.registry.quotes import QuoteMatch
from claimcheck.validate.run import validate_file
from conftest import ROOT, invoke, json_of

REGISTRY = ROOT / "claims.yaml"


@pytest.fixture(scope="module")
def validation():  # type: ignore[no-untyped-def]
    return validate_file(REGISTRY)


KEYS = {"conflicts": "conflicts", "list": "claims", "sources": "sources"}


def run_json(*args: str) -> list[dict]:
    result = invoke(*args, "--format", "json", str(REGISTRY))
    assert result.exit_code == 0, result.output
    return json_of(result.output, KEYS[args[0]])


def test_the_corpus_is_kept_byte_for_byte() -> None:
    sums = (ROOT / "sources" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) == 5
    for line in sums:
        digest, name = line.split()
        assert hashlib.sha256((ROOT / "sources" / name).read_bytes()).hexdigest() == digest, name


def test_it_validates_with_no_finding_at_all(validation) -> None:  # type: ignore[no-untyped-def]
    assert [f"{f.code} {f.position.line}: {f.message}" for f in validation.findings] == []


def test_every_quote_is_found_in_its_document(validation) -> None:  # type: ignore[no-untyped-def]
    index = validation.index
    documents = {s.id for s in index.registry.sources if s.path}
    quoted = [key for key, _claim, evidence in index.evidence() if evidence.source in documents]
    assert len(quoted) > 100
    misses = [key for key in quoted if isinstance(index.grounding.get(key), QuoteMiss)]
    assert misses == []
    assert all(isinstance(index.grounding[key], QuoteMatch) for key in quoted)


def test_a_changed_quote_fails_validation(tmp_path: Path) -> None:
    text = REGISTRY.read_text(encoding="utf-8").replace("11 out of 30 men (37%)", "11 out of 30 men (38%)")
    (tmp_path / "claims.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    result = invoke("validate", "--format", "json", str(tmp_path / "claims.yaml"))
    assert result.exit_code == 1
    assert [f["code"] for f in json_of(result.output, "findings")] == ["CC101"]


def test_the_disagreements_a_careful_reader_finds() -> None:
    rows = run_json("conflicts")
    found = {(r["claim"], r["verdict"], r["internal"], r["accepted"]) for r in rows}
    assert found == {
        # "works for most guys" against 11 of 30 (37%): across documents and within the blog
        ("overall-motile-sperm", "conflict", False, True),
        ("overall-motile-sperm", "conflict", True, True),
        # opposite advice on use outside trials
        ("use-outside-trials", "conflict", False, True),
        # settled in the blog, unknown or preliminary in the news summary
        ("paternal-exposure-safe-for-child", "tension", False, False),
        ("study-is-conclusive", "tension", False, False),
    }


def test_no_false_disagreements() -> None:
    rows = {r["claim"]: r for r in run_json("list")}
    # 30-year career against over 20 years of experience
    assert rows["author-years-of-experience"]["status"] == "single-source"
    # the trial's dose and the case report's are different claims, each consistent
    assert rows["trial-daily-dose"]["status"] == rows["case-report-daily-dose"]["status"] == "single-source"
    # 3-6 months, at least 3-6 months and up to 9 months agree
    assert rows["noa-treatment-duration"]["status"] == "single-source"
    # the overall response and the maturation-arrest subgroup are different populations
    assert rows["response-maturation-arrest"]["status"] == "single-source"
    # two articles repeating the study's 30 men agree
    assert rows["study-sample-size"]["status"] == "agree"


def test_conflicts_fail_passes_because_real_conflicts_are_accepted_with_notes() -> None:
    assert invoke("conflicts", "--fail", str(REGISTRY)).exit_code == 0
    assert invoke("conflicts", "--fail", "--fail-on", "tension", str(REGISTRY)).exit_code == 1


def test_grades_and_their_reasons() -> None:
    rows = {r["claim"]: r for r in run_json("list")}
    assert rows["overall-motile-sperm"]["reasons"] == [
        "starts low: best design cohort (jessup-2025)",
        "down 1 imprecision: n = 30, 95% CI 22%-54%",
        ("down 1 indirectness: known only second-hand: aksoy-blog-2025 (blog), news-isotretinoin-infertility "
        "(news) (already very-low)"),
        ("down 1 unreliable reporting: among the only documents: aksoy-blog-2025 (commercial), "
        "news-isotretinoin-infertility (ai-generated) (already very-low)"),
        "= very-low",
    ]
    assert (rows["overall-motile-sperm"]["documents"], rows["overall-motile-sperm"]["independent_studies"]) == (2, 1)
    assert rows["author-years-of-experience"]["reasons"][0] == (
        "starts very-low: no primary source (no registered study at the root of aksoy-blog-2025)")
    # Every claim of these five web articles is very-low: second-hand reports of one small study at best.
    assert {row["grade"] for row in rows.values()} == {"very-low"}


def test_sources_report() -> None:
    rows = {r["source"]: r for r in run_json("sources")}
    assert rows["aksoy-blog-2025"]["quotes_found"] is True
    assert rows["jessup-2025"]["quotes_found"] is None
    assert (rows["jessup-2025"]["claims"], rows["jessup-2025"]["claims_resting_on_it"]) == (0, 9)
    assert rows["news-isotretinoin-infertility"]["roots"] == ["jessup-2025"]
