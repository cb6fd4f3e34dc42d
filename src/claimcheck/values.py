"""The `says` value language: what a document's words commit it to.

Each `says` scalar parses into a typed value that knows the interval its text
commits to, in a base unit (percent, days, mg, mg/day, mg/kg/day):

* a number's interval follows its precision: ``37%`` is [36.5, 37.5),
  ``37.5%`` is [37.45, 37.55), ``30 years`` is [29.5, 30.5) years;
* ``about X`` (also ``~X``, ``around``, ``approximately``, ``roughly``) widens
  X to ``X ± max(10% of X, one unit of its last digit)``, closed;
* bounds are exact: ``over 20 years`` is (20, inf), ``at least 3 months`` is
  [3, inf) months, ``up to 9 months`` is [0, 9], ``<10%`` is [0, 10);
* a count ``k/n`` is the single point 100·k/n percent.

docs/format.md is the user-facing description of every form.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

PROPORTION = "proportion"
STANCE = "stance"
NUMBER = "number"
DURATION = "duration"
DOSE = "dose"
DAILY_DOSE = "daily dose"
WEIGHT_BASED_DAILY_DOSE = "weight-based daily dose"

ACCEPTED_FORMS = (
    "11/30, 11/30 (37%), 11 of 30, 37%, 37.5%, 30-40%, <10%, >50%, about 1%, ~1%; "
    "40 mg/day, 0.5 mg/kg/day, 20 mg, 74 days, 3-6 months, up to 9 months, over 20 years, "
    "at least 3 months; most, majority, over half, half, about half, a third, all, none, few, "
    "some, very common, common, uncommon, rare, very rare; a bare number such as 30; "
    "yes, no, uncertain"
)

YES, NO, UNCERTAIN = "yes", "no", "uncertain"


@dataclass(frozen=True)
class Interval:
    """A set of real numbers between two ends, each open or closed."""

    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = False

    def overlaps(self, other: Interval) -> bool:
        low, low_closed = max((self.low, not self.low_closed), (other.low, not other.low_closed))
        high, high_open = min((self.high, not self.high_closed), (other.high, not other.high_closed))
        if low < high:
            return True
        return low == high and not low_closed and not high_open

    def contains(self, x: float) -> bool:
        above = x > self.low or (self.low_closed and x == self.low)
        below = x < self.high or (self.high_closed and x == self.high)
        return above and below

    def clip(self, low: float, high: float) -> Interval:
        return Interval(
            max(self.low, low), min(self.high, high),
            self.low_closed or self.low < low, self.high_closed or self.high > high,
        )

    def scaled(self, factor: float) -> Interval:
        return Interval(self.low * factor, self.high * factor, self.low_closed, self.high_closed)

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    def __str__(self) -> str:
        if self.is_point:
            return format_number(self.low)
        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        return f"{left}{format_number(self.low)}, {format_number(self.high)}{right}"


def format_number(x: float) -> str:
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    if abs(x) >= 1:
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return f"{x:.3g}"


@dataclass(frozen=True)
class Count:
    """k of n, as in 11/30."""

    k: int
    n: int

    @property
    def percent(self) -> float:
        return 100.0 * self.k / self.n if self.n else math.nan


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
    #: The percentage given next to a count, as in 11/30 (37%).
    stated_percent: Interval | None = None

    def describe(self) -> str:
        """The value in the base unit, as the comparison reasons show it."""
        if self.count is not None:
            return f"{format_number(round(self.count.percent, 2))}%"
        unit = "%" if self.unit == "%" else f" {self.unit}" if self.unit else ""
        return f"{self.interval}{unit}"


@dataclass(frozen=True)
class Stance:
    """A yes/no proposition's answer: yes, no or uncertain."""

    text: str
    stance: str
    dimension: str = STANCE

    def describe(self) -> str:
        return self.stance


Value = Measure | Stance


class ValueSyntaxError(ValueError):
    """A `says` that is in no form of the language."""

    def __init__(self, text: str) -> None:
        super().__init__(f"cannot read `{text}` as a value; accepted forms: {ACCEPTED_FORMS}")
        self.text = text


def parse(says: object) -> Value:
    """Parse one `says` scalar (text, number or YAML boolean)."""
    if isinstance(says, bool):
        return Stance(YES if says else NO, YES if says else NO)
    if isinstance(says, (int, float)):
        return _parse_text(repr(says) if isinstance(says, float) else str(says))
    if not isinstance(says, str):
        raise ValueSyntaxError(str(says))
    return _parse_text(says)


# ---------------------------------------------------------------- the grammar

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_RANGE_SEPARATOR = r"\s*(?:-|–|—|to|and)\s*"

_APPROXIMATE = ("about", "around", "approximately", "approx.", "approx", "roughly", "circa",
                "c.", "~", "≈", "some")
_LOWER_OPEN = ("over", "more than", "above", "greater than", "exceeding", ">")
_LOWER_CLOSED = ("at least", "no less than", "minimum", "min.", ">=", "≥")
_UPPER_OPEN = ("under", "below", "less than", "fewer than", "<")
_UPPER_CLOSED = ("up to", "at most", "no more than", "maximum", "max.", "<=", "≤")

_QUALIFIERS: list[tuple[str, str]] = sorted(
    [(word, "approx") for word in _APPROXIMATE]
    + [(word, ">") for word in _LOWER_OPEN]
    + [(word, ">=") for word in _LOWER_CLOSED]
    + [(word, "<") for word in _UPPER_OPEN]
    + [(word, "<=") for word in _UPPER_CLOSED],
    key=lambda pair: -len(pair[0]),
)

_FRACTIONS = {
    "half": 50.0, "one half": 50.0, "a half": 50.0,
    "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3,
    "a quarter": 25.0, "one quarter": 25.0, "one-quarter": 25.0,
    "three quarters": 75.0, "three-quarters": 75.0,
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

_STANCES = {"yes": YES, "true": YES, "no": NO, "false": NO, "uncertain": UNCERTAIN,
            "unknown": UNCERTAIN, "unclear": UNCERTAIN}

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

_COUNT = re.compile(
    rf"^(\d+)\s*(?:/|of|out of)\s*(\d+)(?:\s*\(\s*({_NUMBER})\s*%\s*\))?$"
)
_MAGNITUDE = re.compile(rf"^({_NUMBER})\s*(%)?(?:{_RANGE_SEPARATOR}({_NUMBER}))?\s*(.*)$")
_BETWEEN = re.compile(r"^between\s+(.*)$")


@lru_cache(maxsize=65536)
def _parse_text(raw: str) -> Value:
    text = " ".join(raw.split())
    lowered = text.lower()
    if not lowered:
        raise ValueSyntaxError(raw)
    if lowered in _STANCES:
        return Stance(raw, _STANCES[lowered])
    count = _COUNT.match(lowered)
    if count:
        return _count(raw, count)
    if lowered in _WORDS:
        interval = _WORDS[lowered]
        return Measure(raw, PROPORTION, "%", interval)
    qualifier, rest = _split_qualifier(lowered)
    between = _BETWEEN.match(rest)
    if between and qualifier is None:
        rest = between.group(1)
    if rest in _FRACTIONS:
        return _fraction(raw, qualifier, _FRACTIONS[rest])
    return _magnitude(raw, qualifier, rest)


def _split_qualifier(text: str) -> tuple[str | None, str]:
    for word, kind in _QUALIFIERS:
        if text.startswith(word):
            rest = text[len(word):]
            if word[-1].isalpha() and rest[:1].isalpha():
                continue  # "overall" does not start with "over"
            return kind, rest.strip()
    return None, text


def _count(raw: str, match: re.Match[str]) -> Measure:
    k, n = int(match.group(1)), int(match.group(2))
    count = Count(k, n)
    stated = None
    if match.group(3):
        stated = _precision_interval(_to_float(match.group(3)), match.group(3))
    point = count.percent if n else 0.0
    return Measure(raw, PROPORTION, "%", Interval(point, point, True, True),
                   numbers=(float(k), float(n)), count=count, stated_percent=stated)


def _fraction(raw: str, qualifier: str | None, percent: float) -> Measure:
    if qualifier is None:
        interval = Interval(percent - FRACTION_TOLERANCE, percent + FRACTION_TOLERANCE, True, True)
    elif qualifier == "approx":
        width = APPROXIMATE_FRACTION_TOLERANCE
        interval = Interval(percent - width, percent + width, True, True)
    else:
        interval = _bound(qualifier, percent, 0.0, 100.0)
    return Measure(raw, PROPORTION, "%", interval.clip(0, 100), numbers=(percent,))


def _magnitude(raw: str, qualifier: str | None, text: str) -> Measure:
    match = _MAGNITUDE.match(text)
    if not match:
        raise ValueSyntaxError(raw)
    first, percent_sign, second, unit_text = match.groups()
    if percent_sign and unit_text.strip() not in ("", "%"):
        raise ValueSyntaxError(raw)
    unit_text = "%" if percent_sign else unit_text.strip()
    dimension, unit, factor = _unit(unit_text, raw)
    low = _to_float(first)
    high = _to_float(second) if second else None
    numbers = (low,) if high is None else (low, high)
    written_range = None if high is None else (low, high)
    floor, ceiling = (0.0, 100.0) if dimension == PROPORTION else (0.0, math.inf)
    if qualifier is None:
        interval = _precision_interval(low, first)
        if high is not None:
            top = _precision_interval(high, second)
            interval = Interval(interval.low, top.high, True, False)
    elif qualifier == "approx":
        interval = Interval(low - _approximate_width(low, first), (high if high is not None else low)
                            + _approximate_width(high if high is not None else low, second or first),
                            True, True)
    else:
        # A bound on a range ("at least 3-6 months") commits only to its weakest end.
        end = high if high is not None and qualifier in ("<", "<=") else low
        interval = _bound(qualifier, end, floor, ceiling)
    if dimension == PROPORTION:
        interval = interval.clip(floor, ceiling) if interval.high >= floor and interval.low <= ceiling else interval
    else:
        interval = interval.scaled(factor)
    return Measure(raw, dimension, unit, interval, numbers=numbers, written_range=written_range)


def _bound(qualifier: str, x: float, floor: float, ceiling: float) -> Interval:
    if qualifier == ">":
        return Interval(x, ceiling, False, ceiling != math.inf)
    if qualifier == ">=":
        return Interval(x, ceiling, True, ceiling != math.inf)
    if qualifier == "<":
        return Interval(floor, x, True, False)
    return Interval(floor, x, True, True)


def _precision_interval(x: float, written: str) -> Interval:
    half = 0.5 * _last_digit_unit(written)
    return Interval(x - half, x + half, True, False)


def _approximate_width(x: float, written: str) -> float:
    return max(0.1 * abs(x), _last_digit_unit(written))


def _last_digit_unit(written: str) -> float:
    decimals = len(written.split(".", 1)[1]) if "." in written else 0
    return 10.0 ** -decimals


def _to_float(written: str) -> float:
    return float(written.replace(",", ""))


def _unit(text: str, raw: str) -> tuple[str, str, float]:
    """(dimension, base unit, factor from the written unit to the base unit)."""
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
        raise ValueSyntaxError(raw)
    if len(parts) == 1:
        return DOSE, "mg", mass
    per_kg = parts[1] == "kg"
    time_parts = parts[2:] if per_kg else parts[1:]
    if len(time_parts) != 1 or time_parts[0] not in _TIME_WORDS:
        raise ValueSyntaxError(raw)
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
