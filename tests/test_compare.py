"""Agreement and conflict: each verdict rule with its exact reason."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from claimcheck.judge import compare
from claimcheck.judge.compare import ClaimComparison, CompareSettings, PairVerdict, compare_claim, compare_registry
from claimcheck.validate.run import validate_bytes, validate_file
from conftest import MINIMAL_SOURCES, invoke, json_of

SOURCES = MINIMAL_SOURCES + """\
  - id: study-b
    title: Study B
    type: study
    design: cohort
  - id: blog-a
    title: Blog reporting study A
    type: blog
    cites: [study-a]
  - id: news-b
    title: News reporting study B
    type: news
    cites: [study-b]
  - id: opinion
    title: An opinion piece citing nothing
    type: blog
"""


def claim_yaml(*entries: tuple[str, str], accepted: str | None = None) -> str:
    lines = ["claims:", "  - id: the-claim", "    statement: The claim"]
    if accepted:
        lines += [f"    accepted: {accepted}", "    note: Known and explained."]
    lines.append("    evidence:")
    for number, (source, says) in enumerate(entries):
        lines += [f"      - source: {source}", f"        says: {says}", f'        quote: "quote {number}"']
    return "\n".join(lines) + "\n"


def pairs(registry, *entries: tuple[str, str], accepted: str | None = None) -> list[dict]:
    registry(SOURCES + claim_yaml(*entries, accepted=accepted))
    result = invoke("conflicts", "--all", "--format", "json")
    assert result.exit_code == 0, result.output
    return [{"verdict": r["verdict"], "reason": r["reason"], "internal": r["internal"], "accepted": r["accepted"]}
            for r in json_of(result.output, "conflicts")]


def verdict(registry, a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str]:
    (pair,) = pairs(registry, a, b)
    return pair["verdict"], pair["reason"]


# ------------------------------------------------------------ one measurement

def test_count_and_percentage_of_one_study_agree(registry) -> None:
    assert verdict(registry, ("news-a", "11/30"), ("blog-a", "37%")) == (
        "agree", ("same study (`study-a`), values match within rounding: `11/30` (36.67%) lies within "
                 "`37%` ([36.5, 37.5)%)"))


def test_most_against_a_minority_count_conflicts(registry) -> None:
    assert verdict(registry, ("news-a", "11/30"), ("blog-a", "most")) == (
        "conflict", ("same study (`study-a`), so one measurement, yet `11/30` (36.67%) lies outside `most` "
                    "((50, 100]%)"))


def test_two_articles_repeating_one_study_must_match_within_rounding(registry) -> None:
    assert verdict(registry, ("news-a", "11/30"), ("blog-a", "12/30")) == (
        "conflict", "same study (`study-a`), so one measurement, yet `11/30` (36.67%) differs from `12/30` (40%)")


def test_a_bound_and_a_value_in_it_agree(registry) -> None:
    assert verdict(registry, ("news-a", "over 20 years"), ("blog-a", "30 years"))[0] == "agree"


def test_a_bound_and_a_value_outside_it_conflict(registry) -> None:
    assert verdict(registry, ("news-a", "<10%"), ("blog-a", "12%")) == (
        "conflict", ("same study (`study-a`), so one measurement, yet `<10%` ([0, 10)%) and `12%` "
                    "([11.5, 12.5)%) do not overlap"))


def test_a_range_and_an_upper_bound_agree(registry) -> None:
    assert verdict(registry, ("news-a", "3-6 months"), ("blog-a", "up to 9 months")) == (
        "agree", ("same study (`study-a`), values match within rounding: `3-6 months` ([76.1, 197.86) days) "
                 "and `up to 9 months` ([0, 273.96] days) overlap"))


def test_units_are_converted_before_comparing(registry) -> None:
    assert verdict(registry, ("news-a", "12 weeks"), ("blog-a", "3 months")) == (
        "agree", ("same study (`study-a`), values match within rounding: `12 weeks` ([80.5, 87.5) days) "
                 "and `3 months` ([76.1, 106.54) days) overlap"))


def test_doses_convert_mass_and_time(registry) -> None:
    assert verdict(registry, ("news-a", "40 mg/day"), ("blog-a", "280 mg/week"))[0] == "agree"
    assert verdict(registry, ("news-a", "0.04 g/day"), ("blog-a", "10 mg/day"))[0] == "conflict"


# ------------------------------------------------------------ two samples

def test_two_studies_counts_within_sampling_error_agree(registry) -> None:
    assert verdict(registry, ("news-a", "11/30"), ("news-b", "13/30")) == (
        "agree", ("different studies (study-a vs study-b): 11/30 vs 13/30 are within sampling error "
                 "(Fisher's exact p = 0.79)"))


def test_two_studies_counts_beyond_sampling_error_conflict(registry) -> None:
    assert verdict(registry, ("news-a", "11/30"), ("news-b", "25/30")) == (
        "conflict", ("different studies (study-a vs study-b): 11/30 vs 25/30 differ beyond sampling error "
                    "(Fisher's exact p = 0.00048 < 0.05)"))


def test_two_studies_without_counts_and_disjoint_values_are_in_tension(registry) -> None:
    assert verdict(registry, ("news-a", "37%"), ("news-b", "54%")) == (
        "tension", ("different studies (study-a vs study-b): `37%` ([36.5, 37.5)%) and `54%` ([53.5, 54.5)%) do "
                   "not overlap; without counts for both, sampling error cannot be judged"))


def test_a_document_citing_nothing_is_its_own_root(registry) -> None:
    assert verdict(registry, ("news-a", "11/30"), ("opinion", "most"))[1].startswith(
        "different studies (study-a vs opinion)")


# ------------------------------------------------------------ stances

@pytest.mark.parametrize("a, b, expected", [
    ("yes", "yes", ("agree", "both say yes")),
    ("yes", "no", ("conflict", "`news-a` says yes, `news-b` says no")),
    ("no", "yes", ("conflict", "`news-b` says yes, `news-a` says no")),
    ("uncertain", "yes", ("tension", "`news-b` states as settled (yes) what `news-a` calls uncertain")),
    ("no", "uncertain", ("tension", "`news-a` states as settled (no) what `news-b` calls uncertain")),
    ("uncertain", "uncertain", ("agree", "both say uncertain")),
])
def test_stances(registry, a: str, b: str, expected: tuple[str, str]) -> None:
    assert verdict(registry, ("news-a", a), ("news-b", b)) == expected


# ------------------------------------------------------------ internal

def test_a_document_contradicting_itself_is_an_internal_conflict(registry) -> None:
    (pair,) = pairs(registry, ("blog-a", "11/30"), ("blog-a", "most"))
    assert pair == {"verdict": "conflict", "internal": True, "accepted": False,
                    "reason": "internal: `blog-a` contradicts itself: `11/30` (36.67%) lies outside `most` "
                              "((50, 100]%)"}


def test_consistent_statements_of_one_document_agree(registry) -> None:
    (pair,) = pairs(registry, ("blog-a", "30 years"), ("blog-a", "over 20 years"))
    assert (pair["verdict"], pair["internal"]) == ("agree", True)


# ------------------------------------------------------------ status

def claim_status(registry, *entries: tuple[str, str], accepted: str | None = None) -> str:
    registry(SOURCES + claim_yaml(*entries, accepted=accepted))
    result = invoke("list", "--format", "json")
    assert result.exit_code == 0, result.output
    return json_of(result.output, "claims")[0]["status"]


def test_status_is_the_worst_verdict(registry) -> None:
    assert claim_status(registry, ("news-a", "11/30"), ("blog-a", "37%"), ("news-b", "54%")) == "tension"
    assert claim_status(registry, ("news-a", "11/30"), ("blog-a", "most"), ("news-b", "54%")) == "conflict"


def test_one_document_is_single_source(registry) -> None:
    assert claim_status(registry, ("blog-a", "37%"), ("blog-a", "11/30")) == "single-source"


def test_one_document_contradicting_itself_is_a_conflict_not_single_source(registry) -> None:
    assert claim_status(registry, ("blog-a", "37%"), ("blog-a", "most")) == "conflict"


# ------------------------------------------------------------ accepted and --fail

def test_accepted_conflict_is_marked_and_does_not_fail(registry) -> None:
    (pair,) = pairs(registry, ("news-a", "yes"), ("news-b", "no"), accepted="conflict")
    assert pair["accepted"] is True
    assert invoke("conflicts", "--fail").exit_code == 0


def test_unaccepted_conflict_fails_only_with_fail(registry) -> None:
    registry(SOURCES + claim_yaml(("news-a", "yes"), ("news-b", "no")))
    assert invoke("conflicts").exit_code == 0
    assert invoke("conflicts", "--fail").exit_code == 1


def test_tension_fails_only_with_fail_on_tension(registry) -> None:
    registry(SOURCES + claim_yaml(("news-a", "yes"), ("news-b", "uncertain")))
    assert invoke("conflicts", "--fail").exit_code == 0
    assert invoke("conflicts", "--fail", "--fail-on", "tension").exit_code == 1


def test_accepting_a_tension_does_not_accept_a_conflict(registry) -> None:
    registry(SOURCES + claim_yaml(("news-a", "yes"), ("news-b", "no"), ("opinion", "uncertain"),
                                  accepted="tension"))
    rows = json_of(invoke("conflicts", "--format", "json").output, "conflicts")
    assert {(r["verdict"], r["accepted"]) for r in rows} == {("conflict", False), ("tension", True)}
    assert invoke("conflicts", "--fail").exit_code == 1


# ------------------------------------------------------------ scale

def test_hundreds_of_entries_are_grouped_by_value(registry, tmp_path: Path) -> None:
    entries = [("news-a", "11/30")] * 200 + [("blog-a", "37%")] * 200 + [("news-b", "11/30")] * 200
    registry(SOURCES + claim_yaml(*entries))
    validation = validate_file(tmp_path / "claims.yaml")
    assert validation.index is not None
    (comparison,) = compare_registry(validation.index)
    # 600 entries, but three groups (one per document and value): three comparisons.
    assert len(comparison.groups) == 3 and len(comparison.pairs) == 3
    assert comparison.status == "agree"


# ------------------------------------------------------------ crowded claims

def _crowded_registry(says: list[str]) -> str:
    sources = "".join(f"  - id: s{i}\n    title: S{i}\n    type: study\n    design: cohort\n" for i in range(len(says)))
    entries = "".join(f"      - source: s{i}\n        says: \"{value}\"\n        quote: q{i}\n"
                      for i, value in enumerate(says))
    return f"version: 1\nsources:\n{sources}claims:\n  - id: c\n    statement: S\n    evidence:\n{entries}"


def _comparison(says: list[str], tmp_path: Path) -> ClaimComparison:
    validation = validate_bytes(_crowded_registry(says).encode(), tmp_path, "claims.yaml")
    assert validation.index is not None and not validation.errors
    return compare_claim(validation.index, 0, validation.index.registry.claims[0])


@pytest.mark.parametrize("says", [
    ["yes", "no", "yes", "uncertain", "no", "yes", "yes", "no", "uncertain", "yes", "no"],
    ["yes"] * 6 + ["no"] * 5,
    ["no", "uncertain", "uncertain", "yes", "yes", "yes", "no", "no", "no", "no"],
    ["30%", "31%", "about 30%", "10%", "30%", "50%", "12/40", "60%", "29%", "31%"],
])
def test_a_crowded_claim_lists_the_first_pairs_and_counts_the_rest(
        says: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _comparison(says, tmp_path)
    monkeypatch.setattr(compare, "MAX_LISTED_PAIRS", 7)
    crowded = _comparison(says, tmp_path)
    verdicts = Counter(pair.verdict for pair in whole.pairs)
    listed = Counter(pair.verdict for pair in crowded.pairs)
    assert len(crowded.pairs) == 7
    assert listed + Counter(crowded.unlisted) == verdicts
    assert crowded.status == whole.status
    disagreeing = [p for p in whole.pairs if p.verdict != "agree"]
    expected = disagreeing[:7] + [p for p in whole.pairs if p.verdict == "agree"][:7 - len(disagreeing[:7])]
    assert set(map(_key, crowded.pairs)) == set(map(_key, expected))
    assert [_key(p) for p in crowded.pairs] == [_key(p) for p in whole.pairs if _key(p) in set(map(_key, expected))]
    for verdict in ("agree", "tension", "conflict"):
        assert crowded.has_verdict(verdict) == whole.has_verdict(verdict)  # type: ignore[arg-type]


MIXED_PROVENANCE = """\
version: 1
sources:
  - {id: s0, title: S0, type: study, design: cohort}
  - {id: s1, title: S1, type: study, design: cohort}
  - {id: n0, title: N0, type: news, cites: [s0]}
  - {id: n1, title: N1, type: news, cites: [s0]}
claims:
  - id: c
    statement: S
    evidence:
      - {source: s0, says: "30%", quote: q}
      - {source: n0, says: "31%", quote: q}
      - {source: n0, says: "about 30%", quote: q}
      - {source: n0, says: "50%", quote: q}
      - {source: n1, says: "12/40", quote: q}
      - {source: s1, says: "60%", quote: q}
      - {source: s1, says: "10/40", quote: q}
      - {source: s0, says: "11/30", quote: q}
      - {source: s1, says: "between 25% and 35%", quote: q}
"""


@pytest.mark.parametrize("listed", [1, 4, 12, 35])
def test_a_crowded_claim_words_the_pairs_it_lists_as_a_claim_of_any_size_would(
        listed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One document, one study and different studies, with and without counts: decided alike, worded alike.

    (A crowded claim screens its counts by a normal approximation first, so the claim of any size does too.)
    """
    validation = validate_bytes(MIXED_PROVENANCE.encode(), tmp_path, "claims.yaml")
    assert validation.index is not None and not validation.errors
    whole = compare_claim(validation.index, 0, validation.index.registry.claims[0], CompareSettings(screen=True))
    monkeypatch.setattr(compare, "MAX_LISTED_PAIRS", listed)
    crowded = compare_claim(validation.index, 0, validation.index.registry.claims[0])
    assert {"agree", "tension", "conflict"} <= {pair.verdict for pair in whole.pairs}
    assert {pair.internal for pair in whole.pairs} == {True, False}
    assert Counter(p.verdict for p in crowded.pairs) + Counter(crowded.unlisted) == Counter(
        p.verdict for p in whole.pairs)
    assert set(crowded.pairs) <= set(whole.pairs)  # the same verdict, reason, and flags, pair by pair
    assert crowded.status == whole.status


def _key(pair: PairVerdict) -> tuple[str, str, str, str]:
    return (pair.a.source, pair.b.source, pair.verdict, pair.reason)


def test_conflicts_says_which_pairs_of_a_crowded_claim_are_not_listed(
        registry, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(compare, "MAX_LISTED_PAIRS", 3)
    registry(_crowded_registry(["yes", "no", "yes", "no"]))
    result = invoke("conflicts", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ("claimcheck: claim `c` has 6 pairs to compare; 3 are listed (disagreeing ones first), "
                             "the rest only counted: 2 agree, 1 conflict\n")
    assert len(json_of(result.stdout, "conflicts")) == 3
