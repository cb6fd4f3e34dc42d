"""Two arms: counts, ``482/2104 vs 1110/4321``, or percentages, ``29.0% vs 40.7%``, the treatment arm first.

From counts follow the crude risk ratio, odds ratio and risk difference (the
statistics layer computes them with their intervals); validate checks that
a crude estimate written beside them agrees. A percentage may lead, with its
counts after it: ``22.9% (482/2104) vs 25.7% (1110/4321)`` is the same value as
``482/2104 (22.9%) vs 1110/4321 (25.7%)``.

Percentages alone (`TwoPercents`) imply a ratio and a difference at the
rounding of both: ``29.0% vs 40.7%`` is a risk ratio between 28.95/40.75 and
29.05/40.65 and a difference between -11.8 and -11.6 percentage points, with no
standard error. A change from a baseline, ``fell from 25.7% to 22.9%``, is read
the same way, the later share over (or minus) the earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.values.base import EFFECT, Interval, Number, Said, ValueSyntaxError, format_number, read_number
from claimcheck.values.effects import BINARY

_PERCENT = r"\d+(?:\.\d+)?|\.\d+"
_ARM = rf"(-?\d+)\s*(?:/|of|out of)\s*(-?\d+)(?:\s*\(\s*({_PERCENT})\s*%\s*\))?"
_SEPARATOR = r"\s+(?:vs\.?|versus|v\.?|compared with|against)\s+"
_TWO_ARMS = re.compile(rf"^{_ARM}{_SEPARATOR}{_ARM}$")
#: A percentage first, its counts in parentheses: ``22.9% (482/2104)``.
_PERCENT_ARM = rf"({_PERCENT})\s*%\s*\(\s*(-?\d+)\s*(?:/|of|out of)\s*(-?\d+)\s*\)"
_TWO_PERCENT_ARMS = re.compile(rf"^{_PERCENT_ARM}{_SEPARATOR}{_PERCENT_ARM}$")
_SHARE = rf"({_PERCENT})\s*(?:%|percent|per\s+cent)"
_TWO_PERCENTS = re.compile(rf"^{_SHARE}{_SEPARATOR}{_SHARE}$")
_FALL_VERBS = ("fell", "dropped", "declined", "decreased", "was reduced", "were reduced", "went down")
_RISE_VERBS = ("rose", "increased", "climbed", "went up")
#: A change from a baseline: ``fell from 25.7% to 22.9%``; a few words may name what changed.
_FROM_TO = re.compile(
    rf"^(?:(?:[^\s\d]+\s+){{0,4}}?({'|'.join(_FALL_VERBS + _RISE_VERBS + ('changed',))})(?:\s+(?!from\b)[^\s\d]+){{0,6}}\s+)?"
    rf"from\s+{_SHARE}\s+to\s+{_SHARE}$")
ARMS, BASELINE = "arms", "baseline"


@dataclass(frozen=True)
class Arm:
    """One arm's k of n, and the percentage written beside it, if any."""

    k: int
    n: int
    stated_percent: Number | None = None

    @property
    def percent(self) -> float | None:
        return 100.0 * self.k / self.n if self.n else None

    @property
    def stated_interval(self) -> Interval | None:
        """The percentages the stated one allows at its precision, rounding either way."""
        return self.stated_percent.rounding if self.stated_percent is not None else None

    def describe(self) -> str:
        shown = f" ({self.stated_percent.text}%)" if self.stated_percent is not None else ""
        return f"{self.k}/{self.n}{shown}"

    def to_json(self) -> dict[str, Any]:
        return {"k": self.k, "n": self.n,
                "stated_percent": self.stated_percent.to_json() if self.stated_percent is not None else None}


@dataclass(frozen=True)
class TwoArms:
    """Events in a treatment arm and a control arm, as ``k/n vs k/n``."""

    text: str = field(compare=False)
    treatment: Arm
    control: Arm
    dimension: str = EFFECT
    outcome: str = BINARY

    @property
    def arms(self) -> tuple[Arm, Arm]:
        return self.treatment, self.control

    def describe(self) -> str:
        return f"{self.treatment.describe()} vs {self.control.describe()}"

    def shares(self) -> str:
        """The two arms as percentages, for messages: ``22.91% vs 25.69%``."""
        return " vs ".join(format_number(round(arm.percent, 2)) + "%" if arm.percent is not None else "n/a"
                           for arm in self.arms)

    def to_json(self) -> dict[str, Any]:
        return {"form": "two-arms", "dimension": self.dimension, "treatment": self.treatment.to_json(),
                "control": self.control.to_json()}


@dataclass(frozen=True)
class TwoPercents:
    """Two shares in percent, as written: two arms (``29.0% vs 40.7%``) or a change from a baseline.

    ``treatment`` is the first arm, or the share after the change; ``control`` the
    second arm, or the baseline. Two are equal when their numbers are, at their precision.
    """

    text: str = field(compare=False)
    treatment: Number
    control: Number
    form: str = ARMS  # "arms" or "baseline"
    words: str = field(default="", compare=False)
    dimension: str = EFFECT
    outcome: str = BINARY

    @property
    def ratio(self) -> Interval | None:
        """The ratios both roundings allow, treatment over control; None when the control may be 0."""
        t, c = self.treatment.rounding, self.control.rounding
        if c.low <= 0:
            return None
        return Interval(max(t.low, 0.0) / c.high, t.high / c.low, True, True)

    @property
    def difference(self) -> Interval:
        """The differences both roundings allow, in percentage points, treatment minus control."""
        t, c = self.treatment.rounding, self.control.rounding
        return Interval(t.low - c.high, t.high - c.low, True, True)

    def describe(self) -> str:
        if self.form == BASELINE:
            return f"{self.words + ' ' if self.words else ''}from {self.control.text}% to {self.treatment.text}%"
        return f"{self.treatment.text}% vs {self.control.text}%"

    def to_json(self) -> dict[str, Any]:
        return {"form": "two-percents" if self.form == ARMS else "change-from-baseline",
                "dimension": self.dimension, "treatment": self.treatment.to_json(),
                "control": self.control.to_json()}


def parse(said: Said) -> TwoArms | TwoPercents | None:
    lowered = said.lowered
    if " from " in f" {lowered}":
        return _from_to(said)
    if " v" not in lowered and " against " not in lowered and " compared " not in lowered:
        return None
    match = _TWO_ARMS.match(lowered)
    if match:
        groups = match.groups()
        return TwoArms(said.raw, _arm(said.raw, *groups[:3]), _arm(said.raw, *groups[3:]))
    match = _TWO_PERCENT_ARMS.match(lowered)
    if match:
        t_percent, t_k, t_n, c_percent, c_k, c_n = match.groups()
        return TwoArms(said.raw, _arm(said.raw, t_k, t_n, t_percent), _arm(said.raw, c_k, c_n, c_percent))
    match = _TWO_PERCENTS.match(lowered)
    if match:
        return TwoPercents(said.raw, _share(said.raw, match.group(1)), _share(said.raw, match.group(2)))
    return None


def _from_to(said: Said) -> TwoPercents | None:
    """``fell from 25.7% to 22.9%``: the later share against the baseline; a verb must fit the numbers."""
    match = _FROM_TO.match(said.lowered)
    if not match:
        return None
    verb, before_text, after_text = match.groups()
    before, after = _share(said.raw, before_text), _share(said.raw, after_text)
    if verb in _FALL_VERBS and after.value >= before.value:
        raise ValueSyntaxError(said.raw, f"`{said.raw}`: `{verb}`, but {after.text}% is not below {before.text}%")
    if verb in _RISE_VERBS and after.value <= before.value:
        raise ValueSyntaxError(said.raw, f"`{said.raw}`: `{verb}`, but {after.text}% is not above {before.text}%")
    words = "fell" if after.value < before.value else "rose" if after.value > before.value else "changed"
    return TwoPercents(said.raw, after, before, BASELINE, words)


def _share(raw: str, written: str) -> Number:
    number = read_number(written, raw)
    if number.value > 100:
        raise ValueSyntaxError(raw, f"`{raw}`: a share of {written}% is above 100%")
    return number


def _arm(raw: str, k_text: str, n_text: str, percent: str | None) -> Arm:
    if k_text.startswith("-") or n_text.startswith("-"):
        raise ValueSyntaxError(raw, f"`{raw}`: a count cannot be negative")
    k, n = (int(read_number(text, raw).value) for text in (k_text, n_text))
    return Arm(k, n, read_number(percent, raw) if percent else None)
