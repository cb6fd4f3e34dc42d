"""Counts of people: `30 men`, `2,104 patients`, `(n = 25)`: a bare number in the value language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.extract.base import PEOPLE, Hit, clean_number

KIND = "count"
_PEOPLE_COUNT = re.compile(
    rf"(?P<n>\d(?<![\w.,/-]\d)\d{{0,2}}(?:,\d{{3}})+|\d(?<![\w.,/-]\d)\d*)(?![.,]\d)(?!\s*(?:%|percent|per\s+cent))\s+(?:[a-z][\w-]*\s+){{0,2}}?{PEOPLE}\b",
    re.IGNORECASE)
#: A sample size in brackets, `(n = 25)`; an `n` inside a longer statistic belongs to that statistic.
_N_EQUALS = re.compile(r"\(\s*(?P<words>n\s*=\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+))\s*[),;]")
#: "11 of 30 men": the 30 is the total of a proportion, found as one there.
_TOTAL_OF_PROPORTION = re.compile(r"(?:\bof|\bout\s+of|/)\s*(?:the\s+|all\s+|these\s+)?$", re.IGNORECASE)


def find(text: str) -> Iterator[Hit]:
    for match in _PEOPLE_COUNT.finditer(text):
        if not _TOTAL_OF_PROPORTION.search(text, max(0, match.start() - 16), match.start()):
            yield Hit(match.start(), match.end(), clean_number(match["n"]), KIND)
    for match in _N_EQUALS.finditer(text):
        yield Hit(match.start("words"), match.end("words"), clean_number(match["n"]), KIND)
