"""The `says` value language: what a document's words commit it to.

One module per family of forms, each with a ``parse(said) -> value | None``
that returns None for text in none of its forms (and raises
`ValueSyntaxError` for text that is clearly its form but malformed).
`parse` tries them in this order, the first that reads the text wins:

1. `stances`: yes, no, uncertain;
2. `measures`: one group's proportion, quantity with a unit, or bare number (and, through
   `words`, numbers in words and dosing schedules: ``eleven of thirty``, ``twice daily``);
3. `arms`: two arms, ``482/2104 vs 1110/4321``, ``29.0% vs 40.7%``, and a change from a
   baseline, ``fell from 25.7% to 22.9%``;
4. `effects`: ratio measures, differences and NNT with interval and p;
5. `changes`: relative changes in words, ``reduced by 18%``, ``halved``;
6. `significance`: p-values alone and statements of significance;
7. `teststats`: test statistics, ``t(28) = 2.20, p = .04``;
8. `means`: ``M = 3.48, SD = 1.20, n = 25``.

Forms 3-8 are tried only for text that 1-2 do not read, so a registry of
proportions and quantities parses exactly as before and no slower.
docs/format.md is the user-facing description of every form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck.values import arms, changes, effects, means, measures, significance, stances, teststats
from claimcheck.values.arms import Arm, TwoArms, TwoPercents
from claimcheck.values.base import (
    ACCEPTED_FORMS,
    DAILY_DOSE,
    DOSE,
    DOSE_FREQUENCY,
    DURATION,
    EFFECT,
    MAX_MAGNITUDE,
    MEAN,
    NUMBER,
    PROPORTION,
    STANCE,
    WEIGHT_BASED_DAILY_DOSE,
    Interval,
    Number,
    NumberOutOfRange,
    Said,
    ValueSyntaxError,
    check_float,
    check_whole_number,
    format_number,
    read_number,
)
from claimcheck.values.changes import RelativeChange
from claimcheck.values.effects import Estimate
from claimcheck.values.means import Mean
from claimcheck.values.measures import Count, Measure
from claimcheck.values.parts import ConfidenceInterval, PValue
from claimcheck.values.significance import Significance
from claimcheck.values.stances import NO, UNCERTAIN, YES, Stance
from claimcheck.values.teststats import TestStatistic

__all__ = [
    "ACCEPTED_FORMS",
    "DAILY_DOSE",
    "DOSE",
    "DOSE_FREQUENCY",
    "DURATION",
    "EFFECT",
    "MAX_MAGNITUDE",
    "MEAN",
    "NO",
    "NUMBER",
    "PROPORTION",
    "STANCE",
    "UNCERTAIN",
    "WEIGHT_BASED_DAILY_DOSE",
    "YES",
    "Arm",
    "ConfidenceInterval",
    "Count",
    "Estimate",
    "Interval",
    "Mean",
    "Measure",
    "Number",
    "NumberOutOfRange",
    "PValue",
    "RelativeChange",
    "Significance",
    "Stance",
    "TestStatistic",
    "TwoArms",
    "TwoPercents",
    "Value",
    "ValueSyntaxError",
    "format_number",
    "parse",
    "read_number",
    "reads",
]

Value = (Measure | Stance | Estimate | RelativeChange | TwoArms | TwoPercents | PValue | Significance | TestStatistic | Mean)

#: The forms of one group's value, tried first (see the module docstring).
_GROUP_FORMS = (stances.parse, measures.parse)
#: The forms of comparisons and statistics, tried for text the group forms do not read.
_EFFECT_FORMS = (arms.parse, effects.parse, changes.parse, significance.parse, teststats.parse, means.parse)
#: No form is longer than this; longer text is not tried against forms 3-8.
MAX_FORM_LENGTH = 300

_MIDDLE_DOT = re.compile(r"(?<=\d)·(?=\d)")  # the Lancet's decimal point: 0·83
_NEGATIVE_COUNT = re.compile(r"^-\d+\s*(?:/|of|out of)\s*-?\d+$|^\d+\s*(?:/|of|out of)\s*-\d+$")
_SCIENTIFIC = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)e[-+]?\d+$")


def parse(says: object) -> Value:
    """Parse one `says` scalar (text, number or YAML boolean)."""
    if isinstance(says, bool):
        return stances.of_boolean(says)
    if isinstance(says, int):
        check_whole_number(says, "a whole number")
        return _parse_text(str(says))
    if isinstance(says, float):
        check_float(says)
        return _parse_text(repr(says))
    if not isinstance(says, str):
        raise ValueSyntaxError(str(says))
    return _parse_text(says)


def reads(says: object) -> bool:
    """Whether `says` is in the value language (whether `parse` returns rather than raises)."""
    try:
        parse(says)
    except ValueSyntaxError:
        return False
    return True


@lru_cache(maxsize=65536)
def _parse_text(raw: str) -> Value:
    said = Said.of(raw)
    if not said.lowered:
        raise ValueSyntaxError(raw)
    for form in _GROUP_FORMS:
        value: Value | None = form(said)
        if value is not None:
            return value
    if len(said.text) <= MAX_FORM_LENGTH:
        dotted = Said(raw, _MIDDLE_DOT.sub(".", said.text), _MIDDLE_DOT.sub(".", said.lowered))
        for effect_form in _EFFECT_FORMS:
            value = effect_form(dotted)
            if value is not None:
                return value
    if _NEGATIVE_COUNT.match(said.lowered):
        raise ValueSyntaxError(raw, f"`{raw}`: a count cannot be negative")
    if _SCIENTIFIC.match(said.lowered):
        return _scientific(raw, said.lowered)
    raise ValueSyntaxError(raw)


def _scientific(raw: str, text: str) -> Measure:
    """A bare number in scientific notation (`1.5e3`), at the precision of its mantissa."""
    number = read_number(text, raw)
    half = number.step / 2
    return Measure(raw, NUMBER, "", Interval(number.value - half, number.value + half, True, False),
                   numbers=(number.value,))
