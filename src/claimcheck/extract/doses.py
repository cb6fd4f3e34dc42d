"""Doses: `20 mg`, `20 mg twice a day` (40 mg/day), `20 mg b.i.d.`, `40 mg daily`, `0.5 mg for each kg of body
weight per day`; and how often a dose is taken, alone: `twice daily`, `three times a day`, `b.i.d.`."""

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
_PER_KG = r"\s*(?:/|per|for\s+each|a|for\s+every)\s*(?:kg|kilogram)\b"
#: A mass; one per kilogram of body weight is not a dose the value language can state unless daily.
_SIMPLE = re.compile(rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}\b", _FLAGS)
_DAILY = re.compile(rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}\s*(?:total\s+|in\s+total\s+)?{_PER_DAY}", _FLAGS)
_REPEATED = re.compile(
    rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}(?:\s+of\s+(?:the\s+)?[a-z]+)?\s+(?P<times>once|twice|thrice|three\s+times|"
    rf"four\s+times)\s+{_PER_DAY}", _FLAGS)
#: The Latin abbreviations of a schedule, with or without full stops: `b.i.d.`, `bid`, `t.i.d.`.
_LATIN = {"qd": 1, "od": 1, "bid": 2, "bd": 2, "tid": 3, "tds": 3, "qid": 4, "qds": 4}
_LATIN_WORD = r"(?:q\.?d|o\.?d|b\.?i\.?d|b\.?d|t\.?i\.?d|t\.?d\.?s|q\.?i\.?d|q\.?d\.?s)\b\.?"
_LATIN_AFTER = re.compile(rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}\s+(?P<latin>{_LATIN_WORD})", _FLAGS)
#: A schedule alone: "twice daily", "three times a day", "b.i.d." (not after a mass: that is a daily dose).
_SCHEDULE = re.compile(
    rf"(?<![\w.])(?P<schedule>(?:once|twice|thrice|two\s+times|three\s+times|four\s+times|[1-4]\s+times)\s+{_PER_DAY}"
    rf"|(?-i:{_LATIN_WORD}))", _FLAGS)
_MASS_BEFORE = re.compile(rf"\d\s*{_MASS}\s+\Z", _FLAGS)
_BY_WEIGHT = re.compile(rf"(?P<a>{LEAD_WORD_NUMBER})\s*{_MASS}{_PER_KG}(?:\s+of\s+body\s*weight)?\s*{_PER_DAY}", _FLAGS)
_PER_KG_AFTER = re.compile(_PER_KG, _FLAGS)
_UNITS = {"mg": "mg", "milligram": "mg", "g": "g", "gram": "g", "mcg": "mcg", "µg": "mcg", "microgram": "mcg"}


def find(text: str) -> Iterator[Hit]:
    """One scan for a mass (`20 mg`); the longer forms are then tried where each mass starts."""
    yield from schedules(text)
    for simple in _SIMPLE.finditer(text):
        if not is_number(simple["a"]):
            continue
        number, start = clean_number(simple["a"]), simple.start()
        if not _PER_KG_AFTER.match(text, simple.end()):
            yield Hit(start, simple.end(), f"{number} {_unit(simple['unit'])}", KIND)
        if match := _DAILY.match(text, start):
            yield Hit(start, match.end(), f"{number} {_unit(match['unit'])}/day", KIND)
        if match := _REPEATED.match(text, start):
            daily = Fraction(number) * _TIMES[" ".join(match["times"].lower().split())]
            yield Hit(start, match.end(), f"{_plain(daily)} {_unit(match['unit'])}/day", KIND)
        if match := _LATIN_AFTER.match(text, start):
            daily = Fraction(number) * _LATIN[match["latin"].lower().replace(".", "")]
            yield Hit(start, match.end(), f"{_plain(daily)} {_unit(match['unit'])}/day", KIND)
        if match := _BY_WEIGHT.match(text, start):
            yield Hit(start, match.end(), f"{number} {_unit(match['unit'])}/kg/day", KIND)


def schedules(text: str) -> Iterator[Hit]:
    """How often a dose is taken, where no mass comes before it."""
    for match in _SCHEDULE.finditer(text):
        if _MASS_BEFORE.search(text, max(0, match.start() - 24), match.start()):
            continue
        yield Hit(match.start(), match.end(), " ".join(match["schedule"].split()), KIND)


def _unit(written: str) -> str:
    return _UNITS[written.lower().rstrip("s")] if written.lower() != "mcg" else "mcg"


def _plain(number: Fraction) -> str:
    """A daily total as written: 40, 2.5."""
    return str(number.numerator) if number.denominator == 1 else format(float(number), "g")
