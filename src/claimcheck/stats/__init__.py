"""The statistics claimcheck needs, in the standard library alone (docs/statistics.md).

One module per concern: `distributions` (normal, t, F, chi-square tails),
`proportions` (Fisher's exact test, Wilson interval), `intervals` (p from a
confidence interval, at the precision the numbers were written), `effects`
(risk ratio, odds ratio, risk difference from two arms; two estimates
compared), `statcheck` (p recomputed from a test statistic), `grim` (GRIM and
GRIMMER), and `meta` (fixed-effect and random-effects pooling).
"""

from claimcheck.stats.proportions import (
    CHI_SQUARE,
    FISHER,
    ProportionInterval,
    TestResult,
    compare_proportions,
    fisher_exact,
    wilson_interval,
)

__all__ = ["CHI_SQUARE", "FISHER", "ProportionInterval", "TestResult", "compare_proportions", "fisher_exact", "wilson_interval"]
