"""Effects of a treatment from two arms' counts, and two independent estimates compared.

From a events of n1 (treatment) and c events of n2 (control), with the
large-sample standard errors that RevMan and metafor's `escalc` use (Cochrane
Handbook, chapter 6; Deeks and Higgins, "Statistical algorithms in Review
Manager 5"):

* risk ratio RR = (a/n1) / (c/n2), SE(ln RR) = sqrt(1/a - 1/n1 + 1/c - 1/n2) (Katz et al. 1978);
* odds ratio OR = ad / bc, SE(ln OR) = sqrt(1/a + 1/b + 1/c + 1/d) (Woolf 1955);
* risk difference RD = a/n1 - c/n2, SE = sqrt(p1(1-p1)/n1 + p2(1-p2)/n2) (Wald);

where a table has a zero cell, 0.5 is added to every cell for the ratios (the
Haldane-Anscombe correction, as RevMan does), and the result says so. The
number needed to treat is 1/|RD|, with Altman's convention (BMJ 1998;317:1309)
for an interval of RD that includes zero: NNT (benefit) to infinity to NNT (harm).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimcheck.stats.distributions import normal_two_sided
from claimcheck.stats.intervals import z_of_level

RISK_RATIO, ODDS_RATIO, RISK_DIFFERENCE = "risk ratio", "odds ratio", "risk difference"


@dataclass(frozen=True)
class Estimate:
    """An effect, its standard error (of the log, for a ratio) and its confidence interval."""

    measure: str
    value: float
    se: float
    lower: float
    upper: float
    ratio: bool
    corrected: bool = False

    @property
    def scaled(self) -> float:
        """The estimate on the scale its SE is on: the log for a ratio."""
        return math.log(self.value) if self.ratio else self.value

    @property
    def p(self) -> float:
        """Two-sided p of the null (ratio 1, difference 0), on the normal approximation."""
        return normal_two_sided(self.scaled / self.se) if self.se > 0 else math.nan


def _interval(value: float, se: float, level: float, ratio: bool) -> tuple[float, float]:
    z = z_of_level(level)
    if ratio:
        centre = math.log(value)
        return math.exp(centre - z * se), math.exp(centre + z * se)
    return value - z * se, value + z * se


def risk_ratio(a: int, n1: int, c: int, n2: int, level: float = 0.95) -> Estimate | None:
    """RR of the treatment arm a/n1 against the control arm c/n2; None when both arms have no events."""
    _check(a, n1, c, n2)
    if a == 0 and c == 0:
        return None
    corrected = a == 0 or c == 0
    fa, fn1, fc, fn2 = (a + 0.5, n1 + 1.0, c + 0.5, n2 + 1.0) if corrected else (a, n1, c, n2)
    value = (fa / fn1) / (fc / fn2)
    se = math.sqrt(1 / fa - 1 / fn1 + 1 / fc - 1 / fn2)
    return Estimate(RISK_RATIO, value, se, *_interval(value, se, level, True), ratio=True, corrected=corrected)


def odds_ratio(a: int, n1: int, c: int, n2: int, level: float = 0.95) -> Estimate | None:
    """OR of a/n1 against c/n2; None when a column of the table is empty (no information)."""
    _check(a, n1, c, n2)
    b, d = n1 - a, n2 - c
    if a + c == 0 or b + d == 0:
        return None
    corrected = 0 in (a, b, c, d)
    cells = [x + 0.5 for x in (a, b, c, d)] if corrected else [float(x) for x in (a, b, c, d)]
    fa, fb, fc, fd = cells
    value = (fa * fd) / (fb * fc)
    se = math.sqrt(sum(1 / x for x in cells))
    return Estimate(ODDS_RATIO, value, se, *_interval(value, se, level, True), ratio=True, corrected=corrected)


def risk_difference(a: int, n1: int, c: int, n2: int, level: float = 0.95) -> Estimate:
    """RD = a/n1 - c/n2, as a fraction (0.05 is 5 percentage points), with its Wald interval."""
    _check(a, n1, c, n2)
    p1, p2 = a / n1, c / n2
    value = p1 - p2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return Estimate(RISK_DIFFERENCE, value, se, *_interval(value, se, level, False), ratio=False)


def _check(a: int, n1: int, c: int, n2: int) -> None:
    if not (0 <= a <= n1 and 0 <= c <= n2 and n1 > 0 and n2 > 0):
        raise ValueError("counts must satisfy 0 <= events <= n and n > 0")


@dataclass(frozen=True)
class NumberNeeded:
    """The number needed to treat for one more (benefit) or one fewer (harm) event, with its interval.

    `interval` is written as Altman describes: two finite ends when the risk
    difference's interval excludes zero, else the benefit and harm ends on
    either side of infinity.
    """

    value: float
    harm: bool
    interval: str


def number_needed(rd: Estimate, fewer_is_benefit: bool = True) -> NumberNeeded | None:
    """1/|RD| from a risk difference; None when RD is 0."""
    if rd.value == 0:
        return None
    benefit = (rd.value < 0) == fewer_is_benefit
    ends = sorted(abs(1 / x) if x else math.inf for x in (rd.lower, rd.upper))
    if rd.lower < 0 < rd.upper:
        kind = ("NNTB", "NNTH") if fewer_is_benefit else ("NNTH", "NNTB")
        low_end, high_end = abs(1 / rd.lower), abs(1 / rd.upper)
        interval = f"{kind[0]} {low_end:.1f} to infinity to {kind[1]} {high_end:.1f}"
    else:
        interval = f"{ends[0]:.1f} to {ends[1]:.1f}"
    return NumberNeeded(abs(1 / rd.value), not benefit, interval)


@dataclass(frozen=True)
class Difference:
    """Two independent estimates compared: their difference on the working scale, its SE, z and p."""

    difference: float
    se: float
    z: float
    p: float

    def ratio_interval(self, level: float = 0.95) -> tuple[float, float, float]:
        """For ratios: the ratio of the two ratios and its interval."""
        z = z_of_level(level)
        return (math.exp(self.difference), math.exp(self.difference - z * self.se),
                math.exp(self.difference + z * self.se))


def compare_estimates(first: float, first_se: float, second: float, second_se: float) -> Difference:
    """Altman and Bland's test of the difference between two independent estimates (BMJ 2003;326:219).

    The estimates are on their working scale (logs for ratios):
    d = E1 - E2, SE(d) = sqrt(SE1^2 + SE2^2), z = d / SE(d), p two-sided normal.
    """
    se = math.hypot(first_se, second_se)
    difference = first - second
    z = difference / se if se > 0 else math.copysign(math.inf, difference) if difference else 0.0
    return Difference(difference, se, z, normal_two_sided(z) if se > 0 or difference else 1.0)
