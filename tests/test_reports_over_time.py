"""One study reported over time (issue 22): the source types users register, risk of bias, `supersedes`."""

from __future__ import annotations

import pytest

from conftest import findings_of, invoke
from test_grading import graded, source


def with_field(text: str, line: str) -> str:
    """A source of `test_grading.source` with one more field."""
    return text.replace("    cites:", f"    {line}\n    cites:", 1)


# ------------------------------------------------------------ source types


@pytest.mark.parametrize("kind", ["press-release", "commentary"])
def test_a_press_release_or_a_commentary_is_not_a_study(registry, kind: str) -> None:
    result = graded(registry, [source("s", design="rct"), source("p", kind, cites=("s",))], ("p", "yes"))
    assert result["reasons"] == ["starts high: best design rct (s)",
                                 f"down 1 indirectness: known only second-hand: p ({kind})", "= moderate"]
    alone = graded(registry, [source("p", kind)], ("p", "yes"))
    assert alone["reasons"][0] == "starts very-low: no primary source (no registered study at the root of p)"


def test_a_preprint_is_a_study_rated_down_for_risk_of_bias(registry) -> None:
    result = graded(registry, [source("pre", "preprint", design="rct")], ("pre", "yes"))
    assert result["reasons"] == ["starts high: best design rct (pre)", "down 1 risk of bias: pre preprint",
                                 "= moderate"]


def test_an_erratum_is_a_type_of_its_own(registry) -> None:
    registry("version: 1\nsources:\n" + source("e", "erratum") + "claims: []\n")
    assert invoke("validate", "claims.yaml").output == (
        "claims.yaml:3:9: CC209 [warning] source `e` is not quoted by any claim nor cited by a source that is "
        "(unused-source)\nFound 1 warning.\n")


# ------------------------------------------------------------ risk of bias


@pytest.mark.parametrize("judgement, reasons", [
    ("high", ["starts high: best design rct (s)", "down 1 risk of bias: s high risk of bias (RoB 2)", "= moderate"]),
    ("some-concerns", ["starts high: best design rct (s)", "= high"]),
    ("low", ["starts high: best design rct (s)", "= high"]),
])
def test_a_study_judged_at_high_risk_of_bias_is_rated_down(registry, judgement: str, reasons: list[str]) -> None:
    study = with_field(source("s", design="rct"), f"risk_of_bias: {judgement}")
    assert graded(registry, [study], ("s", "yes"))["reasons"] == reasons


def test_risk_of_bias_takes_the_rob_2_words(registry) -> None:
    registry("version: 1\nsources:\n" + with_field(source("s", design="rct"), "risk_of_bias: medium")
             + "claims: []\n")
    output = invoke("validate", "claims.yaml", "--select", "CC204").output
    assert output.splitlines()[0] == (
        "claims.yaml:7:19: CC204 [error] `risk_of_bias` must be one of: low, some-concerns, high; got the text "
        "`medium` (invalid-choice)")


# ------------------------------------------------------------ supersedes

OVER_TIME = """\
version: 1
sources:
  - id: preprint
    title: The trial, preprint
    type: preprint
    design: rct
    nct: NCT01234567
  - id: article
    title: The trial, journal article
    type: study
    design: rct
    nct: NCT01234567
    {supersedes}
  - id: news
    title: News of the preprint
    type: news
    cites: [preprint]
claims:
  - id: deaths
    statement: The drug lowers deaths
    evidence:
      - source: preprint
        says: RR 0.80 (95% CI 0.70-0.91)
        quote: "preprint says RR 0.80"
      - source: article
        says: RR 0.83 (95% CI 0.75-0.93)
        quote: "article says RR 0.83"
      - source: news
        says: reduced deaths by 20%
        quote: "news says cut deaths by 20%"
"""


def _show(claim: str) -> dict:
    import json

    return json.loads(invoke("show", claim, "--format", "json").output)["claim"]


def test_a_later_report_that_revises_a_figure_is_a_tension_naming_both(registry) -> None:
    registry(OVER_TIME.format(supersedes="supersedes: [preprint]"))
    assert invoke("validate", "claims.yaml").output == "All checks passed.\n"
    claim = _show("deaths")
    assert [(pair["verdict"], pair["reason"]) for pair in claim["pairs"]] == [
        ("tension", ("a later report of the same study, `article`, gives `RR 0.83 (95% CI 0.75-0.93)` where "
                    "`preprint` gave `RR 0.80 (95% CI 0.70-0.91)`; same study (`article`), so one measurement, yet "
                    "`RR 0.80 (95% CI 0.70-0.91)` (RR 0.80) differs from `RR 0.83 (95% CI 0.75-0.93)` (RR 0.83)")),
        ("agree", ("same study (`article`), values match within rounding: `RR 0.80 (95% CI 0.70-0.91)` (RR 0.80) "
                  "lies within `reduced deaths by 20%` (a ratio of (0.795, 0.805]); both say the effect goes down")),
        ("tension", ("a later report of the same study, `article`, gives `RR 0.83 (95% CI 0.75-0.93)` where `news` "
                    "(reporting `preprint`) gave `reduced deaths by 20%`; same study (`article`), so one "
                    "measurement, yet `RR 0.83 (95% CI 0.75-0.93)` (RR 0.83) lies outside `reduced deaths by 20%` "
                    "(a ratio of (0.795, 0.805])")),
    ]
    # The study is counted once, as its peer-reviewed report: no preprint downgrade.
    assert claim["grade"] == "high"
    assert claim["reasons"][0] == "starts high: best design rct (article)"


def test_without_supersedes_the_two_reports_are_two_studies_and_a_warning_says_so(registry) -> None:
    registry(OVER_TIME.format(supersedes=""))
    assert invoke("validate", "claims.yaml").output == (
        "claims.yaml:12:10: CC215 [warning] `preprint` and `article` have the same nct NCT01234567, so they report "
        "one study; say which `supersedes` the other (a journal article its preprint), or that one `cites` the "
        "other (see line 7, column 10) (same-study-unlinked)\n"
        "Found 1 warning.\n")


def test_an_unknown_superseded_report_is_cc207(registry) -> None:
    registry(OVER_TIME.format(supersedes="supersedes: [preprnt]"))
    assert invoke("validate", "claims.yaml", "--select", "CC207").output == (
        "claims.yaml:13:18: CC207 [error] source `article` supersedes `preprnt`, which is not a registered source; "
        "did you mean `preprint`? (unknown-source)\nFound 1 error.\n")


def test_an_erratum_rests_on_what_it_corrects(registry) -> None:
    erratum = """\
  - id: erratum
    title: Correction to the article
    type: erratum
    supersedes: [article]
"""
    entry = """\
      - source: erratum
        says: RR 0.86 (95% CI 0.77-0.96)
        quote: "erratum says RR 0.86"
"""
    registry(OVER_TIME.format(supersedes="supersedes: [preprint]").replace("claims:\n", erratum + "claims:\n")
             + entry)
    assert invoke("validate", "claims.yaml").output == "All checks passed.\n"
    claim = _show("deaths")
    reasons = {(pair["a_says"], pair["b_says"]): (pair["verdict"], pair["reason"]) for pair in claim["pairs"]}
    assert reasons[("RR 0.83 (95% CI 0.75-0.93)", "RR 0.86 (95% CI 0.77-0.96)")] == ("tension", (
        "a later report of the same study, `erratum`, gives `RR 0.86 (95% CI 0.77-0.96)` where `article` gave "
        "`RR 0.83 (95% CI 0.75-0.93)`; same study (`article`), so one measurement, yet `RR 0.83 (95% CI 0.75-0.93)` "
        "(RR 0.83) differs from `RR 0.86 (95% CI 0.77-0.96)` (RR 0.86)"))
    # The study keeps its article's design: an erratum has none.
    assert claim["reasons"][0] == "starts high: best design rct (article)"


def test_a_loop_of_supersedes_is_reported_as_one(registry) -> None:
    # A reviewer's reproducer: two reports superseding each other gave no finding and a wrong grade.
    registry("version: 1\nsources:\n"
             "  - id: a\n    title: A\n    type: study\n    design: rct\n    sample_size: 200\n    supersedes: [b]\n"
             "  - id: b\n    title: B\n    type: preprint\n    design: rct\n    sample_size: 200\n    supersedes: [a]\n"
             "claims:\n  - id: c\n    statement: S\n    evidence:\n"
             "      - source: a\n        says: RR 0.8 (95% CI 0.7 to 0.9)\n        quote: q\n")
    assert [(f["line"], f["code"], f["message"]) for f in findings_of()] == [
        (8, "CC208", "`supersedes` forms a cycle: a -> b -> a; a report cannot be later than itself")]
