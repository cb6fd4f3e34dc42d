"""statcheck's recomputation of a p-value from a test statistic and its degrees of freedom.

This follows the R package statcheck (Nuijten and Epskamp; the functions
`compute_p`, `error_test`, `decision_error_test` and `process_stats`):

* p is recomputed from t(df), F(df1, df2), chi2(df), r(df) (turned into
  t = r / sqrt((1 - r^2) / df)) or z; t, r and z two-tailed;
* the statistic may have been rounded, so every value that rounds to it is
  tried: p is a range, from the statistic's largest to its smallest magnitude;
* a reported `p = x` is consistent when x lies between that range's ends
  rounded to x's decimals; `p < x` when x is not below the smallest p;
  `p > x` when x is not above the largest; `ns` is read as `p > alpha`;
  a reported p of zero or less is always an inconsistency;
* an inconsistency is a *decision error* when the reported and the recomputed
  p fall on different sides of alpha (p = alpha counts as significant);
* when the text says the test was one-tailed (one-sided, directional), a
  result that is inconsistent as two-tailed but consistent as one-tailed is
  consistent, except F and chi-square tests with more than one df1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from claimcheck.stats.distributions import chi2_upper, f_upper, normal_two_sided, t_two_sided

TestType = Literal["t", "F", "chi2", "r", "z"]
Comparison = Literal["=", "<", ">"]
ALPHA = 0.05


@dataclass(frozen=True)
class Reported:
    """A test result as written: `t(28) = 2.20, p = .04` is Reported("t", 2.20, 2, None, 28, "=", 0.04, 2)."""

    test: TestType
    statistic: float
    statistic_decimals: int
    df1: float | None
    df2: float | None
    p_comparison: Comparison | Literal["ns"]
    p: float
    p_decimals: int
    statistic_comparison: Comparison = "="
    one_tailed_in_text: bool = False


@dataclass(frozen=True)
class Verdict:
    """statcheck's answer: the recomputed p (and its range), and whether the report is consistent."""

    computed_p: float
    lowest_p: float
    highest_p: float
    error: bool
    decision_error: bool
    one_tailed: bool

    @property
    def consistent(self) -> bool:
        return not self.error


def compute_p(test: TestType, statistic: float, df1: float | None, df2: float | None,
              two_tailed: bool = True) -> float:
    """p of a test statistic (statcheck's `compute_p`)."""
    if test == "t":
        p = t_two_sided(statistic, _df(df2)) / 2
    elif test == "F":
        return f_upper(statistic, _df(df1), _df(df2))
    elif test == "chi2":
        return chi2_upper(statistic, _df(df1))
    elif test == "z":
        p = normal_two_sided(statistic) / 2
    else:
        df = _df(df2)
        if abs(statistic) >= 1:
            return 0.0
        t = statistic / math.sqrt((1 - statistic * statistic) / df)
        p = t_two_sided(t, df) / 2
    return 2 * p if two_tailed else p


def _df(value: float | None) -> float:
    if value is None or not value > 0:
        raise ValueError("degrees of freedom must be positive")
    return value


def check(result: Reported, alpha: float = ALPHA) -> Verdict:
    """Is the reported p consistent with the statistic? (statcheck's `process_stats`.)"""
    verdict = _check(result, alpha, two_tailed=True)
    multi_df = result.test in ("F", "chi2") and (result.df1 or 0) > 1
    if verdict.error and result.one_tailed_in_text and not multi_df:
        one_tailed = _check(result, alpha, two_tailed=False)
        if not one_tailed.error:
            return one_tailed
    return verdict


def _check(result: Reported, alpha: float, two_tailed: bool) -> Verdict:
    comparison, reported = result.p_comparison, result.p
    if comparison == "ns":
        comparison, reported = ">", alpha
    computed = compute_p(result.test, result.statistic, result.df1, result.df2, two_tailed)
    smallest_stat, largest_stat = _statistic_range(result)
    highest = compute_p(result.test, smallest_stat, result.df1, result.df2, two_tailed)
    lowest = compute_p(result.test, largest_stat, result.df1, result.df2, two_tailed)
    if reported <= 0:
        error = True
    else:
        error = _error(reported, comparison, result.statistic_comparison, lowest, highest, result.p_decimals)
    decision = error and _decision_error(reported, computed, comparison, result.statistic_comparison, alpha)
    return Verdict(computed, lowest, highest, error, decision, not two_tailed)


def _statistic_range(result: Reported) -> tuple[float, float]:
    """The statistic's smallest and largest magnitude that round to the written value."""
    half = 0.5 * 10.0 ** -result.statistic_decimals
    magnitude = abs(result.statistic)
    smallest, largest = max(0.0, magnitude - half), magnitude + half
    if result.test == "r":
        largest = min(largest, 1.0)
    sign = -1.0 if result.statistic < 0 else 1.0
    return sign * smallest, sign * largest


def _round(p: float, decimals: int) -> float:
    """Round as R's round() does for these purposes (half to even on the decimal value)."""
    return round(p, decimals)


def _error(reported: float, comparison: str, statistic_comparison: str, lowest: float, highest: float,
           decimals: int) -> bool:
    if statistic_comparison == "=":
        if comparison == "=":
            return reported > _round(highest, decimals) or reported < _round(lowest, decimals)
        if comparison == "<":
            return reported < lowest
        return reported > highest
    if statistic_comparison == "<":
        if comparison == "=":
            return reported < _round(highest, decimals)
        if comparison == "<":
            return reported < highest
        return False
    if comparison == "=":
        return reported > _round(lowest, decimals)
    if comparison == "<":
        return False
    return reported > lowest


def _decision_error(reported: float, computed: float, comparison: str, statistic_comparison: str,
                    alpha: float) -> bool:
    """statcheck's `decision_error_test` with p = alpha counted as significant."""
    if statistic_comparison == "=":
        if comparison == "=":
            return (reported <= alpha < computed) or (computed <= alpha < reported)
        if comparison == "<":
            return reported <= alpha < computed
        return reported >= alpha >= computed
    if statistic_comparison == "<":
        return comparison in ("=", "<") and reported <= alpha <= computed
    if comparison == "=":
        return reported > alpha >= computed
    return comparison == ">" and reported >= alpha >= computed
