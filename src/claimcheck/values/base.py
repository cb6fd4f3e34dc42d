"""What every form of the value language shares.

* `Said`: one `says` text, as written and normalised, handed to each form's parser;
* `Interval`: a set of reals between two ends, each open or closed;
* `Number`: a number as written, which knows its decimals and so its rounding;
* `read_number`: text to `Number`, refusing numbers too large or too long to mean
  anything (`NumberOutOfRange`, finding CC310) before Python could choke on them;
* `ValueSyntaxError`: a `says` in no form of the language (finding CC301).

Every value type has `text` (as written), `dimension` (what kind of quantity it
is: values of one claim must be of one kind, or of kinds docs/format.md allows
together), `describe()` (how reports show it) and `to_json()` (its parsed
fields, in the shape docs/json.md documents).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Protocol

PROPORTION = "proportion"
STANCE = "stance"
NUMBER = "number"
DURATION = "duration"
DOSE = "dose"
DAILY_DOSE = "daily dose"
WEIGHT_BASED_DAILY_DOSE = "weight-based daily dose"
#: How often a dose is taken, in times a day: `twice daily`, `b.i.d.`.
DOSE_FREQUENCY = "dose frequency"
#: A comparison of groups: ratio and difference measures, relative changes in words,
#: two-arm counts, p-values, statements of significance and test statistics.
EFFECT = "effect"
#: A mean, with its SD and n, as GRIM and GRIMMER read it.
MEAN = "mean"

#: Numbers in `says` must be below this in magnitude (no count, dose, duration or
#: statistic in the literature comes near it) ...
MAX_MAGNITUDE = 1e15
#: ... and, when not zero, at least this (p-values of genome-wide studies reach 1e-300) ...
MIN_MAGNITUDE = 1e-300
#: ... and be written with at most this many digits.
MAX_DIGITS = 30


#: Every form of the language in one line, for the message of a `says` in none of them (CC301).
ACCEPTED_FORMS = (
    "11/30, 11/30 (37%), 11 of 30, 37%, 37.5%, 30-40%, <10%, >50%, about 1%, ~1%; "
    "40 mg/day, 6 mg twice daily, 0.5 mg/kg/day, 20 mg, twice daily, b.i.d., 74 days, 3-6 months, up to 9 months, over 20 years, "
    "at least 3 months; eleven of thirty, one in five, 95 percent; most, majority, over half, half, about half, a third, all, none, few, "
    "some, very common, common, uncommon, rare, very rare; a bare number such as 30; "
    "yes, no, uncertain; "
    "RR 0.83 (95% CI 0.75-0.93), p = 0.03 (also OR, HR, IRR, aHR, adjusted RR); "
    "MD -2.1 mmHg (95% CI -3.0 to -1.2); RD -2.8 pp; NNT 25; 482/2104 vs 1110/4321; 29.0% vs 40.7%; "
    "fell from 25.7% to 22.9%; "
    "reduced by 18%, cut by a third, halved, 2-fold, no difference; p = 0.04, significant, NS, did not reduce, "
    "not associated with; "
    "t(28) = 2.20, p = .04; F(2, 57) = 3.10; chi2(1) = 4.20; r(48) = .30; z = 1.96; "
    "M = 3.48, SD = 1.20, n = 25 (`claimcheck docs format`)"
)


class ValueSyntaxError(ValueError):
    """A `says` that is in no form of the language (CC301), or one malformed in a way worth naming."""

    rule_name = "unparsable-value"

    def __init__(self, text: str, message: str | None = None) -> None:
        super().__init__(message or f"cannot read `{text}` as a value; accepted forms: {ACCEPTED_FORMS}")
        self.text = text


class NumberOutOfRange(ValueSyntaxError):
    """A number too large, too small or too long to mean anything (CC310)."""

    rule_name = "number-out-of-range"


@dataclass(frozen=True)
class Said:
    """One `says` text: as written, with white space collapsed, and lowercased."""

    raw: str
    text: str
    lowered: str

    @classmethod
    def of(cls, raw: str) -> Said:
        text = " ".join(raw.split())
        return cls(raw, text, text.lower())


class Value(Protocol):
    """What every parsed `says` offers the rest of claimcheck."""

    @property
    def text(self) -> str: ...

    @property
    def dimension(self) -> str: ...

    def describe(self) -> str: ...

    def to_json(self) -> dict[str, Any]: ...


# ------------------------------------------------------------------ intervals

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

    def to_json(self) -> dict[str, Any]:
        """Ends as numbers (null for an infinite end, which JSON cannot hold) and their closure."""
        return {"low": _finite(self.low), "high": _finite(self.high),
                "low_closed": self.low_closed, "high_closed": self.high_closed}

    def __str__(self) -> str:
        if self.is_point:
            return format_number(self.low)
        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        return f"{left}{format_number(self.low)}, {format_number(self.high)}{right}"


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def format_number(x: float) -> str:
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    if abs(x) >= 1:
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return f"{x:.3g}"


# -------------------------------------------------------------------- numbers

@dataclass(frozen=True)
class Number:
    """A number as written: its value, its text, and how many decimals it was written with.

    ``decimals`` is the position of the last written digit: 2 for ``0.83``, 0 for
    ``25``, 6 for ``2.1e-5`` (its last digit is the millionth). Two numbers are
    equal when their value and decimals are, however they were spelled.
    """

    value: float
    text: str = field(compare=False)
    decimals: int

    @property
    def step(self) -> float:
        """One unit of the last written digit."""
        return 10.0 ** -self.decimals

    @property
    def rounding(self) -> Interval:
        """Every number that rounds to this one, by either convention (half up or half to even)."""
        half = self.step / 2
        return Interval(self.value - half, self.value + half, True, True)

    def exact(self) -> Fraction:
        """The written number exactly, for rounding checks that floating point would blur."""
        return Fraction(Decimal(_plain(self.text)))

    def admits(self, exact: Fraction) -> bool:
        """Whether a quantity, known exactly, rounds to this number by either convention."""
        return abs(exact - self.exact()) <= Fraction(1, 2) * Fraction(10) ** -self.decimals

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "decimals": self.decimals}

    def __str__(self) -> str:
        return self.text


#: A number as the new forms write it: an optional minus (also U+2212), digits with
#: optional thousands separators, decimals, and an optional exponent (`2.1e-5`,
#: `2.1 × 10^-5`, `2.1×10⁻⁵`).
SIGNED_NUMBER = (r"[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
                 r"(?:[eE][-+−]?\d+|\s?[×x*]\s?10\^?[-−⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)?")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_TIMES_TEN = re.compile(r"\s?[×x*]\s?10\^?")
_DIGIT_RUN = re.compile(r"\d+")


def _plain(text: str) -> str:
    """`2.1 × 10⁻⁵` as `2.1e-5`; thousands separators and the typographic minus dropped."""
    text = text.replace(",", "").replace("−", "-")
    if _TIMES_TEN.search(text):
        mantissa, exponent = _TIMES_TEN.split(text, maxsplit=1)
        text = f"{mantissa}e{exponent.translate(_SUPERSCRIPTS)}"
    return text


def abbreviated(text: str, limit: int = 24) -> str:
    """A long number shortened for a message: its first digits and how many there are."""
    digits = sum(len(run) for run in _DIGIT_RUN.findall(text))
    if len(text) <= limit:
        return text
    return f"{text[:12]}… ({digits:,} digits)"


def read_number(written: str, said: str | None = None) -> Number:
    """The `Number` a text spells, or `NumberOutOfRange` when it is beyond what `says` reads."""
    digits = sum(len(run) for run in _DIGIT_RUN.findall(written))
    if digits > MAX_DIGITS:
        raise NumberOutOfRange(said or written, (
            f"the number `{abbreviated(written)}` has more digits than claimcheck reads: numbers in `says` "
            f"have at most {MAX_DIGITS} digits and lie below 10^15 in magnitude (`claimcheck docs format`)"))
    plain = _plain(written)
    try:
        exact = Decimal(plain)
    except InvalidOperation:
        raise ValueSyntaxError(said or written) from None
    _check_magnitude(exact, written, said)
    mantissa = plain.lower().split("e")[0]
    decimals = len(mantissa.split(".", 1)[1]) if "." in mantissa else 0
    exponent = int(plain.lower().split("e")[1]) if "e" in plain.lower() else 0
    return Number(float(exact), written, decimals - exponent)


def _check_magnitude(exact: Decimal, written: str, said: str | None) -> None:
    size = abs(exact)
    if size >= Decimal(int(MAX_MAGNITUDE)):
        raise NumberOutOfRange(said or written, (
            f"the number `{abbreviated(written)}` is too large: numbers in `says` lie below 10^15 in "
            "magnitude (`claimcheck docs format`)"))
    if size and size < Decimal("1e-300"):
        raise NumberOutOfRange(said or written, (
            f"the number `{abbreviated(written)}` is too small to represent: numbers in `says` other than "
            "0 are at least 10^-300 in magnitude (`claimcheck docs format`)"))


def check_whole_number(value: int, said: str) -> None:
    """A YAML integer given as `says` must lie in range, checked without turning it into text."""
    if abs(value) >= MAX_MAGNITUDE:
        digits = math.floor(math.log10(abs(value))) + 1
        raise NumberOutOfRange(said, (
            f"`says` is a whole number of {digits:,} digits, too large: numbers in `says` lie below "
            "10^15 in magnitude (`claimcheck docs format`)"))


def check_float(value: float) -> None:
    if not math.isfinite(value) or abs(value) >= MAX_MAGNITUDE:
        shown = "infinite" if math.isinf(value) else "not a number" if math.isnan(value) else "too large"
        raise NumberOutOfRange(repr(value), (
            f"`says` is a number that is {shown}: numbers in `says` lie below 10^15 in magnitude "
            "(`claimcheck docs format`)"))
