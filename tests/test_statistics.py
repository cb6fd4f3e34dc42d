"""The statistics layer, each function pinned against a reference: SciPy, a paper's worked
example, statcheck's own test cases, metafor's published figures, or brute force."""

from __future__ import annotations

import itertools
import math
import random
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as scipy_stats

from claimcheck.stats import CHI_SQUARE, FISHER, compare_proportions, fisher_exact, wilson_interval
from claimcheck.stats.distributions import chi2_upper, f_upper, normal_two_sided, t_quantile_two_sided, t_two_sided
from claimcheck.stats.effects import compare_estimates, number_needed, odds_ratio, risk_difference, risk_ratio
from claimcheck.stats.grim import grim, grim_applicable, grimmer
from claimcheck.stats.intervals import excludes_null, fitting_levels, log_symmetric, p_from_interval, p_range
from claimcheck.stats.meta import inverse_logit, logit_proportion, pool
from claimcheck.stats.statcheck import Reported, check, compute_p
from claimcheck.stats.written import Written


def close(ours: float, reference: float) -> bool:
    """Within 1e-9 absolutely, and within 1e-6 relatively where the probability is tiny."""
    return abs(ours - reference) <= 1e-9 and (reference > 1e-9 or abs(ours - reference) <= 1e-6 * reference)


# ------------------------------------------------------------- distributions

STATISTICS = [0.0, 0.01, 0.5, 1.0, 1.96, 2.2, 3.1, 5.0, 10.0, 30.0]
DEGREES = [1, 2, 3, 5, 10, 28, 57, 100, 1000, 1e5]


@pytest.mark.parametrize("df", DEGREES)
def test_t_tails_match_scipy(df: float) -> None:
    for t in STATISTICS:
        assert close(t_two_sided(t, df), 2 * scipy_stats.t.sf(t, df)), (t, df)


@pytest.mark.parametrize("df", DEGREES)
def test_chi_square_tails_match_scipy(df: float) -> None:
    for x in [0.001, 0.1, 1.0, 3.84, 4.2, 10.0, 50.0, 200.0, 1000.0]:
        assert close(chi2_upper(x, df), scipy_stats.chi2.sf(x, df)), (x, df)


@pytest.mark.parametrize("df1", [1, 2, 5, 30, 1000])
def test_f_tails_match_scipy(df1: float) -> None:
    for f, df2 in itertools.product([0.01, 0.5, 1.0, 3.1, 10.0, 100.0], [1, 3, 10, 57, 1000, 1e5]):
        assert close(f_upper(f, df1, df2), scipy_stats.f.sf(f, df1, df2)), (f, df1, df2)


def test_normal_tail_and_t_quantile() -> None:
    assert normal_two_sided(1.959963984540054) == pytest.approx(0.05, abs=1e-15)
    assert normal_two_sided(-10) == pytest.approx(scipy_stats.norm.sf(10) * 2, rel=1e-12)
    for df in (1, 5, 11, 100):
        assert t_quantile_two_sided(0.05, df) == pytest.approx(scipy_stats.t.ppf(0.975, df), rel=1e-10)


@given(st.floats(0, 50), st.floats(0, 50), st.floats(0.5, 500))
def test_tails_fall_as_the_statistic_grows(x: float, y: float, df: float) -> None:
    low, high = sorted((x, y))
    assert 0.0 <= t_two_sided(high, df) <= t_two_sided(low, df) <= 1.0
    assert 0.0 <= chi2_upper(high, df) <= chi2_upper(low, df) <= 1.0


# ----------------------------------------------------------------- proportions

def test_fisher_tea_tasting() -> None:
    # Fisher's lady tasting tea, 3 of 4 cups right each way: p = 34/70 = 0.4857 (two-sided).
    assert fisher_exact(3, 4, 1, 4) == pytest.approx(34 / 70, rel=1e-12)


def test_fisher_matches_scipy_on_random_tables() -> None:
    rng = random.Random(7)
    for _ in range(400):
        n1, n2 = rng.randint(1, 150), rng.randint(1, 150)
        k1, k2 = rng.randint(0, n1), rng.randint(0, n2)
        reference = scipy_stats.fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue
        assert fisher_exact(k1, n1, k2, n2) == pytest.approx(reference, abs=1e-12), (k1, n1, k2, n2)


def test_fisher_with_large_counts_stays_exact_and_fast() -> None:
    # scipy.stats.fisher_exact([[499000, 501000], [501000, 499000]]).pvalue = 0.0046984312655...
    result = compare_proportions(499_000, 1_000_000, 501_000, 1_000_000)
    assert result.method == FISHER
    assert result.p == pytest.approx(0.004698431265590302, rel=1e-8)
    # Issue 11's reproducer: 4e8/1e9 against 6e8/1e9 took over 120 s; the tail walk is instant.
    huge = compare_proportions(4 * 10**8, 10**9, 6 * 10**8, 10**9)
    assert (huge.method, huge.p) == (FISHER, 0.0)
    assert compare_proportions(1, 10**160, 1, 10**160).p == 1.0


def test_fisher_gives_way_to_yates_chi_square_when_the_walk_would_be_too_long(monkeypatch) -> None:
    from claimcheck.stats import proportions

    monkeypatch.setattr(proportions, "MAX_FISHER_TERMS", 3)
    compare_proportions.cache_clear()
    try:
        result = compare_proportions(40, 100, 60, 100)
    finally:
        compare_proportions.cache_clear()
    _chi2, p, _dof, _expected = scipy_stats.chi2_contingency([[40, 60], [60, 40]], correction=True)
    assert (result.method, result.p) == (CHI_SQUARE, pytest.approx(p, rel=1e-9))


@given(st.integers(1, 60), st.integers(1, 60), st.data())
def test_fisher_is_symmetric_in_its_arms(n1: int, n2: int, data: st.DataObject) -> None:
    k1, k2 = data.draw(st.integers(0, n1)), data.draw(st.integers(0, n2))
    assert fisher_exact(k1, n1, k2, n2) == pytest.approx(fisher_exact(k2, n2, k1, n1), abs=1e-12)


def test_wilson_interval_matches_scipy() -> None:
    for k, n in [(11, 30), (0, 10), (10, 10), (482, 2104)]:
        reference = scipy_stats.binomtest(k, n).proportion_ci(method="wilson")
        ours = wilson_interval(k, n)
        assert (ours.low, ours.high) == (pytest.approx(reference.low, abs=1e-12),
                                         pytest.approx(reference.high, abs=1e-12))


def test_wilson_interval_of_a_count_beyond_floating_point() -> None:
    interval = wilson_interval(1, 10**160)  # OverflowError before (issue 11)
    assert 0 < interval.low < 1e-160 < interval.high < 1e-159
    assert wilson_interval(10**400, 10**400).high == 1.0


# ------------------------------------------------------------------ intervals

def test_altman_bland_difference_example() -> None:
    # BMJ 2011;343:d2090: 49% v 32%, P = 0.032 gives the difference 17 (95% CI 1.4 to 32.6) percentage
    # points. Going back by d2304's steps: SE = 31.2 / 3.92 = 7.96, z = 2.14, P = 0.033.
    assert p_from_interval(17, 1.4, 32.6) == pytest.approx(0.0327, abs=5e-5)


def test_altman_bland_ratio_example() -> None:
    # BMJ 2011;343:d2090: relative risk 0.30, P = 0.034 gives 95% CI 0.10 to 0.90. Back on the log scale:
    # SE = (ln 0.90 - ln 0.10) / 3.92 = 0.5605, z = ln 0.30 / 0.5605 = -2.148, P = 0.0317.
    assert p_from_interval(0.30, 0.10, 0.90, ratio=True) == pytest.approx(0.0317, abs=5e-5)
    # ...and the rounding of 0.10 and 0.90 allows P = 0.034:
    written = p_range(Written.parse("0.30"), Written.parse("0.10"), Written.parse("0.90"), ratio=True)
    assert written.low < 0.034 < written.high


def test_p_range_follows_every_number_s_rounding() -> None:
    # RR 0.83 (95% CI 0.75 to 0.93). Smallest p: estimate 0.825, interval 0.755 to 0.925, so
    # SE = (ln 0.925 - ln 0.755) / 3.92 = 0.05181, z = 0.19237 / 0.05181 = 3.713, p = 0.0002. Largest p:
    # 0.835 in 0.745 to 0.935, SE = 0.05795, z = 3.112, p = 0.0019.
    rng = p_range(Written.parse("0.83"), Written.parse("0.75"), Written.parse("0.93"), ratio=True)
    assert (round(rng.low, 4), round(rng.high, 4)) == (0.0002, 0.0019)
    assert p_range(Written.parse("1.00"), Written.parse("0.8"), Written.parse("1.2"), ratio=True).high == 1.0


def test_log_symmetry_within_rounding() -> None:
    w = Written.parse
    assert log_symmetric(w("0.83"), w("0.75"), w("0.93"))  # 0.83^2 = 0.6889; 0.75 x 0.93 = 0.6975, within rounding
    assert not log_symmetric(w("0.83"), w("0.60"), w("0.93"))
    assert log_symmetric(w("2.0"), w("1.0"), w("4.0"))


def test_excludes_null_and_fitting_levels() -> None:
    w = Written.parse
    assert excludes_null(w("0.75"), w("0.93"), ratio=True) is True
    assert excludes_null(w("0.80"), w("1.20"), ratio=True) is False
    assert excludes_null(w("1.0"), w("1.5"), ratio=True) is None  # 1.0 may be 0.96
    # HR 0.70 (0.52 to 0.94) labelled 95%: as a 95% interval p ~ 0.018, so "p = 0.003" does not fit;
    # as a 99% interval the same limits give p ~ 0.002: the 99%-as-95% slip.
    assert fitting_levels(w("0.70"), w("0.52"), w("0.94"), 0.0025, 0.0035, ratio=True) == (0.99,)


# -------------------------------------------------------------------- effects

BCG = [  # metafor's dat.bcg: (tpos, tneg, cpos, cneg) of 13 trials of the BCG vaccine (Colditz et al. 1994)
    (4, 119, 11, 128), (6, 300, 29, 274), (3, 228, 11, 209), (62, 13536, 248, 12619), (33, 5036, 47, 5761),
    (180, 1361, 372, 1079), (8, 2537, 10, 619), (505, 87886, 499, 87892), (29, 7470, 45, 7232),
    (17, 1699, 65, 1600), (186, 50448, 141, 27197), (5, 2493, 3, 2338), (27, 16886, 29, 17825),
]


def test_risk_ratio_of_the_first_bcg_trial_as_metafor_escalc() -> None:
    # escalc(measure="RR", ...) on dat.bcg: yi = -0.8893, vi = 0.3256 for Aronson 1948.
    rr = risk_ratio(4, 123, 11, 139)
    assert rr is not None
    assert (round(math.log(rr.value), 4), round(rr.se ** 2, 4)) == (-0.8893, 0.3256)


def test_ratio_and_difference_intervals_match_scipy() -> None:
    rr = risk_ratio(482, 2104, 1110, 4321)
    reference = scipy_stats.contingency.relative_risk(482, 2104, 1110, 4321).confidence_interval()
    assert rr is not None and (rr.lower, rr.upper) == (pytest.approx(reference.low), pytest.approx(reference.high))
    odds = odds_ratio(482, 2104, 1110, 4321)
    assert odds is not None
    assert odds.value == pytest.approx((482 * (4321 - 1110)) / ((2104 - 482) * 1110))
    assert odds.se == pytest.approx(math.sqrt(1 / 482 + 1 / 1622 + 1 / 1110 + 1 / 3211))
    rd = risk_difference(482, 2104, 1110, 4321)
    # 22.91% - 25.69% = -2.78 points; SE = sqrt(.2291 x .7709 / 2104 + .2569 x .7431 / 4321) = 0.01132.
    assert (round(rd.value, 4), round(rd.lower, 4), round(rd.upper, 4)) == (-0.0278, -0.05, -0.0056)


def test_a_zero_cell_is_corrected_and_said() -> None:
    rr = risk_ratio(0, 20, 5, 20)
    assert rr is not None and rr.corrected and rr.value == pytest.approx((0.5 / 21) / (5.5 / 21))
    assert risk_ratio(0, 20, 0, 20) is None


def test_number_needed_to_treat() -> None:
    rd = risk_difference(40, 1000, 90, 1000)  # 4% v 9%: RD -0.05, NNT 20
    nnt = number_needed(rd)
    assert nnt is not None and (nnt.value, nnt.harm) == (pytest.approx(20.0), False)
    crossing = number_needed(risk_difference(9, 100, 11, 100))
    assert crossing is not None and "to infinity to" in crossing.interval


def test_altman_bland_interaction_example() -> None:
    # BMJ 2003;326:219: HRT and non-vertebral fractures, RR 0.67 (0.46 to 0.98) under 60, 0.88 (0.71 to 1.08)
    # from 60: d = -0.2726, SE(d) = 0.2206, z = -1.24, P = 0.22; ratio of RRs 0.76 (0.49 to 1.17).
    se1 = (math.log(0.98) - math.log(0.46)) / (2 * 1.96)
    se2 = (math.log(1.08) - math.log(0.71)) / (2 * 1.96)
    diff = compare_estimates(math.log(0.67), se1, math.log(0.88), se2)
    assert (round(diff.difference, 4), round(diff.se, 4), round(diff.z, 2), round(diff.p, 2)) == (
        -0.2726, 0.2206, -1.24, 0.22)
    assert tuple(round(x, 2) for x in diff.ratio_interval()) == (0.76, 0.49, 1.17)


# ------------------------------------------------------------------ statcheck

def reported(text_p: str, statistic: str = "2.20", test: str = "t", df1: float | None = None,
             df2: float | None = 28, comparison: str = "=", one_tailed: bool = False) -> Reported:
    p = Written.parse(text_p)
    s = Written.parse(statistic)
    return Reported(test, s.value, s.decimals, df1, df2, comparison, p.value, p.decimals,  # type: ignore[arg-type]
                    one_tailed_in_text=one_tailed)


def test_statcheck_consistent() -> None:
    # t(28) = 2.20 gives p = .036 (statcheck's compute_p: 2 * pt(-2.20, 28)); p = .04 is consistent.
    verdict = check(reported(".04"))
    assert verdict.consistent and verdict.computed_p == pytest.approx(2 * scipy_stats.t.sf(2.2, 28))


def test_statcheck_inconsistent_without_decision_error() -> None:
    # statcheck's tests (test-decisionerror.R): "t(28) = 2.20, p = .05" is no decision error with p = alpha
    # counted as significant, yet .05 is not what t(28) = 2.20 gives: an inconsistency.
    verdict = check(reported(".05"))
    assert (verdict.error, verdict.decision_error) == (True, False)


@pytest.mark.parametrize("kwargs", [
    {"text_p": ".06"},                                                  # t(28) = 2.20, p = .06
    {"text_p": ".03", "statistic": "1.20"},                             # t(28) = 1.20, p = .03
    {"text_p": ".06", "statistic": "22.20", "test": "F", "df1": 2},     # F(2, 28) = 22.20, p = .06
    {"text_p": ".03", "statistic": ".22", "test": "r"},                 # r(28) = .22, p = .03
    {"text_p": ".03", "statistic": "2.20", "test": "chi2", "df1": 28, "df2": None},  # chi2(28) = 2.20, p = .03
    {"text_p": ".03", "statistic": "1.20", "test": "z", "df2": None},   # z = 1.20, p = .03
    {"text_p": ".05", "statistic": "1.02", "df2": 48, "comparison": "<"},  # test-error.R: t(48) = 1.02, p < .05
])
def test_statcheck_decision_errors(kwargs: dict) -> None:
    # Every case is one that statcheck's own test suite classifies as a decision error.
    verdict = check(reported(**kwargs))
    assert (verdict.error, verdict.decision_error) == (True, True)


def test_statcheck_one_tailed() -> None:
    # t(28) = 2.20, p = .02: wrong two-tailed (.036), right one-tailed (.018) when the text says one-tailed.
    assert check(reported(".02")).error
    verdict = check(reported(".02", one_tailed=True))
    assert (verdict.consistent, verdict.one_tailed) == (True, True)
    # ...but never for F with df1 > 1 (statcheck's correct_4_1tailed).
    # F(2, 28) = 5.00 gives p = .014, so p = .007 is half of it, yet F with df1 > 1 is never one-tailed.
    assert check(reported(".007", statistic="5.00", test="F", df1=2, one_tailed=True)).error


def test_statcheck_allows_the_statistic_s_rounding() -> None:
    # t(28) = 2.0 could be 1.95 to 2.05: p from .050 to .061, so p = .06 is consistent.
    assert check(reported(".06", statistic="2.0")).consistent
    assert compute_p("r", 0.30, None, 48) == pytest.approx(2 * scipy_stats.t.sf(0.3 / math.sqrt((1 - 0.09) / 48), 48))


def test_statcheck_reported_zero_is_an_error() -> None:
    assert check(reported(".000", statistic="12.0")).error


# ----------------------------------------------------------------- GRIM, GRIMMER

def test_grim_brown_and_heathers_example() -> None:
    # Brown and Heathers (2017): with N = 28, means step by 1/28: 145/28 = 5.179 and 146/28 = 5.214,
    # so a reported mean of 5.19 is impossible; 5.18 and 5.21 are possible.
    result = grim(Written.parse("5.19"), 28)
    assert (result.consistent, result.nearest) == (False, (5.18, 5.21))
    assert grim(Written.parse("5.18"), 28).consistent and grim(Written.parse("5.21"), 28).consistent


def test_grim_accepts_both_rounding_conventions_and_several_items() -> None:
    assert grim(Written.parse("1.12"), 8).consistent and grim(Written.parse("1.13"), 8).consistent  # 9/8 = 1.125
    assert not grim(Written.parse("3.48"), 20).consistent  # means of 20 whole numbers end in 0 or 5
    assert grim(Written.parse("3.48"), 25, items=1).consistent  # 87/25
    assert grim_applicable(Written.parse("3.48"), 25) and not grim_applicable(Written.parse("3.5"), 25)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_grim_and_grimmer_against_every_possible_data_set(n: int) -> None:
    # Brute force: every data set of n whole numbers that could give a mean of 1.00 to 5.00 and an SD under
    # 3.00 (no answer then lies more than 3 x sqrt(n - 1) <= 6 from the mean), and every (mean, SD) it gives.
    possible_means: set[str] = set()
    possible_pairs: set[tuple[str, str]] = set()
    for answers in itertools.combinations_with_replacement(range(-5, 12), n):
        for mean_text in _roundings(statistics.mean(answers)):
            possible_means.add(mean_text)
            for sd_text in _roundings(statistics.stdev(answers)):
                possible_pairs.add((mean_text, sd_text))
    for hundredths in range(100, 501):  # GRIM is exact
        mean_text = f"{hundredths / 100:.2f}"
        assert grim(Written.parse(mean_text), n).consistent == (mean_text in possible_means), mean_text
    passed_though_impossible = 0
    for mean_text in sorted(m for m in possible_means if 1.0 <= float(m) <= 5.0):
        for sd_hundredths in range(300):
            sd_text = f"{sd_hundredths / 100:.2f}"
            passes = grimmer(Written.parse(mean_text), Written.parse(sd_text), n)
            if (mean_text, sd_text) in possible_pairs:
                assert passes, (mean_text, sd_text)  # GRIMMER never flags a possible pair
            else:
                passed_though_impossible += passes
    # Its conditions are necessary, not sufficient: for n of 2 to 4 a few impossible pairs pass.
    assert passed_though_impossible == {2: 22, 3: 36, 4: 12, 5: 0}[n]


def _roundings(value: float) -> set[str]:
    """The 2-decimal texts an author's software could print: half up and half to even."""
    from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

    exact = Decimal(repr(value))
    return {str(exact.quantize(Decimal("0.01"), rounding=mode)) for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN)}


# ----------------------------------------------------------------------- pooling

def test_dersimonian_laird_matches_metafor_on_the_bcg_trials() -> None:
    # metafor: rma(ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg, measure="RR", method="DL") gives
    # estimate -0.7141, se 0.1787, tau^2 0.3088, I^2 92.12%, Q(df = 12) = 152.2330; rma(..., method="FE")
    # gives -0.4303 (se 0.0405).
    effects = [risk_ratio(a, a + b, c, c + d) for a, b, c, d in BCG]
    pooled = pool([math.log(e.value) for e in effects if e], [e.se for e in effects if e])
    assert (round(pooled.random, 4), round(pooled.random_se, 4), round(pooled.tau2, 4)) == (-0.7141, 0.1787, 0.3088)
    assert (round(pooled.q, 4), round(100 * pooled.i2, 2), pooled.k) == (152.2330, 92.12, 13)
    assert (round(pooled.fixed, 4), round(pooled.fixed_se, 4)) == (-0.4303, 0.0405)
    assert pooled.q_p < 1e-20
    assert pooled.prediction is not None
    low, high = pooled.prediction  # Higgins et al. 2009: -0.7141 +/- t(11) sqrt(0.3088 + 0.1787^2)
    half = scipy_stats.t.ppf(0.975, 11) * math.sqrt(pooled.tau2 + pooled.random_se ** 2)
    assert (low, high) == (pytest.approx(pooled.random - half), pytest.approx(pooled.random + half))


@given(st.floats(-3, 3), st.lists(st.floats(0.05, 2), min_size=2, max_size=8))
def test_identical_studies_pool_to_their_common_estimate_with_no_heterogeneity(estimate: float,
                                                                              errors: list[float]) -> None:
    pooled = pool([estimate] * len(errors), errors)
    assert pooled.random == pytest.approx(estimate) and pooled.fixed == pytest.approx(estimate)
    assert pooled.tau2 == 0.0 and pooled.i2 == 0.0


def test_proportions_pool_on_the_logit_scale() -> None:
    y, se = logit_proportion(11, 30)
    assert (y, se) == (pytest.approx(math.log(11 / 19)), pytest.approx(math.sqrt(1 / 11 + 1 / 19)))
    assert logit_proportion(0, 10) == (pytest.approx(math.log(0.5 / 10.5)), pytest.approx(math.sqrt(2 + 1 / 10.5)))
    assert inverse_logit(y) == pytest.approx(11 / 30)
    with pytest.raises(ValueError):
        pool([0.1], [0.2])


def test_the_screen_for_crowded_claims_never_decides_otherwise_than_fisher() -> None:
    from claimcheck.stats.proportions import screen

    rng = random.Random(11)
    answered = 0
    for _ in range(3000):
        n1, n2 = rng.randint(10, 3000), rng.randint(10, 3000)
        k1, k2 = rng.randint(0, n1), rng.randint(0, n2)
        quick = screen(k1, n1, k2, n2, 0.05)
        if quick is None:
            continue
        answered += 1
        assert (quick < 0.05) == (fisher_exact(k1, n1, k2, n2) < 0.05), (k1, n1, k2, n2)
    assert answered > 2000  # it settles most pairs, which is what makes crowded claims fast
    assert screen(2, 10, 3, 10, 0.05) is None  # expected counts under 5: only the exact test will do
