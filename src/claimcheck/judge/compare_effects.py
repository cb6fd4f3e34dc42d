"""Verdicts between two effect values (and two means) of one claim.

`compare.py` judges proportions, quantities and stances; this module judges the
forms of comparisons between groups: ratio and difference estimates with their
intervals, relative changes in words, two-arm counts, p-values, statements of
significance and test statistics (docs/format.md, "Effects"). Each value is
first *read* for what another can be checked against:

* an estimate on a measure (RR, OR, HR, IRR, MD, SMD, RD): the values its
  written digits allow, and its standard error where an interval or counts give
  one (two-arm counts give the crude RR, OR and RD; a relative change in words
  gives a ratio, without a standard error);
* a direction: the effect goes down or up;
* significance at the 5% level: an interval that excludes no effect, a p below 0.05.

Then, in order (the first rule that applies decides):

1. One measurement (the same document, or documents that trace to one study):
   estimates on a common measure must agree within rounding, directions must
   agree, and so must significance; otherwise a conflict. An adjusted estimate
   is not held to equal a crude one: only their directions and significance are.
2. Different studies: estimates on a common measure, both with a standard
   error, conflict only when Altman and Bland's test of their difference (on the
   log scale for ratios) rejects equality at alpha; otherwise they agree, whatever
   their directions. Without standard errors, opposite directions are a tension:
   sampling error cannot be judged. One study significant and another not is no
   contradiction by itself (a smaller study has less power): the reason says so.
3. Two estimates on no common measure (an odds ratio and a hazard ratio, a
   risk ratio and a risk difference, mean differences in units that do not
   convert), whose directions do not contradict: `not-comparable`, never
   `agree`, in either situation; the reason names both measures and what
   could be compared (direction, significance).
4. Nothing to set one value against the other (an NNT and a p-value): no verdict;
   the pair is counted as not comparable.

`RR` is read as a risk ratio and also as a rate ratio (`Estimate.also_read_as`):
it is compared with a rate ratio when the other value has no risk ratio, and the
reason says "read as a rate ratio". A reason says "values match within rounding"
only when two estimates were compared; otherwise which of direction and
significance were.

Every reason shows the numbers, so that a reader can check it by hand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from claimcheck.judge.verdicts import Verdict
from claimcheck.stats.distributions import t_two_sided
from claimcheck.stats.effects import compare_estimates, odds_ratio, risk_difference, risk_ratio
from claimcheck.stats.intervals import z_of_level
from claimcheck.stats.proportions import compare_proportions
from claimcheck.stats.statcheck import compute_p
from claimcheck.values import (
    Estimate,
    Interval,
    Mean,
    PValue,
    RelativeChange,
    Significance,
    TestStatistic,
    TwoArms,
    TwoPercents,
    Value,
    format_number,
)
from claimcheck.values.effects import MEASURES

#: Significance as documents state it: at the conventional 5% (a 95% interval excluding no effect).
SIGNIFICANCE_LEVEL = 0.05
RATIO_MEASURES = ("RR", "OR", "HR", "IRR")
#: A relative change in words states a ratio without naming the measure.
ANY_RATIO = "ratio"
DECREASE, INCREASE = "decrease", "increase"


@dataclass(frozen=True)
class OnMeasure:
    """A value's estimate on one measure: the values its digits allow, and its working-scale SE if known."""

    measure: str
    allowed: Interval
    centre: float  # on the working scale: log for ratios
    se: float | None
    adjusted: bool
    shown: str  # the estimate as reasons show it, e.g. "crude RR 0.89"
    #: Other measures its abbreviation may stand for (`RR` may be a rate ratio): compared with them too.
    also_read_as: tuple[str, ...] = ()

    @property
    def ratio(self) -> bool:
        return self.measure in RATIO_MEASURES or self.measure == ANY_RATIO


@dataclass(frozen=True)
class Reading:
    """What one value says that another value can be checked against."""

    label: str
    estimates: dict[str, OnMeasure] = field(default_factory=dict)
    direction: str | None = None
    significant: bool | None = None
    significance_shown: str = ""


# ---------------------------------------------------------------- reading values

def read(value: Value) -> Reading:
    label = f"`{value.text}`"
    if isinstance(value, Estimate):
        return _read_estimate(value, label)
    if isinstance(value, TwoArms):
        return _read_arms(value, label)
    if isinstance(value, RelativeChange):
        return _read_change(value, label)
    if isinstance(value, TwoPercents):
        return _read_percents(value, label)
    if isinstance(value, PValue):
        significant = _p_significant(value)
        return Reading(label, significant=significant, significance_shown=value.describe())
    if isinstance(value, Significance):
        return Reading(label, significant=value.significant, significance_shown=value.describe())
    if isinstance(value, TestStatistic):
        return _read_test(value, label)
    return Reading(label)


def _unit_key(unit: str) -> str:
    """A difference's unit as compared: `mmHg`, `mm Hg` and `MMHG` are one unit, `points` and `point` too."""
    key = "".join(unit.lower().split())
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


def _read_estimate(value: Estimate, label: str) -> Reading:
    measure, point, sign = value.measure, value.estimate.rounding, 1.0
    if measure in ("ARR", "ARI"):
        measure, sign = "RD", (-1.0 if value.measure == "ARR" else 1.0)
    scale = 0.01 if value.in_percentage_points and measure == "RD" else 1.0
    allowed = _scaled(point, sign * scale)
    ratio = measure in RATIO_MEASURES
    centre = _working(sign * scale * value.estimate.value, ratio)
    se = _se_from_interval(value, sign * scale, ratio)
    key = f"{measure}:{value.unit}" if measure in ("MD",) else measure
    estimates: dict[str, OnMeasure] = {}
    if value.scale != "number needed" and not math.isnan(centre):
        prefix = "adjusted " if value.adjusted else ""
        estimates[key] = OnMeasure(key, allowed, centre, se, value.adjusted, f"{prefix}{value.measure} "
                                   f"{value.estimate.text}{' ' + value.unit if value.unit else ''}",
                                   value.also_read_as)
    direction = _direction_of(allowed, 1.0 if ratio else 0.0) if value.null is not None else None
    significant, shown = _estimate_significance(value)
    return Reading(label, estimates, direction, significant, shown)


def _scaled(interval: Interval, factor: float) -> Interval:
    low, high = interval.low * factor, interval.high * factor
    if factor < 0:
        return Interval(high, low, interval.high_closed, interval.low_closed)
    return Interval(low, high, interval.low_closed, interval.high_closed)


def _working(x: float, ratio: bool) -> float:
    if not ratio:
        return x
    return math.log(x) if x > 0 else math.nan


def _se_from_interval(value: Estimate, factor: float, ratio: bool) -> float | None:
    ci = value.ci
    if ci is None or value.scale == "number needed":
        return None
    ends = sorted((ci.low.value * factor, ci.high.value * factor))
    low, high = _working(ends[0], ratio), _working(ends[1], ratio)
    if math.isnan(low) or math.isnan(high) or high <= low:
        return None
    return (high - low) / (2 * z_of_level(ci.level / 100))


def _direction_of(allowed: Interval, null: float) -> str | None:
    if allowed.high < null or (allowed.high == null and not allowed.high_closed):
        return DECREASE
    if allowed.low > null or (allowed.low == null and not allowed.low_closed):
        return INCREASE
    return None


def _estimate_significance(value: Estimate) -> tuple[bool | None, str]:
    if value.ci is not None and value.null is not None:
        low, high = value.ci.low.rounding, value.ci.high.rounding
        null = value.null
        shown = f"its {format_number(value.ci.level)}% CI {value.ci.low.text} to {value.ci.high.text}"
        if value.ci.level != 95:
            return None, shown
        if low.low > null or high.high < null:
            return True, shown + " excludes " + format_number(null)
        if low.high < null < high.low:
            return False, shown + " includes " + format_number(null)
        return None, shown
    if value.p is not None:
        return _p_significant(value.p), value.p.describe()
    return None, ""


def _p_significant(p: PValue) -> bool | None:
    allowed = p.interval
    if allowed.high < SIGNIFICANCE_LEVEL or (allowed.high == SIGNIFICANCE_LEVEL and p.comparator == "<"):
        return True
    if allowed.low >= SIGNIFICANCE_LEVEL:
        return False
    return None


def _read_arms(value: TwoArms, label: str) -> Reading:
    t, c = value.treatment, value.control
    if not (0 <= t.k <= t.n and 0 <= c.k <= c.n and t.n > 0 and c.n > 0):
        return Reading(label)
    estimates: dict[str, OnMeasure] = {}
    for name, estimate in (("RR", risk_ratio(t.k, t.n, c.k, c.n)), ("OR", odds_ratio(t.k, t.n, c.k, c.n)),
                           ("RD", risk_difference(t.k, t.n, c.k, c.n))):
        if estimate is None or (estimate.ratio and estimate.value <= 0):
            continue
        point = Interval(estimate.value, estimate.value, True, True)
        estimates[name] = OnMeasure(name, point, estimate.scaled, estimate.se if estimate.se > 0 else None, False,
                                    f"crude {name} {_figure(estimate.value)}")
    direction = DECREASE if t.k * c.n < c.k * t.n else INCREASE if t.k * c.n > c.k * t.n else None
    p = compare_proportions(t.k, t.n, c.k, c.n).p
    return Reading(label, estimates, direction, p < SIGNIFICANCE_LEVEL, f"Fisher's exact p = {p:.2g}")


def _read_percents(value: TwoPercents, label: str) -> Reading:
    """Two shares in percent: the crude RR and RD (in percentage points) their roundings allow, no SE."""
    estimates: dict[str, OnMeasure] = {}
    ratio = value.ratio
    if ratio is not None and ratio.low > 0:
        estimates["RR"] = OnMeasure("RR", ratio, math.log(value.treatment.value / value.control.value), None,
                                    False, f"crude RR {_shown_interval(ratio)}")
    points = value.difference
    difference = Interval(points.low / 100, points.high / 100, True, True)
    estimates["RD"] = OnMeasure("RD", difference, (value.treatment.value - value.control.value) / 100, None, False,
                                f"crude RD {_shown_interval(points)} pp")
    t, c = value.treatment.rounding, value.control.rounding
    direction = DECREASE if t.high < c.low else INCREASE if t.low > c.high else None
    return Reading(label, estimates, direction)


def _read_change(value: RelativeChange, label: str) -> Reading:
    if value.direction == "none":
        return Reading(label, significant=False, significance_shown="no difference")
    ratio = value.ratio
    centre = math.log((ratio.low + ratio.high) / 2) if math.isfinite(ratio.high) and ratio.high > 0 else math.nan
    se = _se_of_change(value)
    prefix = "an adjusted " if value.adjusted else "a "
    estimates = {ANY_RATIO: OnMeasure(ANY_RATIO, ratio, centre, se, value.adjusted,
                                      f"{prefix}ratio of {_shown_interval(ratio)}")}
    significant, shown = _change_significance(value)
    return Reading(label, estimates, value.direction, significant, shown)


def _se_of_change(value: RelativeChange) -> float | None:
    """The log-ratio SE an efficacy's interval gives: `VE 95% (95% CI 90.3-97.6)` spans ratios 0.024 to 0.097."""
    ends = value.ratio_interval
    if ends is None or value.ci is None or ends[0] <= 0 or ends[1] <= ends[0]:
        return None
    return (math.log(ends[1]) - math.log(ends[0])) / (2 * z_of_level(value.ci.level / 100))


def _change_significance(value: RelativeChange) -> tuple[bool | None, str]:
    """An efficacy's 95% interval excluding a reduction of 0% is significant; else its p, if written."""
    ci = value.ci
    if ci is not None:
        low, high = sorted((ci.low, ci.high), key=lambda end: end.value)
        shown = f"its {format_number(ci.level)}% CI {ci.low.text} to {ci.high.text}"
        if ci.level == 95 and (low.rounding.low > 0 or high.rounding.high < 0):
            return True, shown + " excludes 0"
        if ci.level == 95 and low.rounding.high < 0 < high.rounding.low:
            return False, shown + " includes 0"
        return None, shown
    if value.p is not None:
        return _p_significant(value.p), value.p.describe()
    return None, ""


def _read_test(value: TestStatistic, label: str) -> Reading:
    if value.p is not None:
        return Reading(label, significant=_p_significant(value.p), significance_shown=value.p.describe())
    try:
        df = [number.value for number in value.df]
        df1 = df[0] if value.distribution in ("F", "chi2") and df else None
        df2 = df[-1] if value.test in ("t", "F", "r") and df else None
        p = compute_p(value.distribution, value.statistic.value, df1, df2)  # type: ignore[arg-type]
    except (ValueError, ZeroDivisionError):
        return Reading(label)
    return Reading(label, significant=p < SIGNIFICANCE_LEVEL, significance_shown=f"recomputed p = {p:.2g}")


# ------------------------------------------------------------------ verdicts

def judge_effects(a: Value, b: Value, one_measurement: str | None, studies: str,
                  alpha: float) -> tuple[Verdict, str] | None:
    """The verdict on two effect values, or None when neither says anything the other can contradict.

    `one_measurement` introduces the reason when the values report one measurement
    ("same study (`x`)", "one document"); None for different studies, named by `studies`.
    """
    ra, rb = read(a), read(b)
    common = _common_measure(ra, rb)
    if one_measurement is not None:
        return _one_measurement(ra, rb, common, one_measurement)
    return _two_studies(ra, rb, common, studies, alpha)


def _common_measure(ra: Reading, rb: Reading) -> tuple[OnMeasure, OnMeasure] | None:
    for measure in (*RATIO_MEASURES, "RD", *sorted(set(ra.estimates) & set(rb.estimates))):
        if measure in ra.estimates and measure in rb.estimates:
            return ra.estimates[measure], rb.estimates[measure]
    for key_a in ra.estimates:  # mean differences whose units are spelt differently (`mmHg`, `mm Hg`)
        for key_b in rb.estimates:
            if key_a.startswith("MD:") and key_b.startswith("MD:") and _unit_key(key_a[3:]) == _unit_key(key_b[3:]):
                return ra.estimates[key_a], rb.estimates[key_b]
    for first, second, swap in ((ra, rb, False), (rb, ra, True)):
        for on in first.estimates.values():
            other_measure = next((m for m in on.also_read_as if m in second.estimates), None)
            if other_measure is not None:
                read_as = replace(on, measure=other_measure,
                                  shown=f"{on.shown}, read as a {MEASURES[other_measure].name}")
                return (second.estimates[other_measure], read_as) if swap else (read_as, second.estimates[other_measure])
    for first, second, swap in ((ra, rb, False), (rb, ra, True)):
        change = first.estimates.get(ANY_RATIO)
        other = next((second.estimates[m] for m in RATIO_MEASURES if m in second.estimates), None)
        if change is not None and other is not None:
            return (other, change) if swap else (change, other)
    return None


def _one_measurement(ra: Reading, rb: Reading, common: tuple[OnMeasure, OnMeasure] | None,
                     intro: str) -> tuple[Verdict, str] | None:
    relation = adjusted_and_crude = None
    if common is not None:
        ea, eb = common
        # Words unmarked may report either a crude or an adjusted ratio; words marked adjusted, only the latter.
        unmarked_words = any(on.measure == ANY_RATIO and not on.adjusted for on in common)
        if ea.adjusted == eb.adjusted or unmarked_words:
            relation = _relate_estimates(ra, ea, rb, eb)
            if not ea.allowed.overlaps(eb.allowed):
                return "conflict", f"{intro}, so one measurement, yet {relation}"
        else:
            (adjusted, on_adjusted), (crude, on_crude) = ((ra, ea), (rb, eb)) if ea.adjusted else ((rb, eb), (ra, ea))
            adjusted_and_crude = (f"{adjusted.label} ({on_adjusted.shown}) is adjusted and {crude.label} "
                                  f"({on_crude.shown}) crude, so their values are not held equal")
            if not ea.allowed.overlaps(eb.allowed):
                adjusted_and_crude += " (they differ, as adjustment can make them)"
    opposite = _opposite_directions(ra, rb)
    if opposite:
        return "conflict", f"{intro}, so one measurement, yet {opposite}"
    disagreement = _significance_disagreement(ra, rb)
    if disagreement:
        return "conflict", f"{intro}, so one measurement, yet {disagreement}"
    agreements = _agreements(ra, rb)
    if relation is not None:
        return "agree", f"{intro}, values match within rounding: " + "; ".join([relation, *agreements])
    if common is None and ra.estimates and rb.estimates:
        return "not-comparable", _different_measures(intro, ra, rb, agreements)
    if not agreements:
        return None
    if adjusted_and_crude is not None:
        return "agree", f"{intro}: {adjusted_and_crude}; {_compared_by(ra, rb)}: " + "; ".join(agreements)
    return "agree", f"{intro}, {_compared_by(ra, rb)}: " + "; ".join(agreements)


def _two_studies(ra: Reading, rb: Reading, common: tuple[OnMeasure, OnMeasure] | None, studies: str,
                 alpha: float) -> tuple[Verdict, str] | None:
    if common is not None and common[0].se is not None and common[1].se is not None:
        ea, eb = common
        test = compare_estimates(ea.centre, ea.se, eb.centre, eb.se)  # type: ignore[arg-type]
        scale = "on the log scale" if ea.ratio else "of the difference"
        figures = f"z = {test.z:.2f} {scale}, p = {_p(test.p)}"
        relation = f"{ra.label} ({ea.shown}) vs {rb.label} ({eb.shown})"
        adjusted = " (one adjusted, one crude)" if ea.adjusted != eb.adjusted else ""
        if test.p < alpha:
            return "conflict", f"{studies}: {relation}{adjusted} differ beyond sampling error ({figures} < {alpha})"
        return "agree", f"{studies}: {relation}{adjusted} are within sampling error ({figures})"
    opposite = _opposite_directions(ra, rb)
    if opposite:
        return "tension", f"{studies}: {opposite}; without a standard error for both, sampling error cannot be judged"
    agreements = _agreements(ra, rb)
    disagreement = _significance_disagreement(ra, rb)
    if disagreement:
        agreements.append(f"{disagreement}, which studies of different sizes can be without contradicting "
                          "each other")
    if common is None and ra.estimates and rb.estimates:
        return "not-comparable", _different_measures(studies, ra, rb, agreements)
    if common is not None:
        agreements.insert(0, _relate_estimates(ra, common[0], rb, common[1]))
    if not agreements:
        return None
    return "agree", f"{studies}: " + "; ".join(agreements)


def _different_measures(intro: str, ra: Reading, rb: Reading, agreements: Sequence[str]) -> str:
    """The reason of a not-comparable pair: two estimates on measures that no rule sets against each other."""
    def shown(reading: Reading) -> str:
        return f"{reading.label} ({', '.join(on.shown for on in reading.estimates.values())})"

    def names(reading: Reading) -> str:
        return " or ".join(_measure_name(measure) for measure in reading.estimates)

    reason = (f"{intro}: {shown(ra)} and {shown(rb)} are on different measures ({names(ra)} vs {names(rb)}), so "
              "their values cannot be compared")
    if agreements:
        reason += f"; {_compared_by(ra, rb)}: " + "; ".join(agreements)
    return reason


def _measure_name(measure: str) -> str:
    if measure == ANY_RATIO:
        return "relative change"
    abbreviation, _, unit = measure.partition(":")
    return MEASURES[abbreviation].name + (f" in {unit}" if unit else "")


def _compared_by(ra: Reading, rb: Reading) -> str:
    """What two readings were compared by, when their values were not: their directions, their significance."""
    what = [name for name, known in (("direction", ra.direction and rb.direction),
                                     ("significance", ra.significant is not None and rb.significant is not None))
            if known]
    return "compared by " + " and ".join(what) + " only"


def _relate_estimates(ra: Reading, ea: OnMeasure, rb: Reading, eb: OnMeasure) -> str:
    a, b = f"{ra.label} ({ea.shown})", f"{rb.label} ({eb.shown})"
    overlap = ea.allowed.overlaps(eb.allowed)
    if ANY_RATIO in (ea.measure, eb.measure):
        change, estimate = (a, b) if ea.measure == ANY_RATIO else (b, a)
        return f"{estimate} {'lies within' if overlap else 'lies outside'} {change}"
    return f"{a} {'matches' if overlap else 'differs from'} {b}"


def _opposite_directions(ra: Reading, rb: Reading) -> str | None:
    if ra.direction and rb.direction and ra.direction != rb.direction:
        return (f"{ra.label} says the effect goes {_down_up(ra.direction)} and {rb.label} says it goes "
                f"{_down_up(rb.direction)}")
    return None


def _significance_disagreement(ra: Reading, rb: Reading) -> str | None:
    if ra.significant is None or rb.significant is None or ra.significant == rb.significant:
        return None
    yes, no = (ra, rb) if ra.significant else (rb, ra)
    return (f"{yes.label} is significant at 5% ({yes.significance_shown}) and {no.label} is not "
            f"({no.significance_shown})")


def _agreements(ra: Reading, rb: Reading) -> list[str]:
    found = []
    if ra.direction and ra.direction == rb.direction:
        found.append(f"both say the effect goes {_down_up(ra.direction)}")
    if ra.significant is not None and ra.significant == rb.significant:
        found.append("both significant at 5%" if ra.significant else "neither significant at 5%")
    return found


def _down_up(direction: str) -> str:
    return "down" if direction == DECREASE else "up"


def _figure(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 10 else format_number(round(x, 2))


def _shown_interval(interval: Interval) -> str:
    left, right = "[" if interval.low_closed else "(", "]" if interval.high_closed else ")"
    high = "inf" if math.isinf(interval.high) else f"{interval.high:.4g}"
    return f"{left}{interval.low:.4g}, {high}{right}"


def _p(p: float) -> str:
    return f"{p:.2g}" if p >= 1e-4 else f"{p:.1e}"


# -------------------------------------------------------------------- means

def judge_means(a: Mean, b: Mean, one_measurement: str | None, studies: str,
                alpha: float) -> tuple[Verdict, str]:
    """Two means: one measurement must agree within rounding; two studies, by Welch's t-test when it can be done."""
    label_a, label_b = f"`{a.text}`", f"`{b.text}`"
    overlap = a.mean.rounding.overlaps(b.mean.rounding)
    relation = f"{label_a} {'matches' if overlap else 'differs from'} {label_b}"
    if one_measurement is not None:
        if overlap:
            return "agree", f"{one_measurement}, values match within rounding: {relation}"
        return "conflict", f"{one_measurement}, so one measurement, yet {relation}"
    welch = _welch(a, b)
    if welch is not None:
        t, df, p = welch
        figures = f"Welch's t = {t:.2f} on {df:.1f} df, p = {_p(p)}"
        if p < alpha:
            return "conflict", f"{studies}: {label_a} and {label_b} differ beyond sampling error ({figures} < {alpha})"
        return "agree", f"{studies}: {label_a} and {label_b} are within sampling error ({figures})"
    if overlap:
        return "agree", f"{studies}: {relation}"
    return "tension", f"{studies}: {relation}; without an SD and n for both, sampling error cannot be judged"


def _welch(a: Mean, b: Mean) -> tuple[float, float, float] | None:
    """Welch's unequal-variances t-test of two means from their SD and n (Welch 1947)."""
    if a.sd is None or b.sd is None or not a.n or not b.n or a.n < 2 or b.n < 2:
        return None
    va, vb = a.sd.value ** 2 / a.n, b.sd.value ** 2 / b.n
    if va + vb <= 0:
        return None
    t = (a.mean.value - b.mean.value) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1)) if va and vb else float(min(a.n, b.n) - 1)
    return t, df, t_two_sided(t, df)


def comparable(values: Sequence[Value]) -> bool:
    """Whether this module judges these values (all of effect or mean forms)."""
    return all(isinstance(v, (Estimate, TwoArms, TwoPercents, RelativeChange, PValue, Significance, TestStatistic, Mean))
               for v in values)

