"""Doses: `20 mg`, `20 mg twice a day` (40 mg/day), `40 mg daily`, `0.5 mg for each kg of body weight per day`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from claimcheck.extract.base import LEAD_WORD_NUMBER, Hit, clean_number, is_number

KIND = "dose"
_FLAGS = re.IGNORECASE
_MASS = r"(?P<unit>mg|milligrams?|g|grams?|mcg|µg|micrograms?)"
_PER_DAY = r"(?:(?:a|per|each|every|/)\s*day|daily|/\s*d\b)"
_TIMES = {"once": 1, "twice": 2, "three times": 3, "four times": 4, "thrice": 3}
_SIMPLE = re.compile(rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}\b", _FLAGS)
_DAILY = re.compile(rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}\s*(?:total\s+|in\s+total\s+)?{_PER_DAY}", _FLAGS)
_REPEATED = re.compile(
    rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}(?:\s+of\s+(?:the\s+)?[a-z]+)?\s+(?P<times>once|twice|thrice|three\s+times|"
    rf"four\s+times)\s+{_PER_DAY}", _FLAGS)
_BY_WEIGHT = re.compile(
    rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}\s*(?:/|per|for\s+each|a|for\s+every)\s*(?:kg|kilogram)\b"
    rf"(?:\s+of\s+body\s*weight)?\s*{_PER_DAY}", _FLAGS)
_UNITS = {"mg": "mg", "milligram": "mg", "g": "g", "gram": "g", "mcg": "mcg", "µg": "mcg", "microgram": "mcg"}


def find(text: str) -> Iterator[Hit]:
    for match in _SIMPLE.finditer(text):
        if is_number(match["a"]):
            yield Hit(match.start(), match.end(), f"{clean_number(match['a'])} {_unit(match['unit'])}", KIND)
    for match in _DAILY.finditer(text):
        if is_number(match["a"]):
            yield Hit(match.start(), match.end(), f"{clean_number(match['a'])} {_unit(match['unit'])}/day", KIND)
    for match in _REPEATED.finditer(text):
        if not is_number(match["a"]):
            continue
        times = _TIMES[" ".join(match["times"].lower().split())]
        daily = Fraction(clean_number(match["a"])) * times
        yield Hit(match.start(), match.end(), f"{_plain(daily)} {_unit(match['unit'])}/day", KIND)
    for match in _BY_WEIGHT.finditer(text):
        if is_number(match["a"]):
            yield Hit(match.start(), match.end(), f"{clean_number(match['a'])} {_unit(match['unit'])}/kg/day", KIND)


def _unit(written: str) -> str:
    return _UNITS[written.lower().rstrip("s")] if written.lower() != "mcg" else "mcg"


def _plain(number: Fraction) -> str:
    """A daily total as written: 40, 2.5."""
    return str(number.numerator) if number.denominator == 1 else format(float(number), "g")
