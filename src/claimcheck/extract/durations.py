"""Durations: `74 days`, `3 to 6 months`, `up to 9 months`, `a 30-year career`, `half a year`, `usually 3 to 6`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.extract.base import DASH, LEAD_WORD_NUMBER, NUMBER, RANGE, Hit, bound_before, clean_number, is_number

KIND = "duration"
_UNIT = r"(?P<unit>hours?|days?|weeks?|months?|years?)"
_FLAGS = re.IGNORECASE
_DURATION = re.compile(
    rf"(?P<a>{LEAD_WORD_NUMBER})(?:{RANGE}(?P<b>{NUMBER}))?(?:\s+|\s*-\s*){_UNIT}\b", _FLAGS)
_WORDS = {"half a year": "6 months", "a year and a half": "18 months", "half a day": "12 hours",
          "a decade": "10 years", "two decades": "20 years"}
# Case-sensitive, each phrase also with a capital, and nothing before the first word: an
# alternation of plain words is quick to scan for (the word boundary before is checked after).
_DURATION_WORDS = re.compile("(?P<words>" + "|".join(
    re.escape(variant) for words in _WORDS for variant in (words, words.capitalize())) + r")\b")
#: A range with its unit said earlier in the sentence: "a few months to see results, usually 3 to 6".
_BARE_RANGE = re.compile(
    rf"(?P<a>\d(?<![\w.,]\d)\d*){RANGE}(?P<b>\d+)\b(?!\s*(?:%|[a-z]|{DASH}\s*[a-z]))", _FLAGS)
_USUALLY = re.compile(r"\b(?:usually|typically|often|generally|mostly|commonly|normally)\s+\Z", _FLAGS)
_UNIT_WORD = re.compile(r"\b(hours?|days?|weeks?|months?|years?)\b", _FLAGS)
_LOOK_BACK = 80


def find(text: str) -> Iterator[Hit]:
    for match in _DURATION.finditer(text):
        if not is_number(match["a"]):
            continue
        start, bound, _symbol = bound_before(text, match.start())
        amount = clean_number(match["a"]) + (f"-{clean_number(match['b'])}" if match["b"] else "")
        says = f"{bound} {amount}" if bound else amount
        yield Hit(start, match.end(), f"{says} {_unit(match['unit'], amount)}", KIND)
    for match in _DURATION_WORDS.finditer(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue
        yield Hit(match.start(), match.end(), _WORDS[match["words"].lower()], KIND)
    for match in _BARE_RANGE.finditer(text):
        usually = _USUALLY.search(text, max(0, match.start() - 16), match.start())
        if usually is None:
            continue
        before = text[max(0, match.start() - _LOOK_BACK):match.start()]
        units = _UNIT_WORD.findall(before.split(".")[-1])
        if units:
            amount = f"{match['a']}-{match['b']}"
            yield Hit(usually.start(), match.end(), f"{amount} {_unit(units[-1], amount)}", KIND)


def _unit(written: str, amount: str) -> str:
    """The unit in the plural, or the singular for exactly one."""
    singular = written.lower().rstrip("s")
    return singular if amount == "1" else singular + "s"
