"""The words real reports use (issue 22): each form pinned as `says` reads it and as `extract` proposes it.

Reference figures are SciPy's (scipy.stats, version 1.17), computed as the comment beside each says.
"""

from __future__ import annotations

import json

import pytest

from claimcheck.extract import extract, proposals
from claimcheck.values import (
    Count,
    Estimate,
    PValue,
    Significance,
    TestStatistic,
    TwoPercents,
    ValueSyntaxError,
    parse,
)
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, findings_of, invoke

# ------------------------------------------------------------ how journals punctuate


@pytest.mark.parametrize("says, shown", [
    ("rate ratio, 0.64; 95% CI, 0.51 to 0.81", "IRR 0.64 (95% CI 0.51 to 0.81)"),
    ("hazard ratio, 0.83; 95% CI, 0.75 to 0.93; P = .002", "HR 0.83 (95% CI 0.75 to 0.93), p = .002"),
    ("RR 0·83 (95% CI 0·75–0·93)", "RR 0.83 (95% CI 0.75 to 0.93)"),
    ("MD −0.5 (95% CI −0.9 to −0.1)", "MD −0.5 (95% CI −0.9 to −0.1)"),
    ("HR 0.83 (95% CI: 0.75–0.93)", "HR 0.83 (95% CI 0.75 to 0.93)"),
    ("HR 0.83 [0.75, 0.93]", "HR 0.83 (95% CI 0.75 to 0.93)"),
    ("HR 0.83 (95% confidence interval 0.75 to 0.93)", "HR 0.83 (95% CI 0.75 to 0.93)"),
    ("P = .002", "p = .002"),
    ("p<.001", "p < .001"),
    ("p = 2.1e-5", "p = 2.1e-5"),
    ("p = 2.1 × 10⁻⁵", "p = 2.1 × 10⁻⁵"),
    ("chi2(1, N = 11,455) = 16.78", "chi2(1, N = 11,455) = 16.78"),
    ("chi2(1, N = 11,455) = 16.78, p < .001", "chi2(1, N = 11,455) = 16.78, p < .001"),
    ("Q(9) = 15.2, p = .09", "Q(9) = 15.2, p = .09"),
    ("t(28) < 2.2, ns", "t(28) < 2.2, NS"),
    ("Z = 2.1, p = .04", "z = 2.1, p = .04"),
    ("X2(1) = 4.2", "chi2(1) = 4.2"),
    ("χ²(1) = 4.2", "chi2(1) = 4.2"),
    ("t(28) = 2.20, p = .02, one-tailed", "t(28) = 2.20, p = .02, one-tailed"),
])
def test_journal_punctuation_is_read(says: str, shown: str) -> None:
    assert parse(says).describe() == shown


def test_a_sample_size_with_thousands_separators_is_the_whole_number() -> None:
    value = parse("chi2(1, N = 11,455) = 16.78")
    assert isinstance(value, TestStatistic)
    assert (value.test, value.n, [number.value for number in value.df]) == ("chi2", 11455, [1.0])


def test_an_exponent_keeps_the_precision_of_its_mantissa() -> None:
    value = parse("p = 2.1 × 10⁻⁵")
    assert isinstance(value, PValue) and value.value is not None
    assert (value.value.value, value.value.decimals) == (pytest.approx(2.1e-5), 6)


def test_cochrans_q_is_read_as_a_chi_square_with_its_df() -> None:
    value = parse("Q(9) = 15.2, p = .09")
    assert isinstance(value, TestStatistic)
    assert (value.test, value.distribution) == ("Q", "chi2")
    with pytest.raises(ValueSyntaxError, match=r"a Q statistic takes one number of degrees of freedom"):
        parse("Q = 15.2")


def test_twice_daily_is_a_frequency_not_a_doubling() -> None:
    """Once read as "2-fold higher", which would compare a dosing schedule with an effect."""
    for says in ("twice daily", "twice a day", "2 times daily", "two times per day", "b.i.d.", "bid"):
        value = parse(says)
        assert (value.dimension, value.describe()) == ("dose frequency", "2 times/day")
    assert parse("twice as high").describe() == "2-fold higher (ratio [1.5, 2.5))"


COCHRAN_REGISTRY = """\
version: 1
sources:
  - id: meta
    title: A meta-analysis
    type: study
    design: meta-analysis
claims:
  - id: heterogeneity
    statement: The trials differ
    evidence:
      - source: meta
        says: {says}
        quote: "meta says {says}"
"""


@pytest.mark.parametrize("says, findings", [
    # scipy.stats.chi2.sf(15.2, 9) = 0.0856: p = .09 fits.
    ("Q(9) = 15.2, p = .09", ""),
    # scipy.stats.chi2.sf(16.78, 1) = 4.197e-05: p < .001 fits.
    ("\"chi2(1, N = 11,455) = 16.78, p < .001\"", ""),
    # scipy.stats.chi2.sf(25.0, 9) = 0.002971: p = .09 does not.
    ("Q(9) = 25.0, p = .09",
     ("claims.yaml:12:15: CC319 [error] `Q(9) = 25.0, p = .09`: Q(9) = 25.0 gives two-tailed p = 0.003 (any value "
     "from 24.95 to 25.05 gives 0.003 to 0.003); the text says p = .09: the two fall on either side of 0.05 "
     "(statcheck-decision-error)\n")),
    # scipy.stats.t.sf(2.2, 28) = 0.01811 one-tailed (0.03623 two-tailed): p = .02 fits only one-tailed.
    ("t(28) = 2.20, p = .02, one-tailed", ""),
])
def test_new_statistics_are_checked_as_statcheck_does(registry, says: str, findings: str) -> None:
    registry(COCHRAN_REGISTRY.format(says=says))
    result = invoke("validate", "claims.yaml", "--select", "CC3")
    lines = [line for line in result.output.splitlines(keepends=True) if line.startswith("claims.yaml")]
    assert "".join(lines) == findings


# ------------------------------------------------------------ extract proposes what says reads


@pytest.mark.parametrize("sentence, proposed", [
    ("The rate ratio was 0.64 (rate ratio, 0.64; 95% CI, 0.51 to 0.81).", ["IRR 0.64 (95% CI 0.51-0.81)"]),
    ("Mortality was lower (hazard ratio 0·83 (95% CI 0·75–0·93)).", ["HR 0.83 (95% CI 0.75-0.93)"]),
    ("HR 0.83 [0.75, 0.93].", ["HR 0.83 (95% CI 0.75-0.93)"]),
    ("significant, p = 2.1e-5 and p = .5e-3 and p = 1.03 and p = .04.",
     ["p = 2.1e-5", "p = .5e-3", "p = 1.03", "p = .04"]),
    ("significant (p = 2.1 × 10⁻⁵).", ["p = 2.1 × 10⁻⁵"]),
    ("chi2(1, N = 11,455) = 16.78, p < .001.", ["chi2(1, N = 11,455) = 16.78, p < .001"]),
    ("t(28) = 2.20, p = .02, one-tailed", ["t(28) = 2.20, p = .02, one-tailed"]),
    ("t(28) = 2.20, p = .02 (one-tailed)", ["t(28) = 2.20, p = .02, one-tailed"]),
    ("t(28) < 2.2, ns", ["t(28) < 2.2, ns"]),
    ("Q(9) = 15.2, p = .09", ["Q(9) = 15.2, p = .09"]),
    ("Z = 2.1, p = .04", ["z = 2.1, p = .04"]),
    ("X2(1) = 4.2, p = .04", ["chi2(1) = 4.2, p = .04"]),
    ("F(2,57)=3.10, p=.05", ["F(2, 57) = 3.10, p = .05"]),
    ("the p = 5 group", []),
])
def test_extract_proposes_the_statement_whole(sentence: str, proposed: list[str]) -> None:
    assert proposals(sentence, "effect") == proposed
    assert [candidate.says for candidate in extract(sentence) if candidate.kind == "effect"] == proposed


def test_a_proposal_keeps_every_number_as_written() -> None:
    """`p = 1.03` was proposed as `p = 1.0`, and `p = .5e-3` as `p = .5`: never a changed value."""
    for says in proposals("p = 1.03; p = .5e-3; t(28) = 2.20, p = .04", "effect"):
        value = parse(says)
        assert isinstance(value, PValue | TestStatistic | Estimate)
    assert proposals("p = 1.03", "effect") == ["p = 1.03"]


# ------------------------------------------------------------ efficacy and relative risk reduction


@pytest.mark.parametrize("says, shown", [
    ("VE 95% (95% CI 90.3-97.6)", "efficacy 95% (95% CI 90.3 to 97.6) (ratio (0.045, 0.055])"),
    ("efficacy 95% (95% CI 90.3 to 97.6)", "efficacy 95% (95% CI 90.3 to 97.6) (ratio (0.045, 0.055])"),
    ("vaccine efficacy of 95% (95% CI, 90.3 to 97.6)", "efficacy 95% (95% CI 90.3 to 97.6) (ratio (0.045, 0.055])"),
    ("RRR 25% (95% CI 10-38%)", "RRR 25% (95% CI 10 to 38) (ratio (0.745, 0.755])"),
    ("RRR 25% (95% CI 10%-38%), p = 0.002", "RRR 25% (95% CI 10 to 38), p = 0.002 (ratio (0.745, 0.755])"),
    ("VE 30% (95% CI -10 to 55)", "efficacy 30% (95% CI -10 to 55) (ratio (0.695, 0.705])"),
    ("efficacy 95%", "efficacy 95% (ratio (0.045, 0.055])"),
    ("95% effective", "95% effective (ratio (0.045, 0.055])"),
    ("about 90% effective", "about 90% effective (ratio [0.01, 0.19])"),
    ("over 80% effective", "more than 80% effective (ratio [0, 0.2))"),
])
def test_efficacy_is_one_minus_a_ratio(says: str, shown: str) -> None:
    value = parse(says)
    assert value.describe() == shown
    assert parse(value.describe()) == value  # what show prints reads back as the same value


def test_an_efficacys_interval_is_read_as_ratios() -> None:
    value = parse("VE 95% (95% CI 90.3-97.6)")
    assert value.ratio_interval == (pytest.approx(0.024), pytest.approx(0.097))  # type: ignore[union-attr]
    with pytest.raises(ValueSyntaxError, match="gives two intervals"):
        parse("efficacy 95% (95% CI 90.3 to 97.6, 99% CI 1-2)")


EFFICACY = """\
version: 1
sources:
  - id: trial-a
    title: Trial A
    type: study
    design: rct
    path: trial-a.txt
  - id: news-a
    title: News about trial A
    type: news
    cites: [trial-a]
    path: news-a.txt
  - id: trial-b
    title: Trial B
    type: study
    design: rct
    path: trial-b.txt
claims:
  - id: efficacy
    statement: The vaccine prevents illness
    evidence:
      - source: trial-a
        says: VE 95% (95% CI 90.3-97.6)
        quote: "Vaccine efficacy was 95% (95% CI, 90.3 to 97.6)"
      - source: news-a
        says: about 90% effective
        quote: "The shot was about 90% effective"
      - source: trial-a
        says: RR 0.05
        quote: "The trial's efficacy was 95% (95% CI, 90.3 to 97.6)"
      - source: trial-b
        says: {trial_b}
        quote: "efficacy was 52% (95% CI 29.5 to 68.4)"
"""
EFFICACY_TEXTS = {
    "trial-a.txt": ("Vaccine efficacy was 95% (95% CI, 90.3 to 97.6) against symptomatic illness.\n"
                    "The trial's efficacy was 95% (95% CI, 90.3 to 97.6) against symptomatic illness.\n"),
    "news-a.txt": "The shot was about 90% effective, the company said. It cut deaths by 35%.\n",
    "trial-b.txt": "In the second trial efficacy was 52% (95% CI 29.5 to 68.4).\n",
}


def test_efficacy_in_every_wording_shares_a_claim_and_is_compared(registry) -> None:
    registry(EFFICACY.format(trial_b="efficacy 52% (95% CI 29.5 to 68.4)"), EFFICACY_TEXTS)
    assert invoke("validate", "claims.yaml").output == "All checks passed.\n"
    result = invoke("show", "efficacy", "--format", "json")
    pairs = {(pair["a_says"], pair["b_says"]): (pair["verdict"], pair["reason"])
             for pair in json.loads(result.output)["claim"]["pairs"]}
    # The log-ratio SEs from the intervals: (ln 0.097 - ln 0.024) / 3.92 = 0.3563 and (ln 0.705 - ln 0.316) / 3.92 =
    # 0.2047; z = (ln 0.05 - ln 0.48) / sqrt(0.3563^2 + 0.2047^2) = -5.50, and 2 * scipy.stats.norm.sf(5.504) = 3.7e-08.
    assert pairs[("VE 95% (95% CI 90.3-97.6)", "efficacy 52% (95% CI 29.5 to 68.4)")] == ("conflict", (
        "different studies (trial-a vs trial-b): `VE 95% (95% CI 90.3-97.6)` (a ratio of (0.045, 0.055]) vs "
        "`efficacy 52% (95% CI 29.5 to 68.4)` (a ratio of (0.475, 0.485]) differ beyond sampling error "
        "(z = -5.50 on the log scale, p = 3.7e-08 < 0.05)"))
    assert pairs[("VE 95% (95% CI 90.3-97.6)", "about 90% effective")][0] == "agree"
    assert pairs[("VE 95% (95% CI 90.3-97.6)", "RR 0.05")][0] == "agree"
    assert [verdict for verdict, _reason in pairs.values()].count("conflict") == 1  # RR 0.05 has no SE to test


def test_an_efficacy_the_quote_does_not_state_is_an_error(registry) -> None:
    registry(EFFICACY.format(trial_b="efficacy 62% (95% CI 29.5 to 68.4)"), EFFICACY_TEXTS)
    result = invoke("validate", "claims.yaml")
    assert result.output == (
        "claims.yaml:32:15: CC330 [error] `says` gives `efficacy 62% (95% CI 29.5 to 68.4)` (ratio (0.375, 0.385]), "
        "but the quote states `efficacy 52% (95% CI 29.5-68.4)` (ratio (0.475, 0.485]) (says-contradicts-quote)\n"
        "Found 1 error.\n")


@pytest.mark.parametrize("sentence, proposed", [
    ("Vaccine efficacy was 95% (95% CI, 90.3 to 97.6).", [("effect", "efficacy 95% (95% CI 90.3-97.6)")]),
    ("VE 95% (95% CI 90.3-97.6) against illness", [("effect", "VE 95% (95% CI 90.3-97.6)")]),
    ("The RRR was 25% (95% CI 10%-38%).", [("effect", "RRR 25% (95% CI 10-38)")]),
    ("the shot was about 90% effective, and 95% efficacious",
     [("effect", "about 90% effective"), ("effect", "95% effective")]),
    # a change with the outcome in between is an effect, never the proportion 35%
    ("The drug cut deaths by 35% and reduced the 28-day mortality rate by 17% in 54% of patients.",
     [("effect", "cut deaths by 35%"), ("effect", "reduced the 28-day mortality rate by 17%"),
      ("duration", "28 days"), ("proportion", "54%")]),
])
def test_extract_proposes_efficacy_and_changes_as_effects(sentence: str, proposed: list[tuple[str, str]]) -> None:
    assert [(candidate.kind, candidate.says) for candidate in extract(sentence)] == proposed


@pytest.mark.parametrize("says, shown", [
    ("reduced the 28-day mortality rate by 17%", "reduced by 17% (ratio (0.825, 0.835])"),
    ("cut deaths by 35%", "reduced by 35% (ratio (0.645, 0.655])"),
])
def test_a_change_may_name_its_outcome_between_verb_and_by(says: str, shown: str) -> None:
    assert parse(says).describe() == shown


# ------------------------------------------------------------ adjusted estimates


@pytest.mark.parametrize("says, shown", [
    ("age-adjusted rate ratio 0.64", "adjusted IRR 0.64"),
    ("age-adjusted rate ratio, 0.64; 95% CI, 0.51 to 0.81", "adjusted IRR 0.64 (95% CI 0.51 to 0.81)"),
    ("fully adjusted HR 0.80 (95% CI 0.70-0.91)", "adjusted HR 0.80 (95% CI 0.70 to 0.91)"),
    ("multivariable-adjusted OR 1.3", "adjusted OR 1.3"),
    ("adjusted HR 0.80", "adjusted HR 0.80"),
    ("aOR 1.3", "adjusted OR 1.3"),
    ("unadjusted RR 0.9", "RR 0.9"),
])
def test_adjusted_estimates_are_marked_whatever_the_adjustment_is_called(says: str, shown: str) -> None:
    value = parse(says)
    assert isinstance(value, Estimate)
    assert value.describe() == shown


@pytest.mark.parametrize("sentence, proposed", [
    ("The age-adjusted rate ratio was 0.64 (95% CI 0.51-0.81).", ["adjusted IRR 0.64 (95% CI 0.51-0.81)"]),
    ("adjusted hazard ratio 0.80 (95% CI 0.70-0.91)", ["adjusted HR 0.80 (95% CI 0.70-0.91)"]),
    ("aOR 1.3 (1.1-1.6)", ["aOR 1.3 (95% CI 1.1-1.6)"]),
])
def test_extract_keeps_the_adjusted_mark(sentence: str, proposed: list[str]) -> None:
    assert proposals(sentence, "effect") == proposed


# ------------------------------------------------------------ two arms in percent, changes from a baseline


@pytest.mark.parametrize("says, shown", [
    ("29.0% vs 40.7%", "29.0% vs 40.7%"),
    ("22.9% versus 25.7%", "22.9% vs 25.7%"),
    ("29 percent vs. 40.7 per cent", "29% vs 40.7%"),
    ("22.9% compared with 25.7%", "22.9% vs 25.7%"),
    ("fell from 25.7% to 22.9%", "fell from 25.7% to 22.9%"),
    ("mortality fell from 25.7% to 22.9%", "fell from 25.7% to 22.9%"),
    ("from 25.7% to 22.9%", "fell from 25.7% to 22.9%"),
    ("rose from 5% to 9%", "rose from 5% to 9%"),
    # with counts, a percentage first is the two-arm counts form
    ("22.9% (482/2104) vs 25.7% (1110/4321)", "482/2104 (22.9%) vs 1110/4321 (25.7%)"),
])
def test_two_shares_in_percent_are_read(says: str, shown: str) -> None:
    assert parse(says).describe() == shown


def test_two_shares_imply_a_ratio_and_a_difference_at_the_rounding_of_both() -> None:
    value = parse("29.0% vs 40.7%")
    assert isinstance(value, TwoPercents)
    # 28.95 / 40.75 = 0.710429 and 29.05 / 40.65 = 0.714637; 28.95 - 40.75 = -11.8 and 29.05 - 40.65 = -11.6 points.
    assert value.ratio is not None
    assert (value.ratio.low, value.ratio.high) == (pytest.approx(0.710429, abs=1e-6), pytest.approx(0.714637, abs=1e-6))
    assert (value.difference.low, value.difference.high) == (pytest.approx(-11.8), pytest.approx(-11.6))
    change = parse("fell from 40.7% to 29.0%")
    assert isinstance(change, TwoPercents) and change.ratio == value.ratio


@pytest.mark.parametrize("says, message", [
    ("fell from 22.9% to 25.7%", "`fell from 22.9% to 25.7%`: `fell`, but 25.7% is not below 22.9%"),
    ("rose from 9% to 5%", "`rose from 9% to 5%`: `rose`, but 5% is not above 9%"),
    ("120% vs 30%", "`120% vs 30%`: a share of 120% is above 100%"),
])
def test_two_shares_that_cannot_be_are_named(says: str, message: str) -> None:
    with pytest.raises(ValueSyntaxError) as raised:
        parse(says)
    assert str(raised.value) == message


SHARES = """\
version: 1
sources:
  - id: trial
    title: Trial
    type: study
    design: rct
    path: trial.txt
  - id: news
    title: News
    type: news
    cites: [trial]
    path: news.txt
claims:
  - id: deaths
    statement: The drug lowers deaths
    evidence:
      - source: trial
        says: 29.0% vs 40.7%
        quote: "29.0% vs 40.7%"
      - source: trial
        says: RR 0.71
        quote: "risk ratio 0.71"
      - source: trial
        says: RD -11.7 pp
        quote: "a difference of -11.7 percentage points"
      - source: news
        says: {news}
        quote: "{quote}"
"""
SHARES_TEXTS = {
    "trial.txt": "Mortality was 29.0% vs 40.7% (risk ratio 0.71), a difference of -11.7 percentage points.\n",
    "news.txt": "Deaths fell from 40.7% to 29.0%, the company said, a risk ratio of 0.75.\n",
}


def _pairs(claim: str) -> dict[tuple[str, str], tuple[str, str]]:
    result = invoke("show", claim, "--format", "json")
    return {(pair["a_says"], pair["b_says"]): (pair["verdict"], pair["reason"])
            for pair in json.loads(result.output)["claim"]["pairs"]}


def test_two_shares_are_compared_with_the_ratio_and_difference_they_imply(registry) -> None:
    registry(SHARES.format(news="fell from 40.7% to 29.0%", quote="Deaths fell from 40.7% to 29.0%"), SHARES_TEXTS)
    assert invoke("validate", "claims.yaml").output == "All checks passed.\n"
    pairs = _pairs("deaths")
    assert pairs[("29.0% vs 40.7%", "RR 0.71")] == ("agree", (
        "one document (`trial`), values match within rounding: `29.0% vs 40.7%` (crude RR [0.7104, 0.7146]) "
        "matches `RR 0.71` (RR 0.71); both say the effect goes down"))
    assert pairs[("29.0% vs 40.7%", "RD -11.7 pp")] == ("agree", (
        "one document (`trial`), values match within rounding: `29.0% vs 40.7%` (crude RD [-11.8, -11.6] pp) "
        "matches `RD -11.7 pp` (RD -11.7 pp); both say the effect goes down"))
    assert pairs[("RR 0.71", "fell from 40.7% to 29.0%")][0] == "agree"


def test_a_ratio_the_two_shares_do_not_imply_is_a_conflict(registry) -> None:
    registry(SHARES.format(news="RR 0.75", quote="a risk ratio of 0.75"), SHARES_TEXTS)
    assert _pairs("deaths")[("29.0% vs 40.7%", "RR 0.75")] == ("conflict", (
        "same study (`trial`), so one measurement, yet `29.0% vs 40.7%` (crude RR [0.7104, 0.7146]) differs from "
        "`RR 0.75` (RR 0.75)"))


def test_two_shares_the_quote_does_not_state_are_an_error(registry) -> None:
    registry(SHARES.format(news="fell from 40.7% to 28.0%", quote="Deaths fell from 40.7% to 29.0%"), SHARES_TEXTS)
    assert invoke("validate", "claims.yaml").output == (
        "claims.yaml:27:15: CC330 [error] `says` gives `fell from 40.7% to 28.0%`, but the quote states "
        "`fell from 40.7% to 29.0%` (says-contradicts-quote)\n"
        "Found 1 error.\n")


@pytest.mark.parametrize("sentence, proposed", [
    ("Mortality was 29.0% vs 40.7% at day 28.", ["29.0% vs 40.7%"]),
    ("Death occurred in 22.9% (482/2104) versus 25.7% (1110/4321).", ["22.9% (482/2104) vs 25.7% (1110/4321)"]),
    ("Deaths fell from 25.7% to 22.9% in a year.", ["fell from 25.7% to 22.9%"]),
    ("It rose from 1,200 to 1,500 cases.", []),
])
def test_extract_proposes_two_shares_as_an_effect(sentence: str, proposed: list[str]) -> None:
    assert proposals(sentence, "effect") == proposed


def test_a_change_from_a_baseline_is_never_proposed_as_a_reversed_range() -> None:
    """`fell from 18% to 12%` was proposed as the proportion `18-12%`, a range whose ends are reversed."""
    assert [(c.kind, c.says) for c in extract("Deaths fell from 18% to 12% (hazard ratio 0.66).")] == [
        ("effect", "fell from 18% to 12%")]


# ------------------------------------------------------------ no effect


@pytest.mark.parametrize("says", [
    "did not reduce", "did not reduce 28-day mortality", "did not significantly lower the risk of death",
    "failed to reduce deaths", "not associated with", "was not associated with mortality",
    "no significant difference", "no significant difference in mortality between groups",
])
def test_no_effect_in_words_is_not_significant(says: str) -> None:
    value = parse(says)
    assert isinstance(value, Significance) and not value.significant
    assert value.describe() == "not significant"


@pytest.mark.parametrize("says", ["did not", "did not reduce deaths by 20%", "not associated with 3 of 4"])
def test_no_effect_words_with_a_number_or_no_verb_are_not_read(says: str) -> None:
    with pytest.raises(ValueSyntaxError):
        parse(says)


NO_EFFECT = """\
version: 1
sources:
  - id: trial
    title: Trial
    type: study
    design: rct
  - id: news
    title: News
    type: news
    cites: [trial]
  - id: other
    title: Other trial
    type: study
    design: rct
claims:
  - id: deaths
    statement: The drug lowers deaths
    evidence:
      - source: trial
        says: {trial}
        quote: "trial says {trial}"
      - source: news
        says: did not reduce deaths
        quote: "The drug did not reduce deaths"
      - source: other
        says: {other}
        quote: "other says {other}"
"""


def test_no_effect_agrees_with_an_interval_that_includes_no_effect(registry) -> None:
    registry(NO_EFFECT.format(trial="HR 0.95 (95% CI 0.80-1.12)", other="not associated with death"))
    pairs = _pairs("deaths")
    assert pairs[("HR 0.95 (95% CI 0.80-1.12)", "did not reduce deaths")] == ("agree", (
        "same study (`trial`), compared by significance only: neither significant at 5%"))
    assert pairs[("did not reduce deaths", "not associated with death")] == ("agree", (
        "different studies (trial vs other): neither significant at 5%"))


def test_no_effect_conflicts_with_a_significant_interval_of_the_same_study(registry) -> None:
    registry(NO_EFFECT.format(trial="HR 0.80 (95% CI 0.70-0.91)", other="HR 0.85 (95% CI 0.74-0.98)"))
    pairs = _pairs("deaths")
    assert pairs[("HR 0.80 (95% CI 0.70-0.91)", "did not reduce deaths")] == ("conflict", (
        "same study (`trial`), so one measurement, yet `HR 0.80 (95% CI 0.70-0.91)` is significant at 5% "
        "(its 95% CI 0.70 to 0.91 excludes 1) and `did not reduce deaths` is not (not significant)"))
    # Another study's significant result is no contradiction: a smaller study has less power.
    assert pairs[("did not reduce deaths", "HR 0.85 (95% CI 0.74-0.98)")][0] == "agree"


# ------------------------------------------------------------ numbers in words, dosing


@pytest.mark.parametrize("says, dimension, shown", [
    ("eleven of thirty", "proportion", "36.67%"),
    ("Eleven of thirty (37%)", "proportion", "36.67%"),
    ("ten days", "duration", "[9.5, 10.5) days"),
    ("twenty-one days", "duration", "[20.5, 21.5) days"),
    # one in five: one of every n where n rounds to 5, so 100/5.5 = 18.18% to 100/4.5 = 22.22%
    ("one in five", "proportion", "[18.18, 22.22]%"),
    ("1 in 5", "proportion", "[18.18, 22.22]%"),
    ("two-thirds", "proportion", "[61.67, 71.67]%"),
    ("a quarter", "proportion", "[20, 30]%"),
    ("95 percent", "proportion", "[94.5, 95.5)%"),
    ("95 per cent", "proportion", "[94.5, 95.5)%"),
    ("about 95 percent", "proportion", "[85.5, 100]%"),
    ("6 mg once daily", "daily dose", "[5.5, 6.5) mg/day"),
    ("6 mg once per day", "daily dose", "[5.5, 6.5) mg/day"),
    ("6mg/d", "daily dose", "[5.5, 6.5) mg/day"),
    ("6 mg twice daily", "daily dose", "[11, 13) mg/day"),
    ("6 mg b.i.d.", "daily dose", "[11, 13) mg/day"),
    ("70 mg weekly", "daily dose", "[9.93, 10.07) mg/day"),
    ("once daily", "dose frequency", "1 times/day"),
    ("three times a day", "dose frequency", "3 times/day"),
    ("t.i.d.", "dose frequency", "3 times/day"),
    ("once weekly", "dose frequency", "0.143 times/day"),
])
def test_numbers_in_words_and_dosing_are_read(says: str, dimension: str, shown: str) -> None:
    value = parse(says)
    assert (value.dimension, value.describe()) == (dimension, shown)


@pytest.mark.parametrize("says", ["eleven of", "one in zero", "five in one", "11 in 30", "zero times daily", "b.x.d."])
def test_words_that_are_no_number_or_schedule_are_not_read(says: str) -> None:
    with pytest.raises(ValueSyntaxError):
        parse(says)


WORDED = """\
version: 1
sources:
  - id: trial
    title: Trial
    type: study
    design: rct
  - id: news
    title: News
    type: news
    cites: [trial]
claims:
  - id: {claim}
    statement: A fact about the trial
    evidence:
      - source: trial
        says: {trial}
        quote: "trial says {trial}"
      - source: news
        says: {news}
        quote: "news says {news}"
"""


@pytest.mark.parametrize("claim, trial, news, verdict", [
    ("share", "20.4%", "one in five", "agree"),
    ("share", "22.9%", "one in five", "conflict"),
    ("share", "11/30", "eleven of thirty", "agree"),
    ("share", "12/30", "eleven of thirty", "conflict"),
    ("dose", "12 mg/day", "6 mg twice daily", "agree"),
    ("dose", "6 mg/day", "6 mg twice daily", "conflict"),
    ("schedule", "twice daily", "b.i.d.", "agree"),
    ("schedule", "once daily", "b.i.d.", "conflict"),
])
def test_worded_values_are_compared_with_their_digits(registry, claim: str, trial: str, news: str,
                                                      verdict: str) -> None:
    registry(WORDED.format(claim=claim, trial=trial, news=news))
    assert invoke("validate", "claims.yaml").output == "All checks passed.\n"
    assert [pair[0] for pair in _pairs(claim).values()] == [verdict]


# ------------------------------------------------------------ adjusted relative words


@pytest.mark.parametrize("says", [
    "reduced the 28-day mortality rate by 17%, adjusted", "adjusted, reduced by 17%", "an adjusted 17% reduction",
    "reduced by 17% (adjusted)", "age-adjusted, cut deaths by 17%",
])
def test_relative_words_may_be_marked_adjusted(says: str) -> None:
    value = parse(says)
    assert value.describe() == "reduced by 17%, adjusted (ratio (0.825, 0.835])"
    assert parse(value.describe()) == value
    assert value != parse("reduced by 17%")


ADJUSTED = """\
version: 1
sources:
  - id: trial
    title: Trial
    type: study
    design: rct
  - id: news
    title: News
    type: news
    cites: [trial]
claims:
  - id: deaths
    statement: The drug lowers deaths
    evidence:
      - source: trial
        says: 482/2104 vs 1110/4321
        quote: "trial says 482/2104 vs 1110/4321"
      - source: trial
        says: adjusted RR 0.83 (95% CI 0.75-0.93)
        quote: "trial says adjusted RR 0.83 (95% CI 0.75-0.93)"
      - source: news
        says: {news}
        quote: "news says {news}"
"""


def test_adjusted_words_are_held_to_the_adjusted_ratio_not_the_crude_counts(registry) -> None:
    registry(ADJUSTED.format(news="reduced the 28-day mortality rate by 17%, adjusted"))
    assert invoke("validate", "claims.yaml").output == "All checks passed.\n"
    pairs = _pairs("deaths")
    # 482/2104 = 0.229087, 1110/4321 = 0.256885: the crude RR 0.8918 (scipy.stats.contingency.relative_risk gives
    # 0.8918), outside the words' (0.825, 0.835]: a hint in the reason, never a conflict.
    assert pairs[("482/2104 vs 1110/4321", "reduced the 28-day mortality rate by 17%, adjusted")] == ("agree", (
        "same study (`trial`): `reduced the 28-day mortality rate by 17%, adjusted` (an adjusted ratio of "
        "(0.825, 0.835]) is adjusted and `482/2104 vs 1110/4321` (crude RR 0.892) crude, so their values are not "
        "held equal (they differ, as adjustment can make them); compared by direction only: both say the effect "
        "goes down"))
    assert pairs[("adjusted RR 0.83 (95% CI 0.75-0.93)", "reduced the 28-day mortality rate by 17%, adjusted")] == (
        "agree", (
            "same study (`trial`), values match within rounding: `adjusted RR 0.83 (95% CI 0.75-0.93)` (adjusted "
            "RR 0.83) lies within `reduced the 28-day mortality rate by 17%, adjusted` (an adjusted ratio of "
            "(0.825, 0.835]); both say the effect goes down"))


def test_adjusted_words_that_miss_the_adjusted_ratio_conflict(registry) -> None:
    registry(ADJUSTED.format(news="reduced deaths by 25%, adjusted"))
    assert _pairs("deaths")[("adjusted RR 0.83 (95% CI 0.75-0.93)", "reduced deaths by 25%, adjusted")] == (
        "conflict", (
            "same study (`trial`), so one measurement, yet `adjusted RR 0.83 (95% CI 0.75-0.93)` (adjusted RR "
            "0.83) lies outside `reduced deaths by 25%, adjusted` (an adjusted ratio of (0.745, 0.755])"))


@pytest.mark.parametrize("sentence, proposed", [
    ("Eleven of thirty volunteers responded.", ["eleven of thirty"]),
    ("twenty-one of forty patients improved", ["twenty-one of forty"]),
    ("One in five adults smoke.", ["one in five"]),
    ("1 in 5 adults smoke.", ["1 in 5"]),
    ("11 in 30 patients relapsed", ["11/30"]),  # a count, not one of about every n
    ("one of two ways", []),
    ("one of the patients", []),
])
def test_extract_proposes_numbers_in_words_as_says_reads_them(sentence: str, proposed: list[str]) -> None:
    assert proposals(sentence, "proportion") == proposed


def _with_text(claim: str, trial: str, quote: str) -> tuple[str, dict[str, str]]:
    """WORDED with the trial's quote checked against a text of its own."""
    text = WORDED.format(claim=claim, trial=trial, news=trial).replace(
        "    design: rct\n", "    design: rct\n    path: trial.txt\n", 1).replace(
        f'quote: "trial says {trial}"', f'quote: "{quote}"')
    return text, {"trial.txt": f"In the trial, {quote}.\n"}


def test_a_quote_in_words_states_a_count_in_digits(registry) -> None:
    registry(*_with_text("share", "11/30", "eleven of thirty volunteers responded"))
    assert invoke("validate", "claims.yaml").output == "All checks passed.\n"
    registry(*_with_text("share", "12/30", "eleven of thirty volunteers responded"))
    assert invoke("validate", "claims.yaml").output == (
        "claims.yaml:17:15: CC330 [error] `says` gives `12/30` (40%), but the quote states `eleven of thirty` "
        "(36.67%) (says-contradicts-quote)\nFound 1 error.\n")


@pytest.mark.parametrize("sentence, proposed", [
    ("Take 6 mg twice daily with food.", ["12 mg/day"]),
    ("Take 6 mg b.i.d. with food.", ["12 mg/day"]),
    ("20 mg once per day", ["20 mg/day"]),
    ("It is taken twice daily.", ["twice daily"]),
    ("given two times a day", ["two times a day"]),
    ("dosed t.i.d. for a week", ["t.i.d."]),
    ("Bid farewell", []),
])
def test_extract_proposes_doses_on_a_schedule_and_schedules(sentence: str, proposed: list[str]) -> None:
    assert proposals(sentence, "dose") == proposed
    for says in proposed:
        assert parse(says).dimension in ("daily dose", "dose frequency")


def test_a_schedule_in_other_words_is_stated_by_the_quote(registry) -> None:
    registry(*_with_text("schedule", "b.i.d.", "the tablets were taken two times a day"))
    assert invoke("validate", "claims.yaml").output == "All checks passed.\n"
    registry(*_with_text("schedule", "once daily", "the tablets were taken two times a day"))
    assert invoke("validate", "claims.yaml").output == (
        "claims.yaml:17:15: CC330 [error] `says` gives `once daily`, but the quote states `two times a day` "
        "(says-contradicts-quote)\nFound 1 error.\n")


@pytest.mark.parametrize("says", ["2.4% (32/1318)", "2.4% (32 of 1318)"])
def test_a_single_proportion_written_percentage_first(says: str) -> None:
    value = parse(says)
    assert (value.count, value.stated_number.text, value.describe()) == (Count(32, 1318), "2.4", "2.43%")


def test_a_percentage_first_that_its_count_does_not_give_is_cc303(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("says: 11/30", "says: 40% (11/30)"))
    assert [(f["code"], f["message"]) for f in findings_of() if f["code"] == "CC303"] == [(
        "CC303", ("`40% (11/30)`: 11/30 is 36.67%, outside [39.5, 40.5]%, the percentages that round to 40% "
                 "(half up or half to even)"))]


@pytest.mark.parametrize("says", ["more effective than a daily oral PrEP regimen at preventing HIV acquisition",
                                  "more effective at reducing relapse", "more effective in lowering blood pressure"])
def test_more_effective_at_preventing_is_a_direction(says: str) -> None:
    assert parse(says).describe() == "more effective at preventing (ratio (0, 1))"


def test_more_effective_alone_is_not_a_change() -> None:
    with pytest.raises(ValueSyntaxError):
        parse("more effective than placebo")
