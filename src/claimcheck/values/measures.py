"""Proportions, quantities with units and bare numbers: one group's value.

Each parses into a `Measure` that knows the interval its text commits to, in a
base unit (percent, days, mg, mg/day, mg/kg/day):

* a number's interval follows its precision: ``37%`` is [36.5, 37.5),
  ``37.5%`` is [37.45, 37.55), ``30 years`` is [29.5, 30.5) years;
* ``about X`` (also ``~X``, ``around``, ``approximately``, ``roughly``) widens
  X to ``X ± max(10% of X, one unit of its last digit)``, closed;
* bounds are exact: ``over 20 years`` is (20, inf), ``at least 3 months`` is
  [3, inf) months, ``up to 9 months`` is [0, 9], ``<10%`` is [0, 10);
* a count ``k/n`` is the single point 100·k/n percent.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from claimcheck.values import words
from claimcheck.values.base import (
    DAILY_DOSE,
    DOSE,
    DOSE_FREQUENCY,
    DURATION,
    NUMBER,
    PROPORTION,
    WEIGHT_BASED_DAILY_DOSE,
    Interval,
    Number,
    Said,
    format_number,
    read_number,
)


@dataclass(frozen=True)
class Count:
    """k of n, as in 11/30."""

    k: int
    n: int

    @property
    def percent(self) -> float:
        return 100.0 * self.k / self.n if self.n else math.nan

    def describe(self) -> str:
        """k/n as a percentage; a count of nobody has none."""
        if not self.n:
            return f"{self.k}/0 (no percentage: n is 0)"
        return f"{format_number(round(self.percent, 2))}%"

    def to_json(self) -> dict[str, Any]:
        return {"k": self.k, "n": self.n}


@dataclass(frozen=True)
class Measure:
    """A proportion, a quantity with a unit, or a bare number."""

    text: str
    dimension: str
    unit: str
    interval: Interval
    #: The numbers as written, in the written unit, for arithmetic checks.
    numbers: tuple[float, ...] = ()
    #: For a range, its ends as written (low, high), in the written unit.
    written_range: tuple[float, float] | None = None
    count: Count | None = None
    #: The percentage given next to a count, as in 11/30 (37%): the interval of its precision, and as written.
    stated_percent: Interval | None = None
    stated_number: Number | None = None

    def describe(self) -> str:
        """The value in the base unit, as the comparison reasons show it."""
        if self.count is not None:
            return self.count.describe()
        unit = "%" if self.unit == "%" else f" {self.unit}" if self.unit else ""
        return f"{self.interval}{unit}"

    def to_json(self) -> dict[str, Any]:
        return {"form": "measure", "dimension": self.dimension, "unit": self.unit,
                "interval": self.interval.to_json(),
                "count": self.count.to_json() if self.count is not None else None,
                "stated_percent": self.stated_percent.to_json() if self.stated_percent is not None else None}


# ---------------------------------------------------------------- the grammar

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_RANGE_SEPARATOR = r"\s*(?:-|–|—|to|and)\s*"

_APPROXIMATE = ("about", "around", "approximately", "approx.", "approx", "roughly", "circa",
                "c.", "~", "≈", "some")
_LOWER_OPEN = ("over", "more than", "above", "greater than", "exceeding", ">")
_LOWER_CLOSED = ("at least", "no less than", "minimum", "min.", ">=", "≥")
_UPPER_OPEN = ("under", "below", "less than", "fewer than", "<")
_UPPER_CLOSED = ("up to", "at most", "no more than", "maximum", "max.", "<=", "≤")

QUALIFIERS: list[tuple[str, str]] = sorted(
    [(word, "approx") for word in _APPROXIMATE]
    + [(word, ">") for word in _LOWER_OPEN]
    + [(word, ">=") for word in _LOWER_CLOSED]
    + [(word, "<") for word in _UPPER_OPEN]
    + [(word, "<=") for word in _UPPER_CLOSED],
    key=lambda pair: -len(pair[0]),
)

FRACTIONS = {
    "half": 50.0, "one half": 50.0, "a half": 50.0,
    "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3,
    "a quarter": 25.0, "one quarter": 25.0, "one-quarter": 25.0,
    "three quarters": 75.0, "three-quarters": 75.0,
    "a fifth": 20.0, "one fifth": 20.0, "one-fifth": 20.0,
    "a tenth": 10.0, "one tenth": 10.0, "one-tenth": 10.0,
}
#: A fraction word is taken to within 5 percentage points, "about" to within 10.
FRACTION_TOLERANCE = 5.0
APPROXIMATE_FRACTION_TOLERANCE = 10.0

#: Quantifier words, as intervals of percent.
_WORDS = {
    "most": Interval(50, 100, False, True),
    "majority": Interval(50, 100, False, True),
    "the majority": Interval(50, 100, False, True),
    "minority": Interval(0, 50, False, False),
    "a minority": Interval(0, 50, False, False),
    "all": Interval(100, 100, True, True),
    "every": Interval(100, 100, True, True),
    "none": Interval(0, 0, True, True),
    "no one": Interval(0, 0, True, True),
    "nearly all": Interval(90, 100, True, False),
    "almost all": Interval(90, 100, True, False),
    "few": Interval(0, 20, False, True),
    "a few": Interval(0, 20, False, True),
    "some": Interval(0, 100, False, True),
    # Adverse-effect frequencies as CIOMS and drug labels define them.
    "very common": Interval(10, 100, True, True),
    "common": Interval(1, 10, True, False),
    "uncommon": Interval(0.1, 1, True, False),
    "rare": Interval(0.01, 0.1, True, False),
    "very rare": Interval(0, 0.01, True, False),
}

_DAYS_PER = {
    "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25,
}
_TIME_WORDS = {
    "min": "minute", "mins": "minute", "minute": "minute", "minutes": "minute",
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour",
    "d": "day", "day": "day", "days": "day",
    "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "mo": "month", "mos": "month", "month": "month", "months": "month",
    "y": "year", "yr": "year", "yrs": "year", "year": "year", "years": "year",
}
_MG_PER = {"mcg": 0.001, "µg": 0.001, "μg": 0.001, "ug": 0.001, "mg": 1.0, "g": 1000.0}

#: k/n, k of n, k out of n, with an optional percentage: one group's count.
COUNT = re.compile(
    rf"^(\d+)\s*(?:/|of|out of)\s*(\d+)(?:\s*\(\s*({_NUMBER})\s*%\s*\))?$"
)
#: The same written percentage first, as abstracts often do: `2.4% (32/1318)`.
PERCENT_FIRST = re.compile(rf"^({_NUMBER})\s*%\s*\(\s*(\d+)\s*(?:/|of|out of)\s*(\d+)\s*\)$")
_MAGNITUDE = re.compile(rf"^({_NUMBER})\s*(%)?(?:{_RANGE_SEPARATOR}({_NUMBER}))?\s*(.*)$")
_BETWEEN = re.compile(r"^between\s+(.*)$")


def parse(said: Said) -> Measure | None:
    """A proportion, a quantity with a unit or a bare number; None for text in none of these forms.

    Numbers in words, `percent`, `one in five` and dosing schedules (`words`) are tried
    only for text the forms in digits do not read.
    """
    value = _parse_lowered(said.raw, said.lowered)
    if value is not None or len(said.lowered) > MAX_WORDED_LENGTH:
        return value
    return _reworded(said.raw, said.lowered)


#: No value in words is longer than this; longer text is not tried against them.
MAX_WORDED_LENGTH = 120


def _reworded(raw: str, lowered: str) -> Measure | None:
    """`eleven of thirty`, `95 percent`, `one in five`, `twice daily`, `6 mg twice daily`."""
    digits = words.in_digits(lowered)
    if digits is not None:
        value = _parse_lowered(raw, digits)
        if value is not None:
            return value
        lowered = digits
    one_in = words.ONE_IN.match(lowered)
    if one_in:
        return _one_in(raw, int(one_in.group(1)), int(one_in.group(2)))
    per_day = words.times_a_day(lowered)
    if per_day is not None:
        point = float(per_day)
        return Measure(raw, DOSE_FREQUENCY, "times/day", Interval(point, point, True, True), numbers=(point,))
    return _dose_on_schedule(raw, lowered)


def _one_in(raw: str, k: int, n: int) -> Measure | None:
    """`one in five`: k of every n, n read at its precision, [k/(n + 0.5), k/(n - 0.5)]."""
    if n < 1 or k > n:
        return None
    low, high = 100 * k / (n + 0.5), min(100.0, 100 * k / (n - 0.5))
    return Measure(raw, PROPORTION, "%", Interval(low, high, True, True), numbers=(100 * k / n,))


_ON_SCHEDULE = re.compile(r"^(.*?(?:mcg|µg|μg|ug|mg|g))\s+(.+)$")


def _dose_on_schedule(raw: str, lowered: str) -> Measure | None:
    """`6 mg twice daily`: a dose times how often a day, a daily dose."""
    match = _ON_SCHEDULE.match(lowered)
    if not match:
        return None
    schedule = match.group(2)
    per_day = words.times_a_day(f"once {schedule}" if schedule in ("weekly", "a week", "per week") else schedule)
    dose = _parse_lowered(raw, match.group(1))
    if per_day is None or dose is None or dose.dimension != DOSE:
        return None
    return Measure(raw, DAILY_DOSE, "mg/day", dose.interval.scaled(float(per_day)), numbers=dose.numbers,
                   written_range=dose.written_range)


def _parse_lowered(raw: str, lowered: str) -> Measure | None:
    count = COUNT.match(lowered)
    if count:
        return _count(raw, count.group(1), count.group(2), count.group(3))
    first = PERCENT_FIRST.match(lowered)
    if first:
        return _count(raw, first.group(2), first.group(3), first.group(1))
    if lowered in _WORDS:
        return Measure(raw, PROPORTION, "%", _WORDS[lowered])
    qualifier, rest = split_qualifier(lowered)
    between = _BETWEEN.match(rest)
    if between and qualifier is None:
        rest = between.group(1)
    if rest in FRACTIONS:
        return _fraction(raw, qualifier, FRACTIONS[rest])
    return _magnitude(raw, qualifier, rest)


def split_qualifier(text: str) -> tuple[str | None, str]:
    """("approx", ">", ">=", "<", "<=" or None, the rest) for a text that may start with a qualifier."""
    for word, kind in QUALIFIERS:
        if text.startswith(word):
            rest = text[len(word):]
            if word[-1].isalpha() and rest[:1].isalpha():
                continue  # "overall" does not start with "over"
            return kind, rest.strip()
    return None, text


def _count(raw: str, written_k: str, written_n: str, written_percent: str | None) -> Measure:
    k, n = (int(read_number(written, raw).value) for written in (written_k, written_n))
    count = Count(k, n)
    stated = read_number(written_percent, raw) if written_percent else None
    point = count.percent if n else 0.0
    return Measure(raw, PROPORTION, "%", Interval(point, point, True, True), numbers=(float(k), float(n)),
                   count=count, stated_percent=precision_interval(stated) if stated is not None else None,
                   stated_number=stated)


def _fraction(raw: str, qualifier: str | None, percent: float) -> Measure:
    return Measure(raw, PROPORTION, "%", fraction_interval(qualifier, percent, 100.0).clip(0, 100),
                   numbers=(percent,))


def fraction_interval(qualifier: str | None, percent: float, ceiling: float) -> Interval:
    """The percent a fraction word commits to: within 5 points, "about" within 10, bounds exact."""
    if qualifier is None:
        return Interval(percent - FRACTION_TOLERANCE, percent + FRACTION_TOLERANCE, True, True)
    if qualifier == "approx":
        width = APPROXIMATE_FRACTION_TOLERANCE
        return Interval(percent - width, percent + width, True, True)
    return bound(qualifier, percent, 0.0, ceiling)


def _magnitude(raw: str, qualifier: str | None, text: str) -> Measure | None:
    match = _MAGNITUDE.match(text)
    if not match:
        return None
    first, percent_sign, second, unit_text = match.groups()
    if percent_sign and unit_text.strip() not in ("", "%"):
        return None
    unit_text = "%" if percent_sign else unit_text.strip()
    unit = _unit(unit_text)
    if unit is None:
        return None
    dimension, base_unit, factor = unit
    low_number = read_number(first, raw)
    high_number = read_number(second, raw) if second else None
    low = low_number.value
    high = high_number.value if high_number is not None else None
    numbers = (low,) if high is None else (low, high)
    written_range = None if high is None else (low, high)
    floor, ceiling = (0.0, 100.0) if dimension == PROPORTION else (0.0, math.inf)
    if qualifier is None:
        interval = precision_interval(low_number)
        if high_number is not None:
            interval = Interval(interval.low, precision_interval(high_number).high, True, False)
    elif qualifier == "approx":
        top = high_number or low_number
        interval = Interval(low - approximate_width(low_number), top.value + approximate_width(top), True, True)
    else:
        # A bound on a range ("at least 3-6 months") commits only to its weakest end.
        end = high if high is not None and qualifier in ("<", "<=") else low
        interval = bound(qualifier, end, floor, ceiling)
    if dimension == PROPORTION:
        interval = interval.clip(floor, ceiling) if interval.high >= floor and interval.low <= ceiling else interval
    else:
        interval = interval.scaled(factor)
    return Measure(raw, dimension, base_unit, interval, numbers=numbers, written_range=written_range)


def bound(qualifier: str, x: float, floor: float, ceiling: float) -> Interval:
    if qualifier == ">":
        return Interval(x, ceiling, False, ceiling != math.inf)
    if qualifier == ">=":
        return Interval(x, ceiling, True, ceiling != math.inf)
    if qualifier == "<":
        return Interval(floor, x, True, False)
    return Interval(floor, x, True, True)


def precision_interval(number: Number) -> Interval:
    """Half a unit of the last written digit either side, the lower end closed: ``37%`` is [36.5, 37.5)."""
    half = 0.5 * number.step
    return Interval(number.value - half, number.value + half, True, False)


def approximate_width(number: Number) -> float:
    return max(0.1 * abs(number.value), number.step)


def _unit(text: str) -> tuple[str, str, float] | None:
    """(dimension, base unit, factor from the written unit to the base unit); None for no known unit."""
    if text == "%":
        return PROPORTION, "%", 1.0
    if text == "":
        return NUMBER, "", 1.0
    normalised = _normalise_unit(text)
    if normalised in _TIME_WORDS:
        return DURATION, "days", _DAYS_PER[_TIME_WORDS[normalised]]
    parts = normalised.split("/")
    mass = _MG_PER.get(parts[0])
    if mass is None:
        return None
    if len(parts) == 1:
        return DOSE, "mg", mass
    per_kg = parts[1] == "kg"
    time_parts = parts[2:] if per_kg else parts[1:]
    if len(time_parts) != 1 or time_parts[0] not in _TIME_WORDS:
        return None
    per_day = mass / _DAYS_PER[_TIME_WORDS[time_parts[0]]]
    if per_kg:
        return WEIGHT_BASED_DAILY_DOSE, "mg/kg/day", per_day
    return DAILY_DOSE, "mg/day", per_day


def _normalise_unit(text: str) -> str:
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"\s+(?:per|a|an|each|every)\s+", "/", f" {text} ").strip()
    text = re.sub(r"\s+daily$", "/day", text)
    text = re.sub(r"^daily$", "day", text)
    text = re.sub(r"/kg\s+body\s+weight", "/kg", text)
    return text.replace(" ", "")
