"""Numbers in words and dosing schedules, as news items and drug labels print them.

`measures` tries these only for text its own forms do not read, so a registry
without them parses exactly as before:

* number words for whole numbers from zero to ninety-nine and a hundred:
  ``eleven of thirty`` is ``11 of 30``, ``ten days`` is ``10 days``;
* ``percent`` and ``per cent`` for ``%``: ``95 percent`` is ``95%``;
* ``one in five`` (``1 in 5``, ``one in every five``): one of every n, n at
  its precision, from 1/5.5 to 1/4.5, so [18.18, 22.22]%; only for one (``11 in 30``
  is a count, read as ``11/30`` by `extract`, and is in no form here);
* a dosing schedule, as times a day: ``once daily``, ``twice a day``,
  ``3 times per day``, ``b.i.d.``, ``once weekly`` (1/7 a day); after a dose
  (``6 mg twice daily``) it makes a daily dose, 12 mg/day.
"""

from __future__ import annotations

import re
from fractions import Fraction

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_UNITS)}
NUMBER_WORDS.update({word: 20 + 10 * position for position, word in enumerate(_TENS)})
NUMBER_WORDS.update({f"{ten}-{unit}": 20 + 10 * position + value
                     for position, ten in enumerate(_TENS) for value, unit in enumerate(_UNITS[1:10], start=1)})
NUMBER_WORDS.update({"a hundred": 100, "one hundred": 100, "hundred": 100})
_NUMBER_WORD = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + r")(?![\w-])")
_PERCENT_WORD = re.compile(r"(?<=\d)\s*(?:percent|per\s+cent)\b")
#: "one in five", "1 in 5": one of about every n.
ONE_IN = re.compile(r"^(1)\s+in\s+(?:every\s+)?(\d+)$")

#: How many times a day each schedule word means.
_TIMES = {"once": Fraction(1), "twice": Fraction(2), "thrice": Fraction(3)}
_PERIODS = {"day": Fraction(1), "week": Fraction(1, 7)}
_PER = r"(?:daily|a\s+day|per\s+day|each\s+day|every\s+day|/\s*d(?:ay)?|weekly|a\s+week|per\s+week|/\s*w(?:ee)?k)"
_SCHEDULE = re.compile(rf"^(once|twice|thrice|\d+\s+times|{'|'.join(_UNITS[3:11])}\s+times)\s+({_PER})$")
#: Latin abbreviations, with or without their full stops.
_LATIN = {"qd": Fraction(1), "od": Fraction(1), "bid": Fraction(2), "bd": Fraction(2), "tid": Fraction(3),
          "tds": Fraction(3), "qid": Fraction(4), "qds": Fraction(4)}
_LATIN_FORM = re.compile(r"^(?:[a-z]\.?){2,3}$")


def in_digits(text: str) -> str | None:
    """The text with its number words and `percent` in digits and `%`; None when it has neither."""
    replaced = _PERCENT_WORD.sub("%", _NUMBER_WORD.sub(lambda match: str(NUMBER_WORDS[match.group(1)]), text))
    return None if replaced == text else replaced


def times_a_day(schedule: str) -> Fraction | None:
    """How many times a day a schedule means: `twice daily` is 2, `b.i.d.` 2, `once weekly` 1/7; None if not one."""
    schedule = schedule.strip()
    if _LATIN_FORM.match(schedule):
        return _LATIN.get(schedule.replace(".", ""))
    match = _SCHEDULE.match(schedule)
    if not match:
        return None
    written, period = match.groups()
    count = _TIMES.get(written)
    if count is None:
        first = written.split()[0]
        count = Fraction(int(first) if first.isdigit() else NUMBER_WORDS[first])
    if count == 0:
        return None
    weekly = "week" in period or "wk" in period
    return count * _PERIODS["week" if weekly else "day"]

