"""From a confidence interval to a standard error and a p-value, at the precision written.

The method is Altman and Bland's ("How to obtain the P value from a confidence
interval", BMJ 2011;343:d2304): for a difference, SE = (u - l) / (2 z), where z
is the normal quantile of the interval's level (1.96 for 95%), then z = Est/SE
and P is the two-sided normal tail of z. For a ratio (risk, odds, hazard or
rate ratio) the same is done on the log scale. Where the paper approximates the
normal tail with exp(-0.717 z - 0.416 z^2), the exact tail is used here.

Every number in a report is rounded, so the functions here take `Written`
numbers and answer with the whole range of what the rounded numbers allow:
the smallest and largest p, whether the interval can be symmetric, which
confidence levels could have produced it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimcheck.stats.distributions import normal_quantile, normal_two_sided
from claimcheck.stats.written import Written

#: The confidence levels reports commonly use, checked in this order.
COMMON_LEVELS = (0.95, 0.90, 0.99)


def z_of_level(level: float) -> float:
    """The two-sided normal quantile of a confidence level: 1.959964 for 0.95."""
    return normal_quantile(0.5 + level / 2.0)


def _scale(value: float, ratio: bool) -> float:
    if not ratio:
        return value
    return math.log(value) if value > 0 else -math.inf


def standard_error(lower: float, upper: float, level: float = 0.95, ratio: bool = False) -> float:
    """SE of the estimate from its interval (of the log estimate, for a ratio)."""
    return (_scale(upper, ratio) - _scale(lower, ratio)) / (2.0 * z_of_level(level))


def p_from_interval(estimate: float, lower: float, upper: float, level: float = 0.95,
                    ratio: bool = False) -> float:
    """Altman and Bland's two-sided p for an estimate and its confidence interval."""
    se = standard_error(lower, upper, level, ratio)
    if not se > 0:
        return math.nan
    return normal_two_sided(_scale(estimate, ratio) / se)


@dataclass(frozen=True)
class PRange:
    """The smallest and the largest p that the written numbers allow."""

    low: float
    high: float

    def overlaps(self, low: float, high: float) -> bool:
        return self.low <= high and low <= self.high


def p_range(estimate: Written, lower: Written, upper: Written, level: float = 0.95,
            ratio: bool = False) -> PRange:
    """Every p that Altman and Bland's method gives for some values that round to the written ones.

    p falls as |estimate| grows and as the interval narrows, so the extremes
    come from the corners: the estimate nearest to and farthest from the null,
    with the widest and the narrowest interval the rounding allows.
    """
    z = 2.0 * z_of_level(level)
    ends = [_scale(estimate.low, ratio), _scale(estimate.high, ratio)]
    nearest = 0.0 if ends[0] <= 0.0 <= ends[1] else min(abs(ends[0]), abs(ends[1]))
    farthest = max(abs(ends[0]), abs(ends[1]))
    widest = _scale(upper.high, ratio) - _scale(lower.low, ratio)
    narrowest = _scale(upper.low, ratio) - _scale(lower.high, ratio)
    high = 1.0 if nearest == 0.0 or math.isinf(widest) else normal_two_sided(nearest / (widest / z))
    low = 0.0 if narrowest <= 0.0 or math.isinf(farthest) else normal_two_sided(farthest / (narrowest / z))
    return PRange(low, high)


def log_symmetric(estimate: Written, lower: Written, upper: Written) -> bool:
    """Whether some values that round to the written ones put the estimate at the interval's log-scale centre.

    On the log scale an interval is symmetric when estimate^2 = lower * upper;
    the question is whether the range of the one meets the range of the other.
    """
    if min(estimate.low, lower.low, upper.low) < 0:
        return True  # not a valid ratio interval; reported by the positivity check
    squares = (estimate.low ** 2, estimate.high ** 2)
    products = (lower.low * upper.low, lower.high * upper.high)
    return squares[0] <= products[1] and products[0] <= squares[1]


def symmetric(estimate: Written, lower: Written, upper: Written) -> bool:
    """Whether some values that round to the written ones put the estimate at the interval's centre."""
    doubled = (2 * estimate.low, 2 * estimate.high)
    sums = (lower.low + upper.low, lower.high + upper.high)
    return doubled[0] <= sums[1] and sums[0] <= doubled[1]


def excludes_null(lower: Written, upper: Written, ratio: bool) -> bool | None:
    """True if the interval excludes no effect (1 for a ratio, 0 for a difference) whatever the rounding,
    False if it includes it whatever the rounding, None if the rounding leaves it open."""
    null = 1.0 if ratio else 0.0
    if lower.low > null or upper.high < null:
        return True
    if lower.high < null < upper.low:
        return False
    return None


def fitting_levels(estimate: Written, lower: Written, upper: Written, p_low: float, p_high: float,
                   ratio: bool) -> tuple[float, ...]:
    """The common confidence levels under which the interval is compatible with a p in [p_low, p_high]."""
    return tuple(level for level in COMMON_LEVELS
                 if p_range(estimate, lower, upper, level, ratio).overlaps(p_low, p_high))
