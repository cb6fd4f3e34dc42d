"""GRADE-style certainty of the evidence for each claim, with every step shown.

The rules (docs/grading.md gives the reason for each):

1. Retracted sources are excluded, and named.
2. Provenance first: each document rests on the studies at the root of its
   `cites`; documents and independent studies are counted apart.
3. The starting level is set by the best root study design: rct,
   meta-analysis or systematic-review high; cohort, case-control,
   cross-sectional low; anything else, a study without a design, or no
   study at all ("no primary source") very-low.
4. Down one level each, never below very-low: risk of bias (a root study not
   peer reviewed, a preprint, conflicted, or judged at high risk of bias), inconsistency
   (an unaccepted conflict, or pooled effects with I² above 50%), imprecision
   (an interval, or a significance, that includes no effect; two levels for an
   effect interval spanning benefit and harm; or evidence short of GRADE's
   optimal information size, information.py),
   indirectness, unreliable reporting.
5. Up one or two levels for a large effect (a ratio beyond 2 or 0.5; 5 or 0.2)
   in observational evidence with no downgrade.
6. Up one level, never above high, when two or more independent studies agree
   and none conflicts; never when a pair of values has nothing to compare, or
   is `not-comparable` (on measures that cannot be set against each other).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimcheck import progress
from claimcheck.judge.compare import ClaimComparison
from claimcheck.judge.compare_effects import ANY_RATIO, RATIO_MEASURES, read
from claimcheck.judge.information import (
    MEASURE_OUTCOMES,
    UNKNOWN,
    InformationSize,
    Verdict,
    outcome_of_values,
    study_sizes,
)
from claimcheck.judge.pooling import ClaimEstimates, ClaimPool, StudyEstimate, claim_estimates
from claimcheck.judge.statements import Effect
from claimcheck.judge.verdicts import GRADES, Grade
from claimcheck.registry.index import RegistryIndex
from claimcheck.registry.model import Source
from claimcheck.stats import wilson_interval
from claimcheck.values import Mean, Measure, PValue, RelativeChange, Significance, TestStatistic, TwoArms, Value

HIGH_DESIGNS = frozenset({"rct", "meta-analysis", "systematic-review"})
LOW_DESIGNS = frozenset({"cohort", "case-control", "cross-sectional"})
#: Reports of a study's own results: a preprint is one, not yet peer reviewed.
STUDY_TYPES = frozenset({"study", "review", "preprint"})
#: Documents that report others' findings: a press release is not a study, nor an editorial or a letter.
SECONDARY_TYPES = frozenset({"news", "blog", "reference", "other", "press-release", "commentary"})
UNRELIABLE_FLAGS = ("ai-generated", "commercial")
BIAS_FLAGS = ("preprint", "conflict-of-interest")
IMPRECISE_SAMPLE = 100
IMPRECISE_WIDTH = 20.0  # percentage points of the 95% interval
#: An interval of a ratio that reaches past both ends counts as very imprecise (GRADE 6: an
#: appreciable benefit or harm is a relative change of 25%).
APPRECIABLE_BENEFIT, APPRECIABLE_HARM = 0.75, 1.25
#: Values judged for imprecision by their significance and the information size behind them.
STATISTIC_VALUES = (TestStatistic, Mean, PValue, Significance, RelativeChange, TwoArms)
#: I² above this is substantial heterogeneity (Cochrane Handbook 10.10.2: 50-90% "may represent
#: substantial heterogeneity"); GRADE 7 rates down for inconsistency then.
SUBSTANTIAL_I2 = 0.50
#: Ratios beyond these are large or very large effects (GRADE 9: RR > 2 or < 0.5; > 5 or < 0.2).
LARGE_EFFECT, VERY_LARGE_EFFECT = 2.0, 5.0


@dataclass(frozen=True)
class ClaimGrade:
    claim_id: str
    grade: Grade
    reasons: tuple[str, ...]
    documents: int
    independent_studies: int
    excluded: tuple[str, ...] = field(default=())
    #: The pooled estimate of two or more independent studies' numbers, if any (pooling.py).
    pool: ClaimPool | None = None
    #: The effect the grade is about (pooled, or its one study's), for its plain-language statement.
    effect: Effect | None = None
    #: The participants and events imprecision weighed against the optimal information size, if it did.
    information: InformationSize | None = None


@dataclass(frozen=True)
class SourceFlags:
    """The flags grading asks about for every claim (retracted, unreliable), read once per registry."""

    retracted: frozenset[str]
    unreliable: frozenset[str]

    @classmethod
    def of(cls, index: RegistryIndex) -> SourceFlags:
        sources = index.sources.items()
        return cls(frozenset(i for i, s in sources if "retracted" in s.flags),
                   frozenset(i for i, s in sources if _unreliable(s)))


def grade_registry(index: RegistryIndex, comparisons: Sequence[ClaimComparison]) -> dict[str, ClaimGrade]:
    sources = SourceFlags.of(index)
    return {c.claim.id: grade_claim(index, c, sources) for c in progress.track(comparisons, "Grading claims")}


def grade_claim(index: RegistryIndex, comparison: ClaimComparison, sources: SourceFlags | None = None) -> ClaimGrade:
    grader = _Grader(index, comparison, sources or SourceFlags.of(index))
    return grader.run()


class _Grader:
    """Works through the rules for one claim, writing down each step."""

    def __init__(self, index: RegistryIndex, comparison: ClaimComparison, sources: SourceFlags) -> None:
        self.index = index
        self.comparison = comparison
        self.known = sources
        self.reasons: list[str] = []
        self.level = 0
        claim = comparison.claim
        retracted = sources.retracted
        self.excluded = sorted({e.source for e in claim.evidence if e.source in retracted}) if retracted else []
        self.entries = [(i, e) for i, e in enumerate(claim.evidence) if e.source not in self.excluded]
        self.documents = sorted({e.source for _i, e in self.entries})
        position = comparison.claim_position
        roots = {root for i, _e in self.entries for root in index.roots[(position, i)]}
        retracted_roots = sorted(roots & retracted)
        self.excluded += [r for r in retracted_roots if r not in self.excluded]
        self.roots = sorted(roots - set(retracted_roots))
        self.studies = [s for s in (index.sources.get(r) for r in self.roots)
                        if s is not None and s.type in STUDY_TYPES]
        self.estimates = claim_estimates(index, comparison, self.excluded) if self.entries else ClaimEstimates(())
        self.pool = self.estimates.pool()
        self.effect_measure = ""
        self.effect_studies: tuple[str, ...] = ()
        self.effect = self._effect_interval()
        self.start_level = 0
        self.downgraded = False
        self.information: InformationSize | None = None

    def run(self) -> ClaimGrade:
        if self.excluded:
            self.reasons.append("excluded as retracted: " + ", ".join(self.excluded))
        if not self.entries:
            self.reasons.append("starts very-low: no evidence left once retracted sources are excluded")
        else:
            self._start()
            self._risk_of_bias()
            self._inconsistency()
            self._imprecision()
            self._indirectness()
            self._unreliable_reporting()
            self._large_effect_upgrade()
            self._consistency_upgrade()
        grade = GRADES[self.level]
        self.reasons.append(f"= {grade}")
        effect = None if self.effect is None else Effect(*self.effect[1:])
        return ClaimGrade(self.comparison.claim.id, grade, tuple(self.reasons), len(self.documents),
                          len(self.studies), tuple(self.excluded), self.pool, effect, self.information)

    def _start(self) -> None:
        if not self.studies:
            self.level = 0
            self.reasons.append("starts very-low: no primary source (no registered study at the root of "
                                + ", ".join(self.documents) + ")")
            return
        best = max(self.studies, key=_design_level)
        self.level = self.start_level = _design_level(best)
        design = best.design or "no design given"
        self.reasons.append(f"starts {GRADES[self.level]}: best design {design} ({best.id})")

    def _down(self, domain: str, why: str, levels: int = 1) -> None:
        self.downgraded = True
        if self.level == 0:
            self.reasons.append(f"down {levels} {domain}: {why} (already very-low)")
            return
        moved = min(levels, self.level)
        self.level -= moved
        floor = " (reaches very-low)" if moved < levels else ""
        self.reasons.append(f"down {levels} {domain}: {why}{floor}")

    def _risk_of_bias(self) -> None:
        concerns = []
        for study in self.studies:
            problems: list[str] = [flag for flag in BIAS_FLAGS if flag in study.flags]
            if study.type == "preprint" and "preprint" not in problems:
                problems.insert(0, "preprint")
            if study.peer_reviewed is False:
                problems.insert(0, "not peer reviewed")
            if study.risk_of_bias == "high":
                problems.insert(0, "high risk of bias (RoB 2)")
            if problems:
                concerns.append(f"{study.id} {', '.join(problems)}")
        if concerns:
            self._down("risk of bias", "; ".join(concerns))

    def _inconsistency(self) -> None:
        conflicts = [p for p in self.comparison.pairs if p.verdict == "conflict" and not p.accepted
                     and p.a.source not in self.excluded and p.b.source not in self.excluded]
        # A crowded claim's unlisted conflicts count too (compare.MAX_LISTED_PAIRS).
        unlisted = self.comparison.unlisted.get("conflict", 0) if self.comparison.claim.accepted != "conflict" else 0
        if conflicts:
            first = conflicts[0]
            more = len(conflicts) - 1 + unlisted
            shown = f" (and {more} more)" if more else ""
            self._down("inconsistency", f"unaccepted conflict between {first.a.source} and {first.b.source}{shown}")
        elif unlisted:
            self._down("inconsistency", f"{unlisted} unaccepted conflicts among pairs not listed")
        elif self.pool is not None and self.pool.result.i2 > SUBSTANTIAL_I2:
            r = self.pool.result
            self._down("inconsistency", f"I² = {100 * r.i2:.0f}% across {r.k} studies (above "
                       f"{100 * SUBSTANTIAL_I2:.0f}%: substantial heterogeneity; Q = {r.q:.2f}, p = {r.q_p:.2g})")

    def _imprecision(self) -> None:
        if self.effect is not None:
            self._effect_imprecision(*self.effect)
            return
        counts = self._counts_by_study()
        if counts:
            k = sum(c[0] for c in counts.values())
            n = sum(c[1] for c in counts.values())
            ci = wilson_interval(k, n)
            width = 100 * ci.width
            shown = f"n = {n}, 95% CI {100 * ci.low:.0f}%-{100 * ci.high:.0f}%"
            if n < IMPRECISE_SAMPLE or width > IMPRECISE_WIDTH:
                self._down("imprecision", shown)
            else:
                self.reasons.append(f"precise enough: {shown}")
            return
        values = [self.index.values.get((self.comparison.claim_position, i)) for i, _e in self.entries]
        if all(isinstance(value, Measure) for value in values):
            self._sample_imprecision()
        elif all(isinstance(value, STATISTIC_VALUES) for value in values):
            self._statistic_imprecision([value for value in values if value is not None])

    def _sample_imprecision(self) -> None:
        sized = [s for s in self.studies if s.sample_size is not None]
        if sized and len(sized) == len(self.studies):
            total = sum(s.sample_size or 0 for s in sized)
            if total < IMPRECISE_SAMPLE:
                names = ", ".join(f"{s.id} {s.sample_size}" for s in sized)
                self._down("imprecision", f"total sample {total} ({names})")

    def _effect_interval(self) -> tuple[str, float, float, float, bool] | None:
        """(shown, estimate, low, high, ratio) of the claim's effect: pooled, or its one study's."""
        if self.pool is not None and self.pool.measure != "proportion":
            centre, low, high = self.pool.interval()
            self.effect_measure = self.pool.measure
            self.effect_studies = tuple(s.study for s in self.pool.studies)
            return f"pooled {self.pool.shown()}", centre, low, high, self.pool.ratio
        single = self.estimates.best_single()
        if single is None or single[0] == "proportion":
            return None
        measure, study = single
        self.effect_measure, self.effect_studies = measure, (study.study,)
        ratio = measure in RATIO_MEASURES or measure == ANY_RATIO
        return _single_interval(measure, study, ratio)

    def _information(self, studies: tuple[str, ...], outcome: str) -> Verdict:
        self.information = InformationSize(outcome, study_sizes(self.index, self.comparison.claim_position, studies))
        return self.information.verdict()

    def _effect_imprecision(self, shown: str, _centre: float, low: float, high: float, ratio: bool) -> None:
        null = 1.0 if ratio else 0.0
        outcome = MEASURE_OUTCOMES.get(self.effect_measure.split(":", 1)[0], UNKNOWN)
        information = self._information(self.effect_studies, outcome)
        if not low <= null <= high:
            self._judged(f"{shown} excludes no effect ({null:g})", information)
            return
        includes = f"{shown} includes no effect ({null:g})"
        if ratio and low < APPRECIABLE_BENEFIT and high > APPRECIABLE_HARM:
            self._down("imprecision", f"{includes} and both an appreciable benefit (ratio {APPRECIABLE_BENEFIT}) "
                       f"and harm ({APPRECIABLE_HARM}); {information.words}", levels=2)
            return
        self._down("imprecision", f"{includes}; {information.words}")

    def _judged(self, excludes: str, information: Verdict) -> None:
        """An interval that excludes no effect: precise enough unless the information is short of the OIS."""
        if information.short:
            self._down("imprecision", f"{excludes}, but {information.words}")
        elif information.short is False:
            self.reasons.append(f"precise enough: {excludes}, and {information.words}")
        else:
            self.reasons.append(f"precise enough: {excludes}; {information.words}")

    def _statistic_imprecision(self, values: list[Value]) -> None:
        """Test statistics, means, p-values and changes without an interval: their significance and information size."""
        study_ids = {s.id for s in self.studies}
        position = self.comparison.claim_position
        studies = tuple(sorted({root for i, _e in self.entries for root in self.index.roots[(position, i)]
                                if len(self.index.roots[(position, i)]) == 1 and root in study_ids}))
        if not studies:
            return
        information = self._information(studies, outcome_of_values(values))
        readings = [(value, reading) for value in values
                    if (reading := read(value)).significant is not None]
        if readings and len({reading.significant for _v, reading in readings}) == 1:
            value, reading = readings[0]
            said = "" if reading.significance_shown in (value.text, value.text.lower()) else \
                f" ({reading.significance_shown})"
            if reading.significant:
                self._judged(f"`{value.text}` is significant at 5%{said}: its 95% interval excludes no effect",
                             information)
            else:
                self._down("imprecision", f"`{value.text}` is not significant at 5%{said}: its 95% interval "
                           f"includes no effect; {information.words}")
            return
        if information.short:
            self._down("imprecision", information.words)
        elif information.short is False:
            self.reasons.append(f"precise enough: {information.words}")
        else:
            self.reasons.append(f"imprecision not judged: {information.words}")

    def _large_effect_upgrade(self) -> None:
        """GRADE 9: observational evidence with no serious concern, and a ratio beyond 2 or 0.5 (5 or 0.2)."""
        if self.start_level != 1 or self.downgraded:
            return
        if self.effect is None or not self.effect[4]:
            return
        shown, centre, _low, _high, _ratio = self.effect
        size = max(centre, 1 / centre) if centre > 0 else 0.0
        if size <= LARGE_EFFECT:
            return
        levels = 2 if size > VERY_LARGE_EFFECT else 1
        limit = "5 or below 0.2" if levels == 2 else "2 or below 0.5"
        available = len(GRADES) - 1 - self.level
        self.level += min(levels, available)
        self.reasons.append(f"up {levels} large effect: {shown}, a ratio above {limit}, in observational "
                            "evidence with no serious concern")

    def _counts_by_study(self) -> dict[str, tuple[int, int]]:
        """One count per root study (the largest n reported for it); repeats count once."""
        counts: dict[str, tuple[int, int]] = {}
        for position, evidence in self.entries:
            value = self.index.values.get((self.comparison.claim_position, position))
            if not isinstance(value, Measure) or value.count is None:
                continue
            if value.count.n <= 0 or value.count.k > value.count.n:
                continue
            roots = self.index.roots[(self.comparison.claim_position, position)]
            study = next(iter(roots)) if len(roots) == 1 else evidence.source
            if study not in counts or counts[study][1] < value.count.n:
                counts[study] = (value.count.k, value.count.n)
        return counts

    def _indirectness(self) -> None:
        sources = [self.index.sources.get(d) for d in self.documents]
        if sources and all(s is not None and s.type in SECONDARY_TYPES for s in sources):
            kinds = ", ".join(f"{s.id} ({s.type})" for s in sources if s is not None)
            self._down("indirectness", f"known only second-hand: {kinds}")

    def _unreliable_reporting(self) -> None:
        sources = [s for s in (self.index.sources.get(d) for d in self.documents) if s is not None]
        unreliable = self.known.unreliable
        flagged = [s for s in sources if s.id in unreliable]
        reliable_primary = [s for s in sources if s.type not in SECONDARY_TYPES and s.id not in unreliable]
        if flagged and not reliable_primary:
            names = ", ".join(f"{s.id} ({', '.join(f for f in UNRELIABLE_FLAGS if f in s.flags)})"
                              for s in flagged)
            self._down("unreliable reporting", f"among the only documents: {names}")

    def _consistency_upgrade(self) -> None:
        if len(self.studies) < 2:
            return
        if self.comparison.has_verdict("conflict") or self.comparison.unlisted.get("tension", 0):
            return
        if self.comparison.uncompared:
            count = self.comparison.uncompared
            pairs = "1 pair of values has" if count == 1 else f"{count} pairs of values have"
            self.reasons.append(f"not rated up for consistency: {pairs} nothing to compare one against the other")
            return
        different = self.comparison.unlisted.get("not-comparable", 0) + sum(
            1 for p in self.comparison.pairs if p.verdict == "not-comparable")
        if different:
            pairs = "1 pair of values is" if different == 1 else f"{different} pairs of values are"
            self.reasons.append(f"not rated up for consistency: {pairs} on measures that cannot be compared")
            return
        study_ids = {s.id for s in self.studies}
        between_studies = [p for p in self.comparison.pairs
                           if p.a.roots & study_ids and p.b.roots & study_ids and p.a.roots != p.b.roots]
        if any(p.verdict != "agree" for p in between_studies):
            return  # a tension between studies is not agreement
        if self.level == len(GRADES) - 1:
            self.reasons.append("up 1 consistency: independent studies agree (already high)")
            return
        self.level += 1
        names = ", ".join(s.id for s in self.studies)
        self.reasons.append(f"up 1 consistency: {len(self.studies)} independent studies agree ({names})")


def _single_interval(measure: str, study: StudyEstimate, ratio: bool) -> tuple[str, float, float, float, bool]:
    z = 1.959963984540054
    low, high = study.estimate - z * study.se, study.estimate + z * study.se
    if ratio:
        return f"{study.study}'s {study.shown}", math.exp(study.estimate), math.exp(low), math.exp(high), True
    return f"{study.study}'s {study.shown}", study.estimate, low, high, False


def _unreliable(source: Source) -> bool:
    return any(flag in source.flags for flag in UNRELIABLE_FLAGS)


def _design_level(study: Source) -> int:
    if study.design in HIGH_DESIGNS:
        return 3
    if study.design in LOW_DESIGNS:
        return 1
    return 0
