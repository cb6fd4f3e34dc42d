"""The two statistics claimcheck needs, in the standard library alone.

* Fisher's exact test of equal proportions (two-sided), for deciding whether
  two studies' counts k1/n1 and k2/n2 differ by more than sampling error. It is
  exact at every sample size, so no large-sample approximation needs a cut-off.
* The Wilson score interval, for showing how precise one count is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

#: Probabilities within this relative distance of the observed table's count as
#: "as extreme", so that floating-point noise does not drop tied tables (the
#: same tolerance as R's fisher.test and SciPy).
_RELATIVE_TOLERANCE = 1 + 1e-7


@lru_cache(maxsize=65536)
def fisher_exact(k1: int, n1: int, k2: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test for the table [[k1, n1-k1], [k2, n2-k2]].

    The two-sided p is the total probability, under the hypergeometric
    distribution with the margins fixed, of every table no more probable than
    the one observed.
    """
    if not (0 <= k1 <= n1 and 0 <= k2 <= n2) or n1 + n2 == 0:
        raise ValueError("counts must satisfy 0 <= k <= n")
    successes = k1 + k2
    total = n1 + n2
    low, high = max(0, successes - n2), min(successes, n1)

    def log_probability(x: int) -> float:
        return (_log_choose(n1, x) + _log_choose(n2, successes - x) - _log_choose(total, successes))

    observed = log_probability(k1)
    threshold = observed + math.log(_RELATIVE_TOLERANCE)
    p = sum(math.exp(lp) for lp in map(log_probability, range(low, high + 1)) if lp <= threshold)
    return min(1.0, p)


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


@dataclass(frozen=True)
class ProportionInterval:
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def wilson_interval(k: int, n: int, z: float = 1.959963984540054) -> ProportionInterval:
    """The Wilson score interval for k successes in n trials (95% by default), as fractions."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError("counts must satisfy 0 <= k <= n and n > 0")
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = (z / (1 + z2 / n)) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    # At k = 0 or k = n the bound is exactly 0 or 1; floating point would miss it by an ulp.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return ProportionInterval(low, high)
