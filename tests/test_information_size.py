"""Imprecision for every kind of value: the interval against no effect, and GRADE's optimal information size.

GRADE's rules of thumb (docs/grading.md): fewer than 300 events for a dichotomous outcome, fewer than 400
participants for a continuous one, is rated down. Each rule is pinned with its exact reason, at its boundary.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, invoke
from test_grading import graded, source

EXAMPLE = str(ROOT / "examples" / "halvorex" / "claims.yaml")
START = "starts high: best design rct (s)"
CONTINUOUS = "the 400 participants of the optimal information size for a continuous outcome"
DICHOTOMOUS = "the 300 events of the optimal information size for a dichotomous outcome"


# ------------------------------------------------------------ continuous: 400 participants

@pytest.mark.parametrize("n, reason, grade", [
    (25, f"down 1 imprecision: 25 participants (`M = 3.48, SD = 1.19, n = 25`) are fewer than {CONTINUOUS}",
     "moderate"),
    (399, f"down 1 imprecision: 399 participants (`M = 3.48, SD = 1.19, n = 399`) are fewer than {CONTINUOUS}",
     "moderate"),
    (400, f"precise enough: 400 participants (`M = 3.48, SD = 1.19, n = 400`) reach {CONTINUOUS}", "high"),
])
def test_a_mean_is_short_of_the_information_size_below_400_participants(registry, n: int, reason: str,
                                                                         grade: str) -> None:
    result = graded(registry, [source("s", design="rct", sample_size=6425)], ("s", f"M = 3.48, SD = 1.19, n = {n}"))
    # The mean's own n wins over the study's sample_size: a substudy of 25 is not a trial of 6,425.
    assert result["reasons"] == [START, reason, f"= {grade}"]


def test_a_mean_difference_takes_participants_from_sample_size(registry) -> None:
    result = graded(registry, [source("s", design="rct", sample_size=250)], ("s", "MD -2.1 mmHg (95% CI -3.0 to -1.2)"))
    assert result["reasons"][1] == (f"down 1 imprecision: s's `MD -2.1 mmHg (95% CI -3.0 to -1.2)` excludes no effect "
                                    f"(0), but 250 participants (sample_size of s) are fewer than {CONTINUOUS}")


def test_without_participants_the_information_size_is_not_checked_and_says_so(registry) -> None:
    result = graded(registry, [source("s", design="rct")], ("s", "M = 3.48, SD = 1.19"))
    assert result["reasons"] == [START, (
        "imprecision not judged: the number of participants is not known (no n, degrees of freedom or sample_size), "
        "so the optimal information size (400 participants for a continuous outcome) is not checked"), "= high"]


# ------------------------------------------------------------ dichotomous: 300 events

@pytest.mark.parametrize("counts, reason, grade", [
    # By hand: RR 0.1/0.199 = 0.503, SE of ln RR sqrt(1/100 - 1/1000 + 1/199 - 1/1000) = 0.1141,
    # so 95% CI exp(-0.688 -+ 0.224) = 0.40 to 0.63; events 100 + 199 = 299.
    ("100/1000 vs 199/1000", ("down 1 imprecision: s's crude RR 0.503 (95% CI 0.40 to 0.63) from `100/1000 vs "
     f"199/1000` excludes no effect (1), but 299 events (`100/1000 vs 199/1000`) are fewer than {DICHOTOMOUS}"),
     "moderate"),
    ("100/1000 vs 200/1000", ("precise enough: s's crude RR 0.5 (95% CI 0.40 to 0.63) from `100/1000 vs 200/1000` "
     f"excludes no effect (1), and 300 events (`100/1000 vs 200/1000`) reach {DICHOTOMOUS}"), "high"),
])
def test_two_arm_counts_are_short_of_the_information_size_below_300_events(registry, counts: str, reason: str,
                                                                           grade: str) -> None:
    result = graded(registry, [source("s", design="rct")], ("s", counts))
    assert result["reasons"] == [START, reason, f"= {grade}"]


def test_events_are_summed_over_the_pooled_studies(registry) -> None:
    result = graded(registry, [source("a", design="rct"), source("b", design="rct")],
                    ("a", "482/2104 vs 1110/4321"), ("b", "41/300 vs 52/300"))
    assert result["reasons"][1] == (
        "precise enough: pooled RR 0.89 (95% CI 0.81 to 0.97) excludes no effect (1), and 1,685 events (a 1,592, "
        f"b 93) reach {DICHOTOMOUS}")


def test_fewer_than_300_participants_hold_fewer_than_300_events(registry) -> None:
    result = graded(registry, [source("s", design="rct", sample_size=250)], ("s", "RR 0.50 (95% CI 0.30 to 0.83)"))
    assert result["reasons"][1] == (f"down 1 imprecision: s's `RR 0.50 (95% CI 0.30 to 0.83)` excludes no effect (1), "
                                    f"but 250 participants (sample_size of s) hold fewer than {DICHOTOMOUS}")


@pytest.mark.parametrize("sample_size, known", [
    (None, ""),
    (6425, "6,425 participants (sample_size of s), but "),
])
def test_events_not_known_are_said_not_guessed(registry, sample_size: int | None, known: str) -> None:
    result = graded(registry, [source("s", design="rct", sample_size=sample_size)],
                    ("s", "RR 0.50 (95% CI 0.30 to 0.83)"))
    assert result["reasons"] == [START, (
        f"precise enough: s's `RR 0.50 (95% CI 0.30 to 0.83)` excludes no effect (1); {known}the number of events is "
        "not known (no two-arm counts), so the optimal information size (300 events for a dichotomous outcome) is "
        "not checked"), "= high"]


def test_a_relative_change_with_an_interval_is_a_ratio(registry) -> None:
    # VE 95% (95% CI 90.3-97.6) is a ratio of 0.05 (0.024 to 0.097), not its logarithm.
    result = graded(registry, [source("s", design="rct", sample_size=40000)], ("s", "VE 95% (95% CI 90.3-97.6)"))
    assert result["reasons"][1] == (
        "precise enough: s's `VE 95% (95% CI 90.3-97.6)` excludes no effect (1); 40,000 participants (sample_size of "
        "s), but the number of events is not known (no two-arm counts), so the optimal information size (300 events "
        "for a dichotomous outcome) is not checked")
    (row,) = json.loads(invoke("sof", "--format", "json").output)["summary_of_findings"]
    assert row["relative"]["shown"] == "ratio 0.05 (95% CI 0.02 to 0.10)"


# ------------------------------------------------------------ test statistics: participants from df or N

@pytest.mark.parametrize("says, reason, grade", [
    ("t(28) = 2.20, p = .04", ("down 1 imprecision: `t(28) = 2.20, p = .04` is significant at 5% (p = .04): its 95% "
     "interval excludes no effect, but 30 participants (t(28): 28 degrees of freedom + 2) are fewer than "
     f"{CONTINUOUS}"), "moderate"),
    ("t(398) = 2.20, p = .03", ("precise enough: `t(398) = 2.20, p = .03` is significant at 5% (p = .03): its 95% "
     f"interval excludes no effect, and 400 participants (t(398): 398 degrees of freedom + 2) reach {CONTINUOUS}"),
     "high"),
    ("t(998) = 1.20, p = .23", ("down 1 imprecision: `t(998) = 1.20, p = .23` is not significant at 5% (p = .23): its "
     f"95% interval includes no effect; 1,000 participants (t(998): 998 degrees of freedom + 2) reach {CONTINUOUS}"),
     "moderate"),
    ("F(2, 57) = 3.30, p = .04", ("down 1 imprecision: `F(2, 57) = 3.30, p = .04` is significant at 5% (p = .04): its "
     "95% interval excludes no effect, but 60 participants (F(2, 57): 2 + 57 degrees of freedom + 1) are fewer "
     f"than {CONTINUOUS}"), "moderate"),
    ("chi2(1, N = 80) = 4.20, p = .04", ("down 1 imprecision: `chi2(1, N = 80) = 4.20, p = .04` is significant at 5% "
     f"(p = .04): its 95% interval excludes no effect, but 80 participants (N = 80 of the chi2 test) hold fewer than "
     f"{DICHOTOMOUS}"), "moderate"),
])
def test_a_test_statistic_gives_its_participants(registry, says: str, reason: str, grade: str) -> None:
    result = graded(registry, [source("s", design="rct", sample_size=6425)], ("s", says))
    assert result["reasons"] == [START, reason, f"= {grade}"]


def test_a_fractional_df_gives_no_participants(registry) -> None:
    # Welch's df is below n1 + n2 - 2 by an unknown amount: the study's sample_size is used instead.
    result = graded(registry, [source("s", design="rct", sample_size=250)], ("s", "t(27.3) = 2.5, p = .02"))
    assert result["reasons"][1] == ("down 1 imprecision: `t(27.3) = 2.5, p = .02` is significant at 5% (p = .02): its "
                                    "95% interval excludes no effect, but 250 participants (sample_size of s) are "
                                    f"fewer than {CONTINUOUS}")


@pytest.mark.parametrize("sample_size, reason", [
    (250, ("down 1 imprecision: `p = 0.03` is significant at 5%: its 95% interval excludes no effect, but 250 "
          "participants (sample_size of s) fall short of the optimal information size (300 events for a dichotomous "
          "outcome, 400 participants for a continuous one) whatever the kind of outcome")),
    (350, ("precise enough: `p = 0.03` is significant at 5%: its 95% interval excludes no effect; 350 participants "
          "(sample_size of s), but the values do not say whether the outcome is dichotomous or continuous, so the "
          "optimal information size (300 events for a dichotomous outcome, 400 participants for a continuous one) is "
          "not checked")),
])
def test_a_p_value_alone_is_short_only_below_both_rules(registry, sample_size: int, reason: str) -> None:
    result = graded(registry, [source("s", design="rct", sample_size=sample_size)], ("s", "p = 0.03"))
    assert result["reasons"][1] == reason


# ------------------------------------------------------------ the worked example

def test_the_worked_examples_small_studies_are_not_high_certainty() -> None:
    claims = {row["claim"]: row for row in json.loads(invoke("list", EXAMPLE, "--format", "json").output)["claims"]}
    assert claims["pilot-blood-pressure"]["grade"] == "moderate"
    assert claims["pilot-blood-pressure"]["reasons"] == [
        "starts high: best design rct (halo-1-report)",
        ("down 1 imprecision: `t(28) = 2.20, p = .04` is significant at 5% (p = .04): its 95% interval excludes no "
         f"effect, but 30 participants (t(28): 28 degrees of freedom + 2) are fewer than {CONTINUOUS}"),
        "= moderate",
    ]
    assert claims["quality-of-life"]["reasons"] == [
        "starts high: best design rct (halo-1-report)",
        f"down 1 imprecision: 25 participants (`M = 3.48, SD = 1.19, n = 25`) are fewer than {CONTINUOUS}",
        "= moderate",
    ]
    # HALO-1 and HALO-0 together: 482 + 1110 + 41 + 52 = 1,685 events, above 300.
    assert claims["stroke-risk"]["grade"] == "high"
    assert claims["stroke-risk"]["reasons"][1] == (
        "precise enough: pooled RR 0.89 (95% CI 0.81 to 0.97) excludes no effect (1), and 1,685 events (halo-0 93, "
        f"halo-1-report 1,592) reach {DICHOTOMOUS}")


def test_the_summary_of_findings_shows_the_small_studies_participants_and_why_they_are_rated_down() -> None:
    rows = {row["claim"]: row for row in json.loads(invoke("sof", EXAMPLE, "--format", "json").output)["summary_of_findings"]}
    assert [(rows[c]["participants_shown"], rows[c]["certainty_shown"]) for c in ("quality-of-life", "pilot-blood-pressure")] == [
        ("25 (1 study)", "⊕⊕⊕◯ Moderate"), ("30 (1 study)", "⊕⊕⊕◯ Moderate")]
    assert rows["pilot-blood-pressure"]["footnotes"] == [
        ("Down 1 imprecision: `t(28) = 2.20, p = .04` is significant at 5% (p = .04): its 95% interval excludes no "
        f"effect, but 30 participants (t(28): 28 degrees of freedom + 2) are fewer than {CONTINUOUS}")]
