"""GRADE-style grading: each rule, with the exact reasons it writes down."""

from __future__ import annotations

import textwrap

import pytest

from conftest import invoke, json_of


def source(source_id: str, kind: str = "study", design: str | None = None, cites: tuple[str, ...] = (),
           flags: tuple[str, ...] = (), peer_reviewed: bool | None = None, sample_size: int | None = None) -> str:
    lines = [f"  - id: {source_id}", f"    title: {source_id}", f"    type: {kind}"]
    if design:
        lines.append(f"    design: {design}")
    if peer_reviewed is not None:
        lines.append(f"    peer_reviewed: {'true' if peer_reviewed else 'false'}")
    if sample_size is not None:
        lines.append(f"    sample_size: {sample_size}")
    lines.append(f"    cites: [{', '.join(cites)}]")
    lines.append(f"    flags: [{', '.join(flags)}]")
    return "\n".join(lines) + "\n"


def graded(registry, sources: list[str], *entries: tuple[str, str]) -> dict:
    evidence = "".join(f"      - source: {s}\n        says: {v}\n        quote: \"q{i}\"\n"
                       for i, (s, v) in enumerate(entries))
    text = "version: 1\nsources:\n" + "".join(sources) + textwrap.dedent("""\
        claims:
          - id: the-claim
            statement: The claim
            evidence:
        """) + evidence
    registry(text)
    result = invoke("list", "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json_of(result.output, "claims")
    return {key: row[key] for key in ("grade", "reasons", "documents", "independent_studies")}


# ------------------------------------------------------------ starting levels

@pytest.mark.parametrize("design, grade", [
    ("rct", "high"), ("meta-analysis", "high"), ("systematic-review", "high"),
    ("cohort", "low"), ("case-control", "low"), ("cross-sectional", "low"),
    ("case-series", "very-low"), ("case-report", "very-low"), ("animal", "very-low"),
    ("in-vitro", "very-low"), ("expert-opinion", "very-low"),
])
def test_starting_level_by_best_design(registry, design: str, grade: str) -> None:
    kind = "review" if design in ("meta-analysis", "systematic-review") else "study"
    result = graded(registry, [source("s", kind, design)], ("s", "yes"))
    assert result["reasons"] == [f"starts {grade}: best design {design} (s)", f"= {grade}"]


def test_best_root_design_sets_the_start(registry) -> None:
    result = graded(registry, [source("weak", design="case-series"), source("strong", design="rct")],
                    ("weak", "yes"), ("strong", "yes"))
    assert result["reasons"][0] == "starts high: best design rct (strong)"


def test_no_study_at_the_root_is_no_primary_source(registry) -> None:
    result = graded(registry, [source("b", "blog")], ("b", "yes"))
    assert result["reasons"][:1] == ["starts very-low: no primary source (no registered study at the root of b)"]
    assert result["grade"] == "very-low"


# ------------------------------------------------------------ downgrades

@pytest.mark.parametrize("extra, why", [
    ({"peer_reviewed": False}, "s not peer reviewed"),
    ({"flags": ("preprint",)}, "s preprint"),
    ({"flags": ("conflict-of-interest",)}, "s conflict-of-interest"),
    ({"peer_reviewed": False, "flags": ("preprint",)}, "s not peer reviewed, preprint"),
])
def test_risk_of_bias(registry, extra: dict, why: str) -> None:
    result = graded(registry, [source("s", design="rct", **extra)], ("s", "yes"))
    assert result["reasons"] == ["starts high: best design rct (s)", f"down 1 risk of bias: {why}", "= moderate"]


def test_inconsistency_from_an_unaccepted_conflict(registry) -> None:
    result = graded(registry, [source("a", design="rct"), source("b", design="rct")], ("a", "yes"), ("b", "no"))
    assert result["reasons"] == ["starts high: best design rct (a)",
                                 "down 1 inconsistency: unaccepted conflict between a and b", "= moderate"]


def test_imprecision_from_a_small_count_shows_the_wilson_interval(registry) -> None:
    result = graded(registry, [source("s", design="rct")], ("s", "11/30"))
    assert result["reasons"] == ["starts high: best design rct (s)", "down 1 imprecision: n = 30, 95% CI 22%-54%",
                                 "= moderate"]


def test_a_large_precise_count_is_not_imprecise(registry) -> None:
    result = graded(registry, [source("s", design="rct")], ("s", "550/1000"))
    assert result["reasons"] == ["starts high: best design rct (s)", "precise enough: n = 1000, 95% CI 52%-58%",
                                 "= high"]


@pytest.mark.parametrize("count, reason", [
    ("49/99", "down 1 imprecision: n = 99, 95% CI 40%-59%"),
    ("50/100", "precise enough: n = 100, 95% CI 40%-60%"),
])
def test_the_sample_threshold_is_100(registry, count: str, reason: str) -> None:
    result = graded(registry, [source("s", design="rct")], ("s", count))
    assert result["reasons"][1] == reason


def test_imprecision_from_sample_size_without_counts(registry) -> None:
    result = graded(registry, [source("s", design="rct", sample_size=30)], ("s", "37%"))
    assert result["reasons"][1] == "down 1 imprecision: total sample 30 (s 30)"


def test_indirectness_when_every_document_is_second_hand(registry) -> None:
    result = graded(registry, [source("s", design="rct"), source("n", "news", cites=("s",))], ("n", "yes"))
    assert result["reasons"] == ["starts high: best design rct (s)", ("down 1 indirectness: known only second-hand: "
                                 "n (news)"), "= moderate"]


@pytest.mark.parametrize("flag", ["ai-generated", "commercial"])
def test_unreliable_reporting(registry, flag: str) -> None:
    result = graded(registry, [source("s", design="rct"), source("n", "news", cites=("s",), flags=(flag,))],
                    ("n", "yes"))
    assert result["reasons"][1:] == ["down 1 indirectness: known only second-hand: n (news)",
                                     f"down 1 unreliable reporting: among the only documents: n ({flag})",
                                     "= low"]


def test_a_flagged_document_beside_the_study_itself_is_not_downgraded(registry) -> None:
    result = graded(registry, [source("s", design="rct"), source("n", "news", cites=("s",), flags=("ai-generated",))],
                    ("n", "yes"), ("s", "yes"))
    assert result["reasons"] == ["starts high: best design rct (s)", "= high"]


def test_the_floor_is_very_low(registry) -> None:
    result = graded(registry, [source("s", design="case-report", peer_reviewed=False),
                               source("n", "news", cites=("s",), flags=("ai-generated",))], ("n", "1/1"))
    assert result["reasons"] == [
        "starts very-low: best design case-report (s)",
        "down 1 risk of bias: s not peer reviewed (already very-low)",
        "down 1 imprecision: n = 1, 95% CI 21%-100% (already very-low)",
        "down 1 indirectness: known only second-hand: n (news) (already very-low)",
        "down 1 unreliable reporting: among the only documents: n (ai-generated) (already very-low)",
        "= very-low",
    ]


# ------------------------------------------------------------ upgrade

def test_two_independent_agreeing_studies_rate_up(registry) -> None:
    result = graded(registry, [source("a", design="cohort"), source("b", design="cohort")], ("a", "yes"), ("b", "yes"))
    assert result["reasons"] == ["starts low: best design cohort (a)",
                                 "up 1 consistency: 2 independent studies agree (a, b)", "= moderate"]


def test_no_rate_up_when_one_conflicts(registry) -> None:
    result = graded(registry, [source("a", design="cohort"), source("b", design="cohort")], ("a", "yes"), ("b", "no"))
    assert result["grade"] == "very-low"
    assert not any(r.startswith("up 1") for r in result["reasons"])


def test_no_rate_up_when_studies_are_only_in_tension(registry) -> None:
    result = graded(registry, [source("a", design="cohort"), source("b", design="cohort")], ("a", "37%"), ("b", "54%"))
    assert result["reasons"] == ["starts low: best design cohort (a)", "= low"]


def test_the_ceiling_is_high(registry) -> None:
    result = graded(registry, [source("a", design="rct"), source("b", design="rct")], ("a", "yes"), ("b", "yes"))
    assert result["reasons"] == ["starts high: best design rct (a)",
                                 "up 1 consistency: independent studies agree (already high)", "= high"]


# ------------------------------------------------------------ provenance and retraction

def test_two_articles_repeating_one_study_are_one_study(registry) -> None:
    result = graded(registry, [source("s", design="cohort"), source("n1", "news", cites=("s",)),
                               source("n2", "news", cites=("s",))], ("n1", "yes"), ("n2", "yes"))
    assert (result["documents"], result["independent_studies"]) == (2, 1)
    assert not any(r.startswith("up 1") for r in result["reasons"])


def test_retracted_sources_are_excluded_and_named(registry) -> None:
    result = graded(registry, [source("good", design="cohort"), source("bad", design="rct", flags=("retracted",))],
                    ("good", "yes"), ("bad", "yes"))
    assert result["reasons"] == ["excluded as retracted: bad", "starts low: best design cohort (good)", "= low"]
    assert (result["documents"], result["independent_studies"]) == (1, 1)


def test_a_document_resting_on_a_retracted_study_loses_that_root(registry) -> None:
    result = graded(registry, [source("bad", design="rct", flags=("retracted",)), source("n", "news", cites=("bad",))],
                    ("n", "yes"))
    assert result["reasons"][:2] == ["excluded as retracted: bad",
                                     "starts very-low: no primary source (no registered study at the root of n)"]


def test_nothing_left_after_retraction(registry) -> None:
    result = graded(registry, [source("bad", design="rct", flags=("retracted",))], ("bad", "yes"))
    assert result["reasons"] == ["excluded as retracted: bad",
                                 "starts very-low: no evidence left once retracted sources are excluded", "= very-low"]


def test_list_filters_by_grade(registry) -> None:
    graded(registry, [source("s", design="rct")], ("s", "yes"))
    assert len(json_of(invoke("list", "--format", "json", "--min-grade", "moderate").output, "claims")) == 1
    assert json_of(invoke("list", "--format", "json", "--grade", "low").output, "claims") == []
