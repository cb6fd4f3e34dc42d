"""Verdicts, pooling and grading for the effect forms (issue 12), each rule pinned with its reason."""

from __future__ import annotations

import json
import math

import pytest

from conftest import ROOT, invoke

SOURCES = """\
version: 1
sources:
  - id: trial-a
    title: Trial A
    type: study
    design: rct
  - id: trial-b
    title: Trial B
    type: study
    design: rct
  - id: cohort-c
    title: Cohort C
    type: study
    design: cohort
  - id: cohort-d
    title: Cohort D
    type: study
    design: cohort
  - id: news-a
    title: News about trial A
    type: news
    cites: [trial-a]
claims:
  - id: effect
    statement: The drug lowers the risk of stroke
    evidence:
"""


def entries(*pairs: tuple[str, str]) -> str:
    return "".join(f"      - source: {source}\n        says: {says}\n        quote: \"{source} says {says}\"\n"
                   for source, says in pairs)


def show(registry, *pairs: tuple[str, str]) -> dict:
    registry(SOURCES + entries(*pairs))
    result = invoke("show", "effect", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["claim"]


def reasons(data: dict) -> list[tuple[str, str]]:
    return [(pair["verdict"], pair["reason"]) for pair in data["pairs"]]


# ------------------------------------------------------------ one measurement

def test_counts_and_the_crude_ratio_of_one_study_agree_within_rounding(registry) -> None:
    data = show(registry, ("trial-a", "482/2104 vs 1110/4321"), ("news-a", "RR 0.89 (95% CI 0.81 to 0.98)"))
    assert reasons(data) == [("agree", (
        "same study (`trial-a`), values match within rounding: `482/2104 vs 1110/4321` (crude RR 0.892) matches "
        "`RR 0.89 (95% CI 0.81 to 0.98)` (RR 0.89); both say the effect goes down; both significant at 5%"))]


def test_one_study_reported_with_two_different_ratios_conflicts(registry) -> None:
    data = show(registry, ("trial-a", "RR 0.89 (95% CI 0.81 to 0.98)"), ("news-a", "RR 0.79"))
    assert reasons(data) == [("conflict", (
        "same study (`trial-a`), so one measurement, yet `RR 0.89 (95% CI 0.81 to 0.98)` (RR 0.89) differs from "
        "`RR 0.79` (RR 0.79)"))]


def test_a_change_in_words_is_held_to_the_ratio_at_its_precision(registry) -> None:
    data = show(registry, ("trial-a", "RR 0.89 (95% CI 0.81 to 0.98)"), ("news-a", "cut strokes by a third"),
                ("news-a", "11% fewer strokes"))
    verdicts = reasons(data)
    assert verdicts[0] == ("conflict", (
        "same study (`trial-a`), so one measurement, yet `RR 0.89 (95% CI 0.81 to 0.98)` (RR 0.89) lies outside "
        "`cut strokes by a third` (a ratio of [0.6167, 0.7167])"))
    assert verdicts[1] == ("agree", (
        "same study (`trial-a`), values match within rounding: `RR 0.89 (95% CI 0.81 to 0.98)` (RR 0.89) lies "
        "within `11% fewer strokes` (a ratio of (0.885, 0.895]); both say the effect goes down"))


def test_opposite_directions_of_one_measurement_conflict(registry) -> None:
    data = show(registry, ("trial-a", "HR 0.71"), ("news-a", "increased the risk by 20%"))
    assert reasons(data) == [("conflict", (
        "same study (`trial-a`), so one measurement, yet `HR 0.71` (HR 0.71) lies outside `increased the risk by "
        "20%` (a ratio of [1.195, 1.205))"))]
    data = show(registry, ("trial-a", "OR 0.71"), ("news-a", "increased"))
    assert reasons(data) == [("conflict", (
        "same study (`trial-a`), so one measurement, yet `OR 0.71` (OR 0.71) lies outside `increased` (a ratio of "
        "(1, inf))"))]


def test_significance_of_one_measurement_must_agree(registry) -> None:
    data = show(registry, ("trial-a", "HR 0.80 (95% CI 0.62 to 1.03)"), ("news-a", "significant"))
    assert reasons(data) == [("conflict", (
        "same study (`trial-a`), so one measurement, yet `significant` is significant at 5% (significant) and "
        "`HR 0.80 (95% CI 0.62 to 1.03)` is not (its 95% CI 0.62 to 1.03 includes 1)"))]


def test_an_adjusted_estimate_is_not_held_to_equal_a_crude_one(registry) -> None:
    data = show(registry, ("trial-a", "482/2104 vs 1110/4321"), ("news-a", "aRR 0.80 (95% CI 0.72 to 0.89)"))
    assert reasons(data) == [("agree", (
        "same study (`trial-a`): `aRR 0.80 (95% CI 0.72 to 0.89)` (adjusted RR 0.80) is adjusted and `482/2104 vs "
        "1110/4321` (crude RR 0.892) crude, so their values are not held equal (they differ, as adjustment can "
        "make them); compared by direction and significance only: both say the effect goes down; both significant at 5%"))]


def test_one_document_contradicting_itself_is_an_internal_conflict(registry) -> None:
    data = show(registry, ("trial-a", "RR 0.89"), ("trial-a", "RR 0.69"))
    assert data["pairs"][0]["internal"] is True
    assert reasons(data) == [("conflict", (
        "one document (`trial-a`), so one measurement, yet `RR 0.89` (RR 0.89) differs from `RR 0.69` (RR 0.69)"))]


def test_values_with_nothing_to_compare_get_no_verdict_and_are_counted(registry) -> None:
    data = show(registry, ("trial-a", "NNT 25"), ("news-a", "p = 0.04"))
    assert (data["pairs"], data["not_comparable"]) == ([], 1)
    assert "not rated up for consistency" not in " ".join(data["reasons"])  # one study: no upgrade to consider


# ------------------------------------------------------------ different studies

def test_two_studies_ratios_within_sampling_error_agree(registry) -> None:
    # d = ln 0.89 - ln 0.95 = -0.0652; SEs (ln 0.98 - ln 0.81) / 3.92 = 0.0486 and (ln 1.13 - ln 0.80) / 3.92 =
    # 0.0881; z = -0.0652 / sqrt(0.0486^2 + 0.0881^2) = -0.65, p = 0.52.
    data = show(registry, ("trial-a", "RR 0.89 (95% CI 0.81 to 0.98)"), ("trial-b", "RR 0.95 (95% CI 0.80 to 1.13)"))
    assert reasons(data) == [("agree", (
        "different studies (trial-a vs trial-b): `RR 0.89 (95% CI 0.81 to 0.98)` (RR 0.89) vs `RR 0.95 (95% CI 0.80 "
        "to 1.13)` (RR 0.95) are within sampling error (z = -0.65 on the log scale, p = 0.52)"))]


def test_two_studies_ratios_beyond_sampling_error_conflict(registry) -> None:
    # Altman and Bland's test: (ln 0.89 - ln 1.21) / sqrt(0.0486^2 + 0.0862^2) = -3.10, p = 0.0019.
    data = show(registry, ("trial-a", "RR 0.89 (95% CI 0.81 to 0.98)"), ("trial-b", "RR 1.21 (95% CI 1.02 to 1.43)"))
    assert reasons(data) == [("conflict", (
        "different studies (trial-a vs trial-b): `RR 0.89 (95% CI 0.81 to 0.98)` (RR 0.89) vs `RR 1.21 (95% CI 1.02 "
        "to 1.43)` (RR 1.21) differ beyond sampling error (z = -3.10 on the log scale, p = 0.0019 < 0.05)"))]


def test_two_studies_counts_go_through_the_test_of_their_log_ratios(registry) -> None:
    data = show(registry, ("trial-a", "482/2104 vs 1110/4321"), ("trial-b", "41/300 vs 52/300"))
    assert reasons(data) == [("agree", (
        "different studies (trial-a vs trial-b): `482/2104 vs 1110/4321` (crude RR 0.892) vs `41/300 vs 52/300` "
        "(crude RR 0.788) are within sampling error (z = 0.62 on the log scale, p = 0.53)"))]


def test_two_studies_opposite_directions_without_standard_errors_are_a_tension(registry) -> None:
    data = show(registry, ("trial-a", "reduced by 20%"), ("trial-b", "increased by 10%"))
    assert reasons(data) == [("tension", (
        "different studies (trial-a vs trial-b): `reduced by 20%` says the effect goes down and `increased by 10%` "
        "says it goes up; without a standard error for both, sampling error cannot be judged"))]


def test_one_study_significant_and_another_not_is_no_contradiction(registry) -> None:
    data = show(registry, ("trial-a", "significant"), ("trial-b", "not significant"))
    assert reasons(data) == [("agree", (
        "different studies (trial-a vs trial-b): `significant` is significant at 5% (significant) and `not "
        "significant` is not (not significant), which studies of different sizes can be without contradicting each "
        "other"))]


def test_means_of_two_studies_by_welch_s_t_test(registry, ) -> None:
    # scipy.stats.ttest_ind_from_stats(5.1, 1.2, 40, 4.2, 1.5, 35, equal_var=False): t = 2.842, p = 0.00598;
    # Welch-Satterthwaite df = 64.98.
    registry(SOURCES.replace("effect", "score") + entries(("trial-a", "M = 5.1, SD = 1.2, n = 40"),
                                                          ("trial-b", "M = 4.2, SD = 1.5, n = 35")))
    data = json.loads(invoke("show", "score", "--format", "json").output)["claim"]
    assert reasons(data) == [("conflict", (
        "different studies (trial-a vs trial-b): `M = 5.1, SD = 1.2, n = 40` and `M = 4.2, SD = 1.5, n = 35` differ "
        "beyond sampling error (Welch's t = 2.84 on 65.0 df, p = 0.006 < 0.05)"))]


# ------------------------------------------------------------------- pooling

BCG = [  # metafor's dat.bcg: the 13 trials of the BCG vaccine against tuberculosis (Colditz et al. 1994)
    ("aronson-1948", 4, 119, 11, 128), ("ferguson-simes-1949", 6, 300, 29, 274), ("rosenthal-1960", 3, 228, 11, 209),
    ("hart-sutherland-1977", 62, 13536, 248, 12619), ("frimodt-moller-1973", 33, 5036, 47, 5761),
    ("stein-aronson-1953", 180, 1361, 372, 1079), ("vandiviere-1973", 8, 2537, 10, 619),
    ("tpt-madras-1980", 505, 87886, 499, 87892), ("coetzee-berjak-1968", 29, 7470, 45, 7232),
    ("rosenthal-1961", 17, 1699, 65, 1600), ("comstock-1974", 186, 50448, 141, 27197),
    ("comstock-webster-1969", 5, 2493, 3, 2338), ("comstock-1976", 27, 16886, 29, 17825),
]


def test_the_bcg_trials_pool_to_metafor_s_figures_end_to_end(registry) -> None:
    # metafor: rma(ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg, measure="RR", method="DL"):
    # estimate -0.7141 (RR 0.4896), 95% CI -1.0644 to -0.3638, tau^2 0.3088, I^2 92.12%, Q(12) = 152.2330.
    lines = ["version: 1", "sources:"]
    for study, *_counts in BCG:
        lines += [f"  - id: {study}", f"    title: BCG trial {study}", "    type: study", "    design: rct"]
    lines += ["claims:", "  - id: bcg", "    statement: BCG vaccination prevents tuberculosis", "    evidence:"]
    for study, a, b, c, d in BCG:
        lines += [f"      - source: {study}", f"        says: {a}/{a + b} vs {c}/{c + d}", f"        quote: \"{a}\""]
    registry("\n".join(lines) + "\n")
    pooled = json.loads(invoke("show", "bcg", "--format", "json").output)["claim"]["pooled"]
    assert (pooled["measure"], pooled["k"]) == ("RR", 13)
    assert (round(math.log(pooled["random"]["estimate"]), 4), round(math.log(pooled["random"]["low"]), 4),
            round(math.log(pooled["random"]["high"]), 4)) == (-0.7141, -1.0644, -0.3638)
    assert (round(pooled["tau2"], 4), round(100 * pooled["i2"], 2), round(pooled["q"], 4)) == (0.3088, 92.12, 152.233)
    assert round(math.log(pooled["fixed"]["estimate"]), 4) == -0.4303
    assert pooled["summary"][-2:] == [
        ("random effects (DerSimonian-Laird): RR 0.49 (95% CI 0.34 to 0.70), tau² = 0.309, I² = 92%, Q = 152.23 "
        "(df 12, p = 2e-26)"),
        "95% prediction interval: 0.14 to 1.77"]


def test_repeats_of_one_study_are_pooled_once(registry) -> None:
    data = show(registry, ("trial-a", "482/2104 vs 1110/4321"), ("news-a", "RR 0.89 (95% CI 0.81 to 0.98)"),
                ("trial-b", "41/300 vs 52/300"))
    pooled = data["pooled"]
    assert [(s["study"], s["source"]) for s in pooled["studies"]] == [("trial-a", "trial-a"), ("trial-b", "trial-b")]
    assert pooled["summary"] == [
        "trial-a: crude RR 0.892 (95% CI 0.81 to 0.98) from `482/2104 vs 1110/4321`",
        "trial-b: crude RR 0.788 (95% CI 0.54 to 1.15) from `41/300 vs 52/300`",
        "fixed effect: RR 0.89 (95% CI 0.81 to 0.97)",
        ("random effects (DerSimonian-Laird): RR 0.89 (95% CI 0.81 to 0.97), tau² = 0, I² = 0%, Q = 0.39 (df 1, "
        "p = 0.53)"),
        "prediction interval: needs 3 or more studies",
    ]


def test_proportions_of_two_studies_pool_on_the_logit_scale(registry) -> None:
    registry(SOURCES.replace("effect", "share") + entries(("trial-a", "11/30"), ("trial-b", "20/40")))
    pooled = json.loads(invoke("show", "share", "--format", "json").output)["claim"]["pooled"]
    # logits ln(11/19) = -0.5465 (SE 0.3865) and 0 (SE 0.3162): inverse-variance mean -0.2244, so 44.4%.
    assert (pooled["measure"], round(pooled["fixed"]["estimate"], 1)) == ("proportion", 44.4)


# ------------------------------------------------------------------- grading

def grade(registry, *pairs: tuple[str, str]) -> list[str]:
    return show(registry, *pairs)["reasons"]


def test_imprecision_from_a_pooled_interval_that_includes_no_effect(registry) -> None:
    reasons_ = grade(registry, ("trial-a", "RR 0.89 (95% CI 0.79 to 1.01)"), ("trial-b", "RR 0.95 (95% CI 0.80 to 1.13)"))
    # Weights 1/0.0627^2 and 1/0.0881^2 give ln RR -0.0946 (SE 0.0511), Q = 0.36, so tau^2 = 0: RR 0.91 (0.82 to 1.01).
    assert reasons_[1] == ("down 1 imprecision: pooled RR 0.91 (95% CI 0.82 to 1.01) includes no effect (1); the number "
                           "of events is not known (no two-arm counts), so the optimal information size (300 events "
                           "for a dichotomous outcome) is not checked")


def test_very_serious_imprecision_when_the_interval_spans_benefit_and_harm(registry) -> None:
    reasons_ = grade(registry, ("trial-a", "RR 0.95 (95% CI 0.60 to 1.50)"))
    assert reasons_[1] == ("down 2 imprecision: trial-a's `RR 0.95 (95% CI 0.60 to 1.50)` includes no effect (1) and "
                           "both an appreciable benefit (ratio 0.75) and harm (1.25); the number of events is not "
                           "known (no two-arm counts), so the optimal information size (300 events for a dichotomous "
                           "outcome) is not checked")


def test_inconsistency_from_i_squared(registry) -> None:
    # Three trials whose intervals barely overlap: I^2 = 78%, so down one for inconsistency.
    reasons_ = grade(registry, ("trial-a", "RR 0.50 (95% CI 0.40 to 0.62)"), ("trial-b", "RR 0.80 (95% CI 0.70 to 0.92)"),
                     ("cohort-c", "RR 0.62 (95% CI 0.50 to 0.77)"))
    assert [r for r in reasons_ if r.startswith("down 1 inconsistency")] == [
        "down 1 inconsistency: unaccepted conflict between trial-a and trial-b"]


def test_inconsistency_from_i_squared_without_a_pairwise_conflict(registry) -> None:
    # One precise study at RR 1.00 and five at RR 1.28: no pair differs beyond sampling error (z = 1.87 against
    # the precise one), yet together Q = 17.02 on 5 df (scipy.stats.chi2.sf: p = 0.0045), so I^2 = 71%.
    studies = ["trial-a", "trial-b", "cohort-c", "cohort-d", "study-e", "study-f"]
    extra = "".join(f"  - id: {s}\n    title: {s}\n    type: study\n    design: rct\n" for s in studies[4:])
    registry(SOURCES.replace("claims:\n", extra + "claims:\n") + entries(
        ("trial-a", "RR 1.00 (95% CI 0.98 to 1.02)"), *((s, "RR 1.28 (95% CI 0.99 to 1.66)") for s in studies[1:])))
    data = json.loads(invoke("show", "effect", "--format", "json").output)["claim"]
    assert {pair["verdict"] for pair in data["pairs"]} == {"agree"}
    assert [r for r in data["reasons"] if "inconsistency" in r] == [
        ("down 1 inconsistency: I² = 71% across 6 studies (above 50%: substantial heterogeneity; Q = 17.02, "
        "p = 0.0045)")]


def test_a_large_effect_rates_observational_evidence_up(registry) -> None:
    reasons_ = grade(registry, ("cohort-c", "RR 0.30 (95% CI 0.20 to 0.45)"), ("cohort-d", "RR 0.35 (95% CI 0.22 to 0.55)"))
    assert reasons_[0] == "starts low: best design cohort (cohort-c)"
    assert "up 1 large effect: pooled RR 0.32 (95% CI 0.24 to 0.43), a ratio above 2 or below 0.5, in observational " \
           "evidence with no serious concern" in reasons_


def test_a_very_large_effect_rates_up_two(registry) -> None:
    reasons_ = grade(registry, ("cohort-c", "RR 0.10 (95% CI 0.05 to 0.20)"), ("cohort-d", "RR 0.12 (95% CI 0.06 to 0.24)"))
    assert any(r.startswith("up 2 large effect: pooled RR 0.11") for r in reasons_)
    assert reasons_[-1] == "= high"


def test_randomised_evidence_is_not_rated_up_for_a_large_effect(registry) -> None:
    reasons_ = grade(registry, ("trial-a", "RR 0.30 (95% CI 0.20 to 0.45)"))
    assert not any("large effect" in r for r in reasons_)


# ------------------------------------------------------------- the worked example

def test_the_worked_example_validates_and_compares() -> None:
    registry_path = str(ROOT / "examples" / "halvorex" / "claims.yaml")
    assert invoke("validate", registry_path).exit_code == 0
    data = json.loads(invoke("show", "stroke-risk", registry_path, "--format", "json").output)["claim"]
    assert data["status"] == "conflict"
    assert [pair["between"] for pair in data["accepted"]] == [
        ["imaginary-pharma-release#1", "halo-1-report"], ["imaginary-pharma-release#1", "imaginary-pharma-release#2"],
        ["imaginary-pharma-release#1", "daily-imaginary"]]
    assert [s["study"] for s in data["pooled"]["studies"]] == ["halo-0", "halo-1-report"]
    assert invoke("conflicts", registry_path, "--fail").exit_code == 0  # every disagreement explained


@pytest.mark.parametrize("claim", ["quality-of-life", "pilot-blood-pressure"])
def test_the_worked_example_s_other_claims(claim: str) -> None:
    result = invoke("show", claim, str(ROOT / "examples" / "halvorex" / "claims.yaml"))
    assert result.exit_code == 0 and "single-source" in result.output


def test_one_document_reporting_two_studies_is_two_samples(registry) -> None:
    # daily-imaginary's entries cite different trials: two samples, not a document contradicting itself.
    data = json.loads(invoke("conflicts", str(ROOT / "examples" / "halvorex" / "claims.yaml"), "--all",
                             "--format", "json").output)
    pair = next(p for p in data["conflicts"]
                if (p["a"]["says"], p["b"]["says"]) == ("11% fewer strokes", "41/300 vs 52/300"))
    assert (pair["verdict"], pair["internal"]) == ("agree", True)
    assert pair["reason"].startswith("different studies (halo-1-report vs halo-0)")
