"""GRIM and GRIMMER: can a mean (and SD) of whole-number answers be what was reported?

GRIM (Brown and Heathers, "The GRIM test", Social Psychological and
Personality Science 2017;8:363-369): the mean of n answers on an item scored in
whole numbers is a whole number divided by n (by n x items for the mean of
several such items), so only some means are possible at a given precision.
GRIMMER (Anaya, "The GRIMMER test", PeerJ Preprints 2016;4:e2400) extends
this to the standard deviation: the sum of squares behind it must be a whole
number with the same parity as the sum. Authors' software rounds half up or
half to even, so a mean is accepted if either convention gives it.

GRIM is exact. GRIMMER's conditions are necessary, not sufficient: it never
flags a (mean, SD) pair that some data give, but for n of 4 or fewer a few
impossible pairs pass (the tests measure this against every possible data set).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimcheck.stats.written import Written


@dataclass(frozen=True)
class GrimResult:
    consistent: bool
    #: The nearest possible means at the reported precision, below and above (for the message).
    nearest: tuple[float, ...]


def _rounds_to(value: float, written: Written) -> bool:
    """Whether value rounds to the written number, half up or half to even (a closed interval)."""
    tolerance = 1e-9 * max(1.0, abs(value))
    return written.low - tolerance <= value <= written.high + tolerance


def grim(mean: Written, n: int, items: int = 1) -> GrimResult:
    """Whether some whole total over n x items answers gives a mean that rounds to the reported one."""
    if n <= 0 or items <= 0:
        raise ValueError("n and items must be positive")
    granules = n * items
    candidates = range(math.floor(mean.low * granules), math.ceil(mean.high * granules) + 1)
    consistent = any(_rounds_to(total / granules, mean) for total in candidates)
    below = math.floor(mean.low * granules)
    above = math.ceil(mean.high * granules)
    nearest = tuple(round(total / granules, mean.decimals) for total in (below, above))
    return GrimResult(consistent, nearest)


def grim_applicable(mean: Written, n: int, items: int = 1) -> bool:
    """GRIM can only catch anything when n x items is smaller than 10^decimals."""
    return bool(n * items < 10 ** mean.decimals)


def grimmer(mean: Written, sd: Written, n: int) -> bool:
    """Whether whole-number answers can give both the mean and the (sample) SD reported (one item)."""
    if n < 2:
        raise ValueError("an SD needs n >= 2")
    for total in range(math.floor(mean.low * n), math.ceil(mean.high * n) + 1):
        if not _rounds_to(total / n, mean):
            continue
        # sum of squares Q from SD: sd^2 = (Q - total^2/n) / (n - 1)
        low = max(0.0, sd.low) ** 2 * (n - 1) + total * total / n
        high = sd.high ** 2 * (n - 1) + total * total / n
        for squares in range(math.ceil(low - 1e-9), math.floor(high + 1e-9) + 1):
            if squares % 2 != total % 2:  # x^2 has the parity of x, so Q has the parity of the total
                continue
            variance = (squares - total * total / n) / (n - 1)
            if variance >= 0 and _rounds_to(math.sqrt(variance), sd):
                return True
    return False
