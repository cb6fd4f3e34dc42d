"""Pooling estimates from independent studies: fixed effect and DerSimonian-Laird random effects.

Each study gives an estimate y_i with standard error s_i, on the working scale
(log for ratios, logit for proportions). With weights w_i = 1/s_i^2:

* fixed effect (inverse variance): mu_F = sum(w y) / sum(w), SE = 1/sqrt(sum(w));
* Cochran's Q = sum(w (y - mu_F)^2) on k - 1 df; I^2 = max(0, (Q - (k-1)) / Q);
  H^2 = Q / (k - 1) (Higgins and Thompson, Stat Med 2002;21:1539);
* DerSimonian and Laird (Control Clin Trials 1986;7:177): tau^2 =
  max(0, (Q - (k-1)) / (sum(w) - sum(w^2)/sum(w))), then weights 1/(s_i^2 + tau^2);
* the prediction interval for a new study's effect (Higgins, Thompson and
  Spiegelhalter, J R Stat Soc A 2009;172:137): mu_R +/- t_{k-2} sqrt(tau^2 + SE_R^2),
  for k >= 3.

The figures match metafor's `rma(..., method="DL")` (Viechtbauer, J Stat Softw
2010;36(3)); the tests pin its BCG vaccine example.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.stats.distributions import chi2_upper, normal_two_sided, t_quantile_two_sided
from claimcheck.stats.intervals import z_of_level


@dataclass(frozen=True)
class Pooled:
    """A pooled estimate on the working scale, with its heterogeneity."""

    k: int
    fixed: float
    fixed_se: float
    random: float
    random_se: float
    tau2: float
    q: float
    q_p: float
    i2: float
    h2: float
    prediction: tuple[float, float] | None

    def interval(self, random: bool = True, level: float = 0.95) -> tuple[float, float]:
        centre, se = (self.random, self.random_se) if random else (self.fixed, self.fixed_se)
        z = z_of_level(level)
        return centre - z * se, centre + z * se

    def p(self, random: bool = True) -> float:
        centre, se = (self.random, self.random_se) if random else (self.fixed, self.fixed_se)
        return normal_two_sided(centre / se)


def pool(estimates: Sequence[float], standard_errors: Sequence[float]) -> Pooled:
    """Pool k >= 2 independent estimates (on their working scale) with their standard errors."""
    if len(estimates) != len(standard_errors) or len(estimates) < 2:
        raise ValueError("pooling needs two or more estimates, each with a standard error")
    if any(not se > 0 or math.isinf(se) for se in standard_errors):
        raise ValueError("standard errors must be positive and finite")
    k = len(estimates)
    weights = [1 / se ** 2 for se in standard_errors]
    total = sum(weights)
    fixed = sum(w * y for w, y in zip(weights, estimates)) / total
    q = sum(w * (y - fixed) ** 2 for w, y in zip(weights, estimates))
    df = k - 1
    scaling = total - sum(w * w for w in weights) / total
    tau2 = max(0.0, (q - df) / scaling) if scaling > 0 else 0.0
    random_weights = [1 / (se ** 2 + tau2) for se in standard_errors]
    random_total = sum(random_weights)
    random = sum(w * y for w, y in zip(random_weights, estimates)) / random_total
    random_se = 1 / math.sqrt(random_total)
    prediction = None
    if k >= 3:
        half = t_quantile_two_sided(0.05, k - 2) * math.sqrt(tau2 + random_se ** 2)
        prediction = (random - half, random + half)
    return Pooled(k, fixed, 1 / math.sqrt(total), random, random_se, tau2, q, chi2_upper(q, df),
                  max(0.0, (q - df) / q) if q > 0 else 0.0, q / df, prediction)


def logit_proportion(k: int, n: int) -> tuple[float, float]:
    """A proportion on the logit scale with its SE, 0.5 added to both cells when k is 0 or n
    (as metafor's escalc(measure="PLO") with its default add=1/2, to="only0")."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError("counts must satisfy 0 <= k <= n and n > 0")
    events, non_events = (k + 0.5, n - k + 0.5) if k in (0, n) else (float(k), float(n - k))
    return math.log(events / non_events), math.sqrt(1 / events + 1 / non_events)


def inverse_logit(x: float) -> float:
    return 1 / (1 + math.exp(-x))
