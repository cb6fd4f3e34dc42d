"""Pooled estimates: one per claim that two or more independent studies support with numbers.

Provenance decides what is independent: entries are grouped by the one study
at the root of their `cites` (repeats of a study count once; an entry resting
on several studies at once is left out, since its numbers are not one study's).
From each study one estimate is taken, on the measure that most studies give
with a standard error (RR, OR, HR, IRR, RD or MD from an interval or from
two-arm counts; a proportion k/n on the logit scale), preferring the study's
own document, then the most precise entry. These are pooled by inverse-variance
fixed effect and DerSimonian-Laird random effects (stats/meta.py). Adjusted and
crude estimates are pooled together only with a note saying so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from claimcheck.judge.compare import ClaimComparison
from claimcheck.judge.compare_effects import ANY_RATIO, RATIO_MEASURES, read
from claimcheck.registry.index import EvidenceKey, RegistryIndex
from claimcheck.stats.meta import Pooled, inverse_logit, logit_proportion, pool
from claimcheck.values import Measure, TwoArms

PROPORTION = "proportion"
#: When studies give several measures equally often, the first of these is pooled.
PREFERENCE = (*RATIO_MEASURES, "RD", PROPORTION)
NAMES = {"RR": "risk ratio", "OR": "odds ratio", "HR": "hazard ratio", "IRR": "rate ratio", "RD": "risk difference",
         PROPORTION: "proportion"}


@dataclass(frozen=True)
class StudyEstimate:
    """One study's estimate as pooled: on the working scale (log, logit), with its standard error."""

    study: str
    source: str
    key: EvidenceKey
    estimate: float
    se: float
    adjusted: bool
    shown: str


@dataclass(frozen=True)
class ClaimPool:
    """A claim's pooled estimate, the studies in it, and the measure it is on."""

    measure: str
    studies: tuple[StudyEstimate, ...]
    result: Pooled

    @property
    def name(self) -> str:
        return NAMES.get(self.measure, self.measure.split(":", 1)[0] if ":" in self.measure else self.measure)

    @property
    def ratio(self) -> bool:
        return self.measure in RATIO_MEASURES or self.measure == ANY_RATIO

    @property
    def mixes_adjusted(self) -> bool:
        return len({study.adjusted for study in self.studies}) > 1

    def natural(self, x: float) -> float:
        """A working-scale figure on the scale people read: a ratio, a percentage, a difference."""
        if self.ratio:
            return math.exp(x)
        if self.measure == PROPORTION:
            return 100 * inverse_logit(x)
        return x

    def interval(self, random: bool = True) -> tuple[float, float, float]:
        result = self.result
        low, high = result.interval(random)
        centre = result.random if random else result.fixed
        return self.natural(centre), self.natural(low), self.natural(high)

    def null(self) -> float | None:
        return 1.0 if self.ratio else 0.0 if self.measure != PROPORTION else None

    def shown(self, random: bool = True) -> str:
        centre, low, high = self.interval(random)
        return f"{self.label()} {figure(centre)}{self.unit()} (95% CI {figure(low)} to {figure(high)}{self.unit()})"

    def label(self) -> str:
        return self.measure.split(":", 1)[0] if self.measure != PROPORTION else "proportion"

    def unit(self) -> str:
        if self.measure == PROPORTION:
            return "%"
        return f" {self.measure.split(':', 1)[1]}" if ":" in self.measure and self.measure.split(":", 1)[1] else ""

    def heterogeneity(self) -> str:
        r = self.result
        return (f"tau² = {r.tau2:.3g}, I² = {100 * r.i2:.0f}%, Q = {r.q:.2f} (df {r.k - 1}, "
                f"p = {r.q_p:.2g})")

    def lines(self) -> list[str]:
        """The pooled estimate as `show` prints it, one line a figure."""
        lines = [f"{study.study}: {study.shown}" + (f" (reported by {study.source})" if study.source != study.study else "")
                 for study in self.studies]
        lines.append(f"fixed effect: {self.shown(random=False)}")
        lines.append(f"random effects (DerSimonian-Laird): {self.shown()}, {self.heterogeneity()}")
        prediction = self.result.prediction
        if prediction is None:
            lines.append("prediction interval: needs 3 or more studies")
        else:
            low, high = (self.natural(x) for x in prediction)
            lines.append(f"95% prediction interval: {figure(low)} to {figure(high)}{self.unit()}")
        if self.mixes_adjusted:
            lines.append("note: pools adjusted with crude estimates")
        return lines

    def to_json(self) -> dict[str, Any]:
        r = self.result
        centre, low, high = self.interval(random=True)
        fixed, fixed_low, fixed_high = self.interval(random=False)
        prediction = None if r.prediction is None else [self.natural(x) for x in r.prediction]
        return {
            "measure": self.measure, "name": self.name, "k": r.k,
            "studies": [{"study": s.study, "source": s.source, "evidence": s.key[1], "estimate": self.natural(s.estimate),
                         "se": s.se, "adjusted": s.adjusted} for s in self.studies],
            "fixed": {"estimate": fixed, "low": fixed_low, "high": fixed_high},
            "random": {"estimate": centre, "low": low, "high": high},
            "tau2": r.tau2, "i2": r.i2, "q": r.q, "q_p": r.q_p, "prediction": prediction,
            "mixes_adjusted": self.mixes_adjusted,
        }


@dataclass(frozen=True)
class ClaimEstimates:
    """A claim's estimates with a standard error: measure -> study -> estimates, the measure most studies give first."""

    ranked: tuple[tuple[str, dict[str, list[StudyEstimate]]], ...]

    def pool(self) -> ClaimPool | None:
        """The claim's pooled estimate, or None when fewer than two independent studies give one."""
        if not self.ranked or len(self.ranked[0][1]) < 2:
            return None
        measure, studies = self.ranked[0]
        chosen = tuple(_choose(options) for _study, options in sorted(studies.items()))
        result = pool([s.estimate for s in chosen], [s.se for s in chosen])
        return ClaimPool(measure, chosen, result)

    def best_single(self) -> tuple[str, StudyEstimate] | None:
        """For a claim that one study supports with numbers: its estimate, on the measure most entries give."""
        if not self.ranked:
            return None
        measure, studies = self.ranked[0]
        return measure, _choose(next(iter(sorted(studies.items())))[1])


def claim_estimates(index: RegistryIndex, comparison: ClaimComparison, excluded: Iterable[str] = ()) -> ClaimEstimates:
    by_measure = _candidates(index, comparison, frozenset(excluded))
    return ClaimEstimates(tuple(sorted(by_measure.items(), key=lambda item: (-len(item[1]), _rank(item[0])))))


def _rank(measure: str) -> int:
    return PREFERENCE.index(measure) if measure in PREFERENCE else len(PREFERENCE)


def _candidates(index: RegistryIndex, comparison: ClaimComparison,
                excluded: frozenset[str]) -> dict[str, dict[str, list[StudyEstimate]]]:
    """measure -> study -> the estimates its entries give with a standard error."""
    found: dict[str, dict[str, list[StudyEstimate]]] = {}
    position = comparison.claim_position
    for entry_position, evidence in enumerate(comparison.claim.evidence):
        key = (position, entry_position)
        roots = index.roots.get(key, frozenset())
        if evidence.source in excluded or len(roots) != 1 or roots & excluded:
            continue
        study = next(iter(roots))
        value = index.values.get(key)
        if value is None:
            continue
        for measure, estimate in _estimates(value, study, evidence.source, key):
            found.setdefault(measure, {}).setdefault(study, []).append(estimate)
    return found


def _estimates(value: Any, study: str, source: str, key: EvidenceKey) -> list[tuple[str, StudyEstimate]]:
    if isinstance(value, Measure):
        count = value.count
        if count is None or count.n <= 0 or not 0 <= count.k <= count.n:
            return []
        y, se = logit_proportion(count.k, count.n)
        return [(PROPORTION, StudyEstimate(study, source, key, y, se, False, f"{count.k}/{count.n}"))]
    reading = read(value)
    return [(measure, StudyEstimate(study, source, key, on.centre, on.se, on.adjusted, _study_shown(on.shown, on, value)))
            for measure, on in reading.estimates.items()
            if on.se is not None and on.se > 0 and math.isfinite(on.centre)]


def _study_shown(shown: str, on: Any, value: Any) -> str:
    """How a study's estimate is listed: as written, with the crude estimate that counts give."""
    if not isinstance(value, TwoArms):
        return f"`{value.text}`"
    low, high = (math.exp(on.centre + sign * 1.959963984540054 * on.se) for sign in (-1, 1))
    return f"{shown} (95% CI {figure(low)} to {figure(high)}) from `{value.text}`"


def _choose(options: list[StudyEstimate]) -> StudyEstimate:
    """The study's own document first, then the most precise estimate, then the first written."""
    return min(options, key=lambda s: (s.source != s.study, s.se, s.key))


def figure(x: float) -> str:
    """A pooled figure as shown: two decimals below 10, one below 100, none above."""
    if not math.isfinite(x):
        return "inf" if x > 0 else "-inf"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"
