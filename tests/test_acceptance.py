"""`accepted` in its two forms: a claim-wide word, or the pairs whose disagreement is known.

The reproducer: a claim accepts the one conflict its note explains, and a false statement is
added later. With the pair form the new conflict is reported and `conflicts --fail` fails; with
the claim-wide form it is silenced, and CC405 says so.
"""

from __future__ import annotations

import json

import pytest

from claimcheck.registry import acceptance
from claimcheck.registry.model import Claim
from conftest import MINIMAL_SOURCES, findings_of, invoke

#: news-a contradicts itself (11/30 against "most"), which the note explains (lines 12-24).
KNOWN = """\
claims:
  - id: response
    statement: Share who responded
    ACCEPTED
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 men"
      - source: news-a
        says: most
        quote: "most men"
"""
PAIR = ("accepted:\n      - between: [news-a#1, news-a#2]\n"
        "        note: The news overstates its own 11 of 30.")
CLAIM_WIDE = "accepted: conflict\n    note: The news overstates its own 11 of 30."
#: Added later: a false statement, set against the study's own 11 of 30 (one measurement).
LATER = """\
      - source: study-a
        says: 80%
        quote: "80% of men"
"""


def _registry(registry, accepted: str, later: str = LATER):
    return registry(MINIMAL_SOURCES + KNOWN.replace("ACCEPTED", accepted) + later)


def _conflicts() -> list[dict]:
    return json.loads(invoke("conflicts", "--format", "json").output)["conflicts"]


def test_before_the_new_statement_both_forms_pass(registry) -> None:
    for accepted in (PAIR, CLAIM_WIDE):
        _registry(registry, accepted, later="")
        assert findings_of() == []
        assert invoke("conflicts", "--fail").exit_code == 0


def test_the_pair_form_reports_a_conflict_added_later(registry) -> None:
    _registry(registry, PAIR)
    assert findings_of() == []
    rows = _conflicts()
    assert [(r["a"]["evidence"], r["b"]["evidence"], r["verdict"], r["accepted"], r["note"]) for r in rows] == [
        (0, 1, "conflict", True, "The news overstates its own 11 of 30."),
        (0, 2, "conflict", False, None),
    ]
    result = invoke("conflicts", "--fail")
    assert result.exit_code == 1
    assert result.output.endswith("2 conflicts between pairs of quotes; 1 accepted.\n")


def test_the_claim_wide_form_silences_it_and_cc405_warns(registry) -> None:
    _registry(registry, CLAIM_WIDE)
    assert invoke("conflicts", "--fail").exit_code == 0
    (finding,) = findings_of()
    assert (finding["line"], finding["column"], finding["code"], finding["severity"]) == (15, 15, "CC405", "warning")
    assert finding["message"] == (
        "`accepted: conflict` covers 2 disagreeing pairs of claim `response`: `news-a#1` with `news-a#2`, "
        "`news-a#1` with `study-a`; accept each known pair instead (`accepted: [{between: [news-a#1, news-a#2], "
        "note: ...}]`), so that a disagreement added later is reported")


def test_a_source_id_names_all_its_entries(registry) -> None:
    _registry(registry, "accepted:\n      - between: [news-a, study-a]\n        note: known")
    assert findings_of() == []
    assert [(r["a"]["evidence"], r["b"]["evidence"], r["accepted"]) for r in _conflicts()] == [
        (0, 1, False), (0, 2, True)]


def test_a_pair_accepts_a_tension_too(registry) -> None:
    stances = """\
claims:
  - id: works
    statement: It works
    accepted:
      - between: [news-a, study-a]
        note: the news is not sure yet
    evidence:
      - source: news-a
        says: uncertain
        quote: "may work"
      - source: study-a
        says: yes
        quote: "it works"
"""
    registry(MINIMAL_SOURCES + stances)
    assert findings_of() == []
    assert [(r["verdict"], r["accepted"]) for r in _conflicts()] == [("tension", True)]


def test_list_marks_a_status_accepted_only_when_every_worst_pair_is(registry) -> None:
    _registry(registry, PAIR)
    (row,) = json.loads(invoke("list", "--format", "json").output)["claims"]
    assert row["accepted"] == [{"between": ["news-a#1", "news-a#2"], "note": "The news overstates its own 11 of 30."}]
    assert (row["status"], row["status_accepted"]) == ("conflict", False)
    assert "(accepted)" not in invoke("list").output
    _registry(registry, PAIR, later="")
    (row,) = json.loads(invoke("list", "--format", "json").output)["claims"]
    assert (row["status"], row["status_accepted"]) == ("conflict", True)
    assert "conflict (accepted)" in invoke("list").output


# ------------------------------------------------------------ located errors, never a traceback

@pytest.mark.parametrize("accepted, line, column, code, message", [
    ("accepted:\n      - between: [news-a#1, nwes-a]\n        note: x", 16, 29, "CC406",
     ("`accepted` pair 1 of claim `response` names `nwes-a`, but `nwes-a` has no evidence entry in this claim; "
      "did you mean `news-a`?")),
    ("accepted:\n      - between: [news-a#1, news-a#3]\n        note: x", 16, 29, "CC406",
     ("`accepted` pair 1 of claim `response` names `news-a#3`, but `news-a` has 2 evidence entries in this claim "
      "(`news-a#1` to `news-a#2`)")),
    ("accepted:\n      - between: [news-a#2, news-a#2]\n        note: x", 16, 18, "CC205",
     "`between` names `news-a#2` twice; a pair is two different entries"),
    ("accepted:\n      - between: [news-a, news-a#2]\n        note: x", 16, 18, "CC205",
     ("`between` names `news-a` on both sides; two entries of one document are named with their numbers, "
      "such as `[news-a#1, news-a#2]`")),
    ("accepted:\n      - between: [news-a#1]\n        note: x", 16, 18, "CC205",
     "`between` must name two entries, such as `[news, blog#2]`; it names 1"),
    ("accepted:\n      - between: [news-a#1, news-a#0]\n        note: x", 16, 29, "CC205",
     ("`between` item `2` must be a source id, or a source id and `#N` for its Nth evidence entry in this claim, "
      "such as `blog#2`; got the text `news-a#0`")),
    ("accepted:\n      - between: news-a#1\n        note: x", 16, 18, "CC203",
     "`between` must be a list; got the text `news-a#1`"),
    ("accepted:\n      - betwen: [news-a#1, news-a#2]\n        note: x", 16, 9, "CC202",
     "unknown field `betwen` in accepted pair 1 of claim `response`; did you mean `between`?"),
    ("accepted:\n      - note: x", 16, 9, "CC201",
     "accepted pair 1 of claim `response` is missing required field `between`"),
    ("accepted: []", 15, 15, "CC203", "`accepted` must have at least 1 entry"),
    ("accepted: {between: [news-a#1, news-a#2]}", 15, 15, "CC203", "`accepted` must be a list; got a mapping"),
    ("accepted: conflicts", 15, 15, "CC204",
     "`accepted` must be one of: conflict, tension; got the text `conflicts` (did you mean `conflict`?)"),
])
def test_a_malformed_pair_is_a_located_error(registry, accepted: str, line: int, column: int, code: str,
                                              message: str) -> None:
    _registry(registry, accepted, later="")
    found = [f for f in findings_of() if f["severity"] == "error"]
    assert [(f["line"], f["column"], f["code"], f["message"]) for f in found] == [(line, column, code, message)]
    result = invoke("conflicts", "--fail")
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_pairs_written_without_between_are_an_error_at_each(registry) -> None:
    _registry(registry, "accepted: [news-a#1, news-a#2]", later="")
    assert [(f["line"], f["column"], f["code"], f["message"]) for f in findings_of()] == [
        (15, 16, "CC203", "`accepted` item `1` must be a mapping; got the text `news-a#1`"),
        (15, 26, "CC203", "`accepted` item `2` must be a mapping; got the text `news-a#2`"),
    ]


# ------------------------------------------------------------ the module

def _claim(*sources: str) -> Claim:
    return Claim.model_validate({"id": "c", "statement": "s", "evidence": [
        {"source": source, "says": "1", "quote": "q"} for source in sources]})


def test_references_count_entries_per_source_from_one() -> None:
    claim = _claim("a", "b", "a", "b", "a")
    assert acceptance.named_entries(claim, "a") == {0, 2, 4}
    assert acceptance.named_entries(claim, "a#2") == {2}
    assert acceptance.named_entries(claim, "b#2") == {3}
    assert acceptance.named_entries(claim, "b#3") == frozenset()
    assert acceptance.named_entries(claim, "c") == frozenset()
    assert acceptance.reference(claim, [2]) == "a#2"
    assert acceptance.reference(claim, [1, 3]) == "b"


def test_covers_either_way_round() -> None:
    sides = (frozenset({0}), frozenset({1, 3}))
    assert acceptance.covers(sides, [0], [3]) and acceptance.covers(sides, [3], [0])
    assert not acceptance.covers(sides, [1], [3])
    assert not acceptance.covers(sides, [0], [2])


SUPERSEDED = """\
version: 1
sources:
  - id: trial-preprint
    title: P
    type: preprint
    design: rct
    sample_size: 400
  - id: trial-article
    title: A
    type: study
    design: rct
    sample_size: 400
    supersedes: [trial-preprint]
claims:
  - id: deaths
    statement: The drug lowers deaths
    accepted: conflict
    note: The preprint's figure was revised.
    evidence:
      - source: trial-preprint
        says: RR 0.5 (95% CI 0.4 to 0.6)
        quote: "a"
      - source: trial-article
        says: RR 0.8 (95% CI 0.7 to 0.9)
        quote: "b"
"""


def test_a_claim_wide_conflict_acceptance_still_covers_a_tension_and_is_not_stale(registry) -> None:
    # A reviewer's reproducer: `supersedes` turns the conflict into a tension, which `accepted: conflict`
    # still covers; so no CC401 "remove `accepted`", whose advice would make `--fail-on tension` fail.
    registry(SUPERSEDED)
    assert [f["code"] for f in findings_of()] == []
    assert invoke("conflicts", "--fail", "--fail-on", "tension").exit_code == 0


def test_an_accepted_pair_that_is_only_not_comparable_is_stale(registry) -> None:
    # `accepted` never applies to a pair that is not comparable: such a pair acknowledges nothing.
    registry(SUPERSEDED.replace("RR 0.5 (95% CI 0.4 to 0.6)", "OR 0.5 (95% CI 0.4 to 0.6)")
             .replace("RR 0.8 (95% CI 0.7 to 0.9)", "HR 0.8 (95% CI 0.7 to 0.9)").replace("    supersedes: [trial-preprint]\n", "")
             .replace("    accepted: conflict\n", "    accepted:\n      - between: [trial-preprint, trial-article]\n        note: x\n"))
    assert [f["code"] for f in findings_of()] == ["CC401"]
