"""The `validate` checks of effect values: intervals, p-values, counts, test statistics and means.

Each check reads the numbers as written, with their decimals, and asks whether
*some* values that round to them pass (stats/written.py): honest rounding is
never flagged. Messages give the figures a reader needs to redo the check by
hand. The statistics come from `claimcheck.stats` (docs/statistics.md).

Pairs of entries are checked against each other when they come from one
document and rest on the same studies, within one claim (the pairing rule of
docs/format.md): two-arm counts against a crude estimate written beside them,
a change in words against a ratio, an NNT against a risk difference.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.findings import DataPath, Finding
from claimcheck.findings.rules import rule
from claimcheck.registry.index import EvidenceKey, RegistryIndex
from claimcheck.stats.written import Written
from claimcheck.values import Estimate, Mean, Number, RelativeChange, TestStatistic, TwoArms, Value, format_number

if TYPE_CHECKING:
    from claimcheck.stats.statcheck import Reported
    from claimcheck.stats.statcheck import Verdict as StatcheckVerdict

RATIOS = frozenset({"RR", "OR", "HR", "IRR"})
#: statcheck's comparators: `<=` is read as `<` and `>=` as `>`.
_STATCHECK_COMPARATORS = {"=": "=", "<": "<", "<=": "<", ">": ">", ">=": ">", "ns": "ns"}


def _written(number: Number) -> Written:
    return Written(number.value, number.decimals)


# ------------------------------------------------------------------ one entry

def check_effect_values(index: RegistryIndex) -> Iterator[Finding]:
    """Each effect value on its own: its interval, its p, its statistic, its mean."""
    for key, value in index.values.items():
        yield from check_effect_value(value, index.evidence_path(key) + ("says",))


def check_effect_value(value: Value, path: DataPath = ()) -> Iterator[Finding]:
    """One effect value on its own (also what `claimcheck scan` runs on each value a text states)."""
    if isinstance(value, Estimate):
        yield from _estimate(value, path)
    elif isinstance(value, TestStatistic):
        yield from _statcheck(value, path)
    elif isinstance(value, Mean):
        yield from _grim(value, path)
    elif isinstance(value, TwoArms):
        yield from _arms(value, path)


def _estimate(value: Estimate, path: DataPath) -> Iterator[Finding]:
    name = value.kind.name
    ratio = value.measure in RATIOS
    numbers = [value.estimate] + ([value.ci.low, value.ci.high] if value.ci else [])
    if ratio and any(number.value < 0 for number in numbers):
        bad = next(number for number in numbers if number.value < 0)
        yield Finding(rule("non-positive-ratio"), f"`{value.text}`: a {name} and its interval are above 0; "
                      f"got {bad.text}", path=path)
        return
    if ratio and any(number.value == 0 for number in numbers):
        return  # a ratio written 0.00 is one rounded down (its ends cannot be checked on the log scale)
    ci = value.ci
    if ci is None:
        return
    if ci.low.value > ci.high.value:
        yield Finding(rule("reversed-interval"), f"`{value.text}`: the interval's lower end {ci.low.text} is above "
                      f"its upper end {ci.high.text}", path=path)
        return
    estimate, low, high = _written(value.estimate), _written(ci.low), _written(ci.high)
    if estimate.high < low.low or estimate.low > high.high:
        yield Finding(rule("estimate-outside-interval"), f"`{value.text}`: the estimate {value.estimate.text} lies "
                      f"outside its own interval, {ci.low.text} to {ci.high.text}", path=path)
        return
    yield from _symmetry(value, estimate, low, high, ratio, path)
    yield from _p_against_interval(value, estimate, low, high, ratio, path)


def _symmetry(value: Estimate, estimate: Written, low: Written, high: Written, ratio: bool,
              path: DataPath) -> Iterator[Finding]:
    from claimcheck.stats.intervals import log_symmetric, symmetric

    ci = value.ci
    assert ci is not None
    if ratio and not log_symmetric(estimate, low, high):
        centre = math.sqrt(ci.low.value * ci.high.value)
        yield Finding(rule("asymmetric-interval"), (
            f"`{value.text}`: on the log scale the interval {ci.low.text} to {ci.high.text} is centred on "
            f"{centre:.3g} (the square root of {ci.low.text} x {ci.high.text}), not on {value.estimate.text}, "
            "beyond the rounding of the digits"), path=path)
    elif value.measure == "MD" and not symmetric(estimate, low, high):
        centre = (ci.low.value + ci.high.value) / 2
        yield Finding(rule("asymmetric-interval"), (
            f"`{value.text}`: the interval {ci.low.text} to {ci.high.text} is centred on {centre:.4g}, not on "
            f"{value.estimate.text}, beyond the rounding of the digits"), path=path)


def _p_against_interval(value: Estimate, estimate: Written, low: Written, high: Written, ratio: bool,
                        path: DataPath) -> Iterator[Finding]:
    from claimcheck.stats.intervals import excludes_null, fitting_levels, p_range

    ci, p = value.ci, value.p
    if ci is None or p is None or value.null is None or not (0 < ci.level < 100):
        return
    level = ci.level / 100
    allowed = p_range(estimate, low, high, level, ratio)
    written = p.interval
    if allowed.overlaps(written.low, written.high):
        return
    alpha = 1 - level
    excludes = excludes_null(low, high, ratio)
    null = format_number(value.null)
    implied = f"the interval {ci.low.text} to {ci.high.text} implies p from {_p(allowed.low)} to {_p(allowed.high)} " \
              f"(Altman and Bland's method, at the rounding of every number); the text says {p.describe()}"
    others = [f"{format_number(100 * other)}%" for other in
              fitting_levels(estimate, low, high, written.low, written.high, ratio) if other != level]
    hint = f"; a {' or '.join(others)} interval with these ends would fit it" if others else ""
    if (excludes is True and written.low >= alpha) or (excludes is False and written.high < alpha):
        side = "excludes" if excludes else "includes"
        verdict = "not significant" if excludes else "significant"
        yield Finding(rule("significance-contradiction"), (
            f"`{value.text}`: the {format_number(ci.level)}% interval {side} no effect ({null}), yet the p-value "
            f"calls the result {verdict} at {format_number(round(alpha, 4))}: {implied}{hint}"), path=path)
        return
    yield Finding(rule("p-interval-mismatch"), f"`{value.text}`: {implied}{hint}", path=path)


def _p(p: float) -> str:
    if p >= 0.001:
        return f"{p:.3f}".rstrip("0").rstrip(".") if p < 1 else "1"
    return f"{p:.1e}"


@lru_cache(maxsize=4096)
def statcheck_verdict(value: TestStatistic) -> tuple[Reported, StatcheckVerdict] | None:
    """statcheck's reading of a test statistic with its p: what was reported and the recomputed verdict."""
    from claimcheck.stats.statcheck import Reported, check

    p = value.p
    if p is None:
        return None
    df = [number.value for number in value.df]
    df1 = df[0] if value.distribution in ("F", "chi2") and df else None
    df2 = df[-1] if value.test in ("t", "r") and df else df[1] if value.test == "F" and len(df) > 1 else None
    comparator = _STATCHECK_COMPARATORS.get(p.comparator, "=")
    reported = Reported(value.distribution, value.statistic.value, value.statistic.decimals, df1, df2,  # type: ignore[arg-type]
                        comparator, p.value.value if p.value else 0.05, p.value.decimals if p.value else 2,  # type: ignore[arg-type]
                        _STATCHECK_COMPARATORS.get(value.comparator, "="),  # type: ignore[arg-type]
                        value.one_tailed)
    try:
        return reported, check(reported)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None


def _statcheck(value: TestStatistic, path: DataPath) -> Iterator[Finding]:
    checked = statcheck_verdict(value)
    if checked is None or value.p is None:
        return
    p = value.p
    _reported, verdict = checked
    if not verdict.error:
        return
    tails = "one-tailed" if verdict.one_tailed or value.one_tailed else "two-tailed"
    step = 0.5 * 10.0 ** -value.statistic.decimals
    message = (f"`{value.text}`: {value.test}{_degrees(value)} = {value.statistic.text} gives {tails} p = "
               f"{_p(verdict.computed_p)} (any value from {_figure(abs(value.statistic.value) - step)} to "
               f"{_figure(abs(value.statistic.value) + step)} gives {_p(verdict.lowest_p)} to {_p(verdict.highest_p)}); "
               f"the text says {p.describe()}")
    if verdict.decision_error:
        yield Finding(rule("statcheck-decision-error"), message + ": the two fall on either side of 0.05", path=path)
    else:
        yield Finding(rule("statcheck-inconsistency"), message, path=path)


def _degrees(value: TestStatistic) -> str:
    return f"({', '.join(number.text for number in value.df)})" if value.df else ""


def _figure(x: float) -> str:
    return f"{max(x, 0.0):.6g}"


def _grim(value: Mean, path: DataPath) -> Iterator[Finding]:
    from claimcheck.stats.grim import grim, grim_applicable, grimmer

    if value.n is None or value.n <= 0 or value.items <= 0:
        return
    mean = _written(value.mean)
    if grim_applicable(mean, value.n, value.items):
        result = grim(mean, value.n, value.items)
        if not result.consistent:
            scale = f"{value.n} whole-number answers" if value.items == 1 else \
                f"{value.n} people's answers to {value.items} whole-number items"
            below, above = (format(x, f".{value.mean.decimals}f") for x in result.nearest)
            yield Finding(rule("grim-inconsistent"), (
                f"`{value.text}`: no {scale} have a mean that rounds to {value.mean.text}; the nearest possible "
                f"means are {below} and {above} (GRIM)"), path=path)
            return
    if value.sd is not None and value.items == 1 and value.n >= 2 and grim_applicable(mean, value.n) \
            and not grimmer(mean, _written(value.sd), value.n):
        yield Finding(rule("grimmer-inconsistent"), (
            f"`{value.text}`: no {value.n} whole-number answers with a mean of {value.mean.text} have an SD that "
            f"rounds to {value.sd.text} (GRIMMER)"), path=path)


def _arms(value: TwoArms, path: DataPath) -> Iterator[Finding]:
    for arm_name, arm in (("treatment", value.treatment), ("control", value.control)):
        if arm.n <= 0 or arm.k > arm.n:
            problem = "the total n is zero" if arm.n <= 0 else f"k = {arm.k} is more than n = {arm.n}"
            yield Finding(rule("count-exceeds-total"), f"`{value.text}`: in the {arm_name} arm, {problem}", path=path)
            continue
        stated = arm.stated_percent
        if stated is not None and not stated.admits(Fraction(100 * arm.k, arm.n)):
            yield Finding(rule("percent-mismatch"), (
                f"`{value.text}`: in the {arm_name} arm, {arm.k}/{arm.n} is "
                f"{format_number(round(100 * arm.k / arm.n, 2))}%, which does not round to {stated.text}%"), path=path)


# ------------------------------------------------------------- pairs of entries

def check_effect_pairs(index: RegistryIndex) -> Iterator[Finding]:
    """Entries of one document and study within a claim, checked against each other."""
    for claim_position, claim in enumerate(index.registry.claims):
        by_document: dict[tuple[str, frozenset[str]], list[tuple[EvidenceKey, Value]]] = {}
        for entry_position, evidence in enumerate(claim.evidence):
            key = (claim_position, entry_position)
            value = index.values.get(key)
            if value is not None:
                by_document.setdefault((evidence.source, index.roots[key]), []).append((key, value))
        for entries in by_document.values():
            yield from _pairs(index, entries)


def _pairs(index: RegistryIndex, entries: list[tuple[EvidenceKey, Value]]) -> Iterator[Finding]:
    yield from check_effect_pairs_of([(index.evidence_path(key) + ("says",), value) for key, value in entries])


def check_effect_pairs_of(entries: list[tuple[DataPath, Value]]) -> Iterator[Finding]:
    """Values of one document and study checked against each other, each located by its path."""
    arms = [(path, v) for path, v in entries if isinstance(v, TwoArms)]
    estimates = [(path, v) for path, v in entries if isinstance(v, Estimate)]
    changes = [(path, v) for path, v in entries if isinstance(v, RelativeChange)]
    for path, estimate in estimates:
        for arms_path, counts in arms:
            yield from _counts_against(estimate, counts, path, arms_path)
        if estimate.measure in ("RD", "ARR", "ARI"):
            for nnt_path, nnt in estimates:
                if nnt.measure in ("NNT", "NNH"):
                    yield from _nnt_against(nnt, estimate, nnt_path, path)
        if estimate.measure in RATIOS:
            for change_path, change in changes:
                yield from _change_against(change, estimate, change_path, path)


def _counts_against(estimate: Estimate, counts: TwoArms, path: DataPath, related: DataPath) -> Iterator[Finding]:
    """A crude estimate written beside two-arm counts must be the one the counts give."""
    if estimate.adjusted or estimate.measure not in ("RR", "OR", "RD", "ARR", "ARI"):
        return
    t, c = counts.treatment, counts.control
    if not (0 <= t.k <= t.n and 0 <= c.k <= c.n and t.n > 0 and c.n > 0):
        return
    exact = _crude(estimate.measure, t.k, t.n, c.k, c.n, estimate.in_percentage_points)
    if exact is None or estimate.estimate.admits(exact):
        return
    shown = format_number(round(float(exact), 4))
    yield Finding(rule("counts-estimate-mismatch"), (
        f"`{estimate.text}`: the counts `{counts.text}` in the same document give a crude {estimate.kind.name} of "
        f"{shown}, which does not round to {estimate.estimate.text}; if the estimate is adjusted, say so "
        "(`adjusted RR`, `aOR`)"), path=path, related=(related,))


def _crude(measure: str, a: int, n1: int, c: int, n2: int, percentage_points: bool) -> Fraction | None:
    p1, p2 = Fraction(a, n1), Fraction(c, n2)
    if measure == "RR":
        return p1 / p2 if p2 else None
    if measure == "OR":
        b, d = n1 - a, n2 - c
        return Fraction(a * d, b * c) if b and c else None
    difference = p1 - p2 if measure in ("RD", "ARI") else p2 - p1
    return difference * 100 if percentage_points else difference


def _nnt_against(nnt: Estimate, rd: Estimate, path: DataPath, related: DataPath) -> Iterator[Finding]:
    """An NNT is 1/|RD|, rounded (either way, or up, as Altman recommends)."""
    scale = 0.01 if rd.in_percentage_points else 1.0
    ends = [abs(rd.estimate.rounding.low) * scale, abs(rd.estimate.rounding.high) * scale]
    if min(ends) == 0 and (rd.estimate.rounding.low <= 0 <= rd.estimate.rounding.high):
        return
    inverse = sorted(1 / x for x in ends if x > 0)
    if len(inverse) < 2:
        return
    low, high = inverse[0], inverse[1]
    written = nnt.estimate.value
    if written - 1 <= high and low <= written + 0.5:  # rounded to nearest, or up to the next whole number
        return
    yield Finding(rule("nnt-mismatch"), (
        f"`{nnt.text}`: 1 / |{rd.estimate.text}{' percentage points' if rd.in_percentage_points else ''}| is "
        f"{low:.1f} to {high:.1f} at the rounding of the risk difference, so the number needed is "
        f"{math.ceil(low)} or so, not {nnt.estimate.text}"), path=path, related=(related,))


def _change_against(change: RelativeChange, estimate: Estimate, path: DataPath, related: DataPath) -> Iterator[Finding]:
    """A change in words must contain the ratio the same document gives for it (words marked adjusted, an
    adjusted ratio's)."""
    if change.direction == "none" or change.ratio.overlaps(estimate.estimate.rounding):
        return
    if change.adjusted and not estimate.adjusted:
        return
    yield Finding(rule("change-contradicts-ratio"), (
        f"`{change.text}` commits to a ratio of {_interval(change)}, but the same document gives "
        f"{estimate.measure} {estimate.estimate.text}, which means {_reduction(estimate.estimate.value)}"),
        path=path, related=(related,))


def _interval(change: RelativeChange) -> str:
    ratio = change.ratio
    left, right = "[" if ratio.low_closed else "(", "]" if ratio.high_closed else ")"
    high = "inf" if math.isinf(ratio.high) else f"{ratio.high:.4g}"
    return f"{left}{ratio.low:.4g}, {high}{right}"


def _reduction(ratio: float) -> str:
    change = (1 - ratio) * 100
    return f"a reduction of {change:.0f}%" if change > 0 else f"an increase of {-change:.0f}%" if change < 0 \
        else "no change"
