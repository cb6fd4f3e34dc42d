"""Never report a comparison that was not made: the `not-comparable` verdict, and `RR` read as a rate ratio.

One study's `rate ratio 0.83 (95% CI 0.75-0.93)` reported elsewhere as `RR 0.70` used to be judged
"agree" because both say the effect goes down; only the direction had been compared.
"""

from __future__ import annotations

import json

from conftest import invoke, json_of
from test_compare_effects import SOURCES, entries, reasons, show

REPRODUCER = (("trial-a", "rate ratio 0.83 (95% CI 0.75-0.93)"), ("news-a", "RR 0.70"))
REPRODUCER_REASON = ("same study (`trial-a`), so one measurement, yet `rate ratio 0.83 (95% CI 0.75-0.93)` (IRR 0.83) "
                     "differs from `RR 0.70` (RR 0.70, read as a rate ratio)")
OR_AGAINST_HR = (("trial-a", "HR 0.83 (95% CI 0.75-0.93)"), ("news-a", "OR 0.70"))
OR_AGAINST_HR_REASON = (
    "same study (`trial-a`): `HR 0.83 (95% CI 0.75-0.93)` (HR 0.83) and `OR 0.70` (OR 0.70) are on different "
    "measures (hazard ratio vs odds ratio), so their values cannot be compared; compared by direction only: both "
    "say the effect goes down")


# ------------------------------------------------------------ the reproducer

def test_one_study_s_rate_ratio_reported_as_a_different_rr_conflicts(registry) -> None:
    registry(SOURCES + entries(*REPRODUCER))
    result = invoke("conflicts")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "effect The drug lowers the risk of stroke\n"
        "  CONFLICT: same study (`trial-a`), so one measurement, yet `rate ratio 0.83\n"
        "  (95% CI 0.75-0.93)` (IRR 0.83) differs from `RR 0.70` (RR 0.70, read as a rate\n"
        "  ratio)\n"
        "    a. trial-a says rate ratio 0.83 (95% CI 0.75-0.93)\n"
        "       \"trial-a says rate ratio 0.83 (95% CI 0.75-0.93)\"\n"
        "    b. news-a says RR 0.70\n"
        "       \"news-a says RR 0.70\"\n"
        "\n"
        "1 conflict between pairs of quotes.\n")
    assert invoke("conflicts", "--fail").exit_code == 1


def test_the_reproducer_in_json(registry) -> None:
    registry(SOURCES + entries(*REPRODUCER))
    result = invoke("conflicts", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json_of(result.output, "conflicts") == [{
        "claim": "effect", "statement": "The drug lowers the risk of stroke", "verdict": "conflict",
        "internal": False, "accepted": False, "note": None,
        "a": {"source": "trial-a", "says": "rate ratio 0.83 (95% CI 0.75-0.93)",
              "quote": "trial-a says rate ratio 0.83 (95% CI 0.75-0.93)", "line": None, "location": None,
              "evidence": 0, "entries": [{"evidence": 0, "quote": "trial-a says rate ratio 0.83 (95% CI 0.75-0.93)",
                                          "line": None, "location": None}]},
        "b": {"source": "news-a", "says": "RR 0.70", "quote": "news-a says RR 0.70", "line": None, "location": None,
              "evidence": 1, "entries": [{"evidence": 1, "quote": "news-a says RR 0.70", "line": None, "location": None}]},
        "pairs": 1,
        "reason": REPRODUCER_REASON,
    }]


def test_rr_and_a_rate_ratio_of_one_study_agree_at_the_rounding_of_both(registry) -> None:
    data = show(registry, ("trial-a", "rate ratio 0.83 (95% CI 0.75-0.93)"), ("news-a", "RR 0.8"))
    assert reasons(data) == [("agree", (
        "same study (`trial-a`), values match within rounding: `rate ratio 0.83 (95% CI 0.75-0.93)` (IRR 0.83) "
        "matches `RR 0.8` (RR 0.8, read as a rate ratio); both say the effect goes down"))]


def test_rr_is_a_risk_ratio_first(registry) -> None:
    data = show(registry, ("trial-a", "risk ratio 0.83"), ("news-a", "RR 0.70"))
    assert reasons(data) == [("conflict", (
        "same study (`trial-a`), so one measurement, yet `risk ratio 0.83` (RR 0.83) differs from `RR 0.70` "
        "(RR 0.70)"))]


def test_a_spelt_out_risk_ratio_is_never_read_as_a_rate_ratio(registry) -> None:
    data = show(registry, ("trial-a", "rate ratio 0.83 (95% CI 0.75-0.93)"), ("news-a", "risk ratio 0.70"))
    assert reasons(data) == [("not-comparable", (
        "same study (`trial-a`): `rate ratio 0.83 (95% CI 0.75-0.93)` (IRR 0.83) and `risk ratio 0.70` (RR 0.70) "
        "are on different measures (rate ratio vs risk ratio), so their values cannot be compared; compared by "
        "direction only: both say the effect goes down"))]


def test_two_studies_rr_against_a_rate_ratio_by_sampling_error(registry) -> None:
    # ln 0.83 - ln 0.70 = 0.170; SEs (ln 0.93 - ln 0.75) / 3.92 = 0.0549 and (ln 0.85 - ln 0.58) / 3.92 = 0.0975;
    # z = 0.170 / sqrt(0.0549^2 + 0.0975^2) = 1.52, p = 0.13.
    data = show(registry, ("trial-a", "rate ratio 0.83 (95% CI 0.75-0.93)"), ("trial-b", "RR 0.70 (95% CI 0.58-0.85)"))
    assert reasons(data) == [("agree", (
        "different studies (trial-a vs trial-b): `rate ratio 0.83 (95% CI 0.75-0.93)` (IRR 0.83) vs `RR 0.70 (95% CI "
        "0.58-0.85)` (RR 0.70, read as a rate ratio) are within sampling error (z = 1.52 on the log scale, "
        "p = 0.13)"))]


# ------------------------------------------------------------ not comparable

def test_an_odds_ratio_against_a_hazard_ratio_of_one_study_is_not_comparable(registry) -> None:
    data = show(registry, *OR_AGAINST_HR)
    assert reasons(data) == [("not-comparable", OR_AGAINST_HR_REASON)]
    assert data["status"] == "not-comparable"


def test_an_odds_ratio_against_a_hazard_ratio_of_two_studies_is_not_comparable(registry) -> None:
    data = show(registry, ("trial-a", "HR 0.83 (95% CI 0.75-0.93)"), ("trial-b", "OR 0.75 (95% CI 0.6-0.9)"))
    assert reasons(data) == [("not-comparable", (
        "different studies (trial-a vs trial-b): `HR 0.83 (95% CI 0.75-0.93)` (HR 0.83) and `OR 0.75 (95% CI "
        "0.6-0.9)` (OR 0.75) are on different measures (hazard ratio vs odds ratio), so their values cannot be "
        "compared; compared by direction and significance only: both say the effect goes down; both significant "
        "at 5%"))]


def test_mean_differences_in_units_that_do_not_convert_are_not_comparable(registry) -> None:
    data = show(registry, ("trial-a", "MD -2.1 mmHg"), ("news-a", "MD -0.3 kPa"))
    assert reasons(data) == [("not-comparable", (
        "same study (`trial-a`): `MD -2.1 mmHg` (MD -2.1 mmHg) and `MD -0.3 kPa` (MD -0.3 kPa) are on different "
        "measures (mean difference in mmHg vs mean difference in kPa), so their values cannot be compared; compared "
        "by direction only: both say the effect goes down"))]


def test_different_measures_in_opposite_directions_still_conflict(registry) -> None:
    data = show(registry, ("trial-a", "HR 0.83"), ("news-a", "OR 1.30"))
    assert reasons(data) == [("conflict", (
        "same study (`trial-a`), so one measurement, yet `HR 0.83` says the effect goes down and `OR 1.30` says it "
        "goes up"))]


def test_a_value_without_an_estimate_is_compared_by_what_it_says(registry) -> None:
    data = show(registry, ("trial-a", "HR 0.80 (95% CI 0.62 to 0.93)"), ("news-a", "significant"))
    assert reasons(data) == [("agree", "same study (`trial-a`), compared by significance only: both significant at 5%")]


def test_not_comparable_is_listed_but_never_fails(registry) -> None:
    registry(SOURCES + entries(*OR_AGAINST_HR))
    result = invoke("conflicts", "--fail", "--fail-on", "tension")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 not comparable between pairs of quotes.\n")
    listed = invoke("list", "--status", "not-comparable", "--format", "json")
    assert [row["claim"] for row in json_of(listed.output, "claims")] == ["effect"]
    assert json_of(invoke("list", "--status", "agree", "--format", "json").output, "claims") == []


# ------------------------------------------------------------ every format

def test_not_comparable_in_text(registry) -> None:
    registry(SOURCES + entries(*OR_AGAINST_HR))
    assert invoke("conflicts").output == (
        "effect The drug lowers the risk of stroke\n"
        "  NOT-COMPARABLE: same study (`trial-a`): `HR 0.83 (95% CI 0.75-0.93)` (HR 0.83)\n"
        "  and `OR 0.70` (OR 0.70) are on different measures (hazard ratio vs odds\n"
        "  ratio), so their values cannot be compared; compared by direction only: both\n"
        "  say the effect goes down\n"
        "    a. trial-a says HR 0.83 (95% CI 0.75-0.93)\n"
        "       \"trial-a says HR 0.83 (95% CI 0.75-0.93)\"\n"
        "    b. news-a says OR 0.70\n"
        "       \"news-a says OR 0.70\"\n"
        "\n"
        "1 not comparable between pairs of quotes.\n")
    assert invoke("list").output.endswith("1 claim: 1 not comparable.\n")


def test_not_comparable_in_colour_is_magenta(registry) -> None:
    registry(SOURCES + entries(*OR_AGAINST_HR))
    coloured = invoke("conflicts", "--color").output
    assert "\x1b[35mNOT-COMPARABLE" in coloured
    assert "\x1b[35mnot-comparable\x1b[0m" in invoke("show", "effect", "--color").output


def test_not_comparable_in_json(registry) -> None:
    registry(SOURCES + entries(*OR_AGAINST_HR))
    (row,) = json_of(invoke("conflicts", "--format", "json").output, "conflicts")
    assert (row["verdict"], row["accepted"], row["reason"]) == ("not-comparable", False, OR_AGAINST_HR_REASON)
    data = json_of(invoke("show", "effect", "--format", "json").output, "claim")
    assert (data["status"], data["not_comparable"]) == ("not-comparable", 0)
    assert [pair["verdict"] for pair in data["pairs"]] == ["not-comparable"]


def test_not_comparable_in_markdown(registry) -> None:
    registry(SOURCES + entries(*OR_AGAINST_HR))
    conflicts = invoke("conflicts", "--format", "markdown").output
    assert conflicts.startswith(
        "### effect\n\nThe drug lowers the risk of stroke\n\n"
        "- ⊘ **not-comparable**: same study (\\`trial-a\\`): \\`HR 0.83 (95% CI 0.75-0.93)\\` (HR 0.83) and \\`OR "
        "0.70\\` (OR 0.70) are on different measures (hazard ratio vs odds ratio), so their values cannot be "
        "compared; compared by direction only: both say the effect goes down\n")
    assert conflicts.endswith("**1 not comparable between pairs of quotes.**\n")
    assert "| ⊘ **not-comparable** |" in invoke("list", "--format", "markdown").output


def test_not_comparable_in_sarif_is_a_note(registry) -> None:
    registry(SOURCES + entries(*OR_AGAINST_HR))
    (run,) = json.loads(invoke("conflicts", "--format", "sarif").output)["runs"]
    rules = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in run["tool"]["driver"]["rules"]}
    assert rules == {"conflict": "error", "tension": "warning", "not-comparable": "note"}
    (result,) = run["results"]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == ("not-comparable", 2, "note")
    assert result["message"]["text"] == (
        "not-comparable in claim effect: trial-a says HR 0.83 (95% CI 0.75-0.93), news-a says OR 0.70: "
        + OR_AGAINST_HR_REASON)
    assert "suppressions" not in result


def test_not_comparable_in_github_is_a_notice(registry) -> None:
    registry(SOURCES + entries(*OR_AGAINST_HR))
    assert invoke("conflicts", "--format", "github").output == (
        "::notice file=claims.yaml,line=27,col=9,title=claimcheck not-comparable::not-comparable in claim effect: "
        "trial-a vs news-a: " + OR_AGAINST_HR_REASON.replace("%", "%25") + "\n")


def test_not_comparable_in_the_evidence_map(registry, tmp_path) -> None:
    registry(SOURCES + entries(*OR_AGAINST_HR))
    assert invoke("report", "-o", "map.html").exit_code == 0
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert '<span class="chip v-not-comparable"><span class="sym" aria-hidden="true">⊘</span> not comparable' in page
    assert ".v-not-comparable {" in page
    assert "'not-comparable': 'not comparable'" in page
    assert '"status": "not-comparable"' in page or '"status":"not-comparable"' in page


# ------------------------------------------------------------ grading

def test_a_not_comparable_pair_earns_no_consistency(registry) -> None:
    registry(SOURCES + entries(("cohort-c", "HR 0.83 (95% CI 0.75-0.93)"), ("cohort-d", "OR 0.75 (95% CI 0.6-0.9)")))
    (row,) = json_of(invoke("list", "--format", "json").output, "claims")
    assert row["reasons"] == [
        "starts low: best design cohort (cohort-c)",
        ("precise enough: cohort-d's `OR 0.75 (95% CI 0.6-0.9)` excludes no effect (1); the number of events is not "
         "known (no two-arm counts), so the optimal information size (300 events for a dichotomous outcome) is not "
         "checked"),
        "not rated up for consistency: 1 pair of values is on measures that cannot be compared",
        "= low",
    ]


def test_mean_differences_in_one_unit_spelt_two_ways_are_compared(registry) -> None:
    # A reviewer's reproducer: `mmHg` and `mm Hg` were "different measures", which hid a conflict.
    data = show(registry, ("trial-a", "MD -2 mmHg (95% CI -3 to -1)"), ("news-a", "MD -5 mm Hg (95% CI -6 to -4)"))
    assert [verdict for verdict, _reason in reasons(data)] == ["conflict"]
