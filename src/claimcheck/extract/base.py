"""What every finder of candidate claims shares: the hit it yields, and how numbers are written.

A finder is a module with ``find(text) -> Iterator[Hit]``: it scans a whole
document with regular expressions and proposes, for each match, a `says` in
the value language. It never decides the quote or the sentence; `document.py`
does that for every finder alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A number as documents write it: 1,000 / 37 / 37.5 / .04 / 0·83 (the Lancet's decimal point).
NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:[.·]\d+)?|\d+(?:[.·]\d+)?|[.·]\d+)"
#: A number that starts a match: the same numbers, written so that the pattern begins with a set of
#: characters, which lets the regular-expression engine skip to the next digit instead of trying
#: the whole pattern at every character of the text (the lookbehind after the first character keeps
#: a match from starting inside a number). Check what it matched with `is_number`.
LEAD_NUMBER = r"[\d.·](?<![\d.,·][\d.·])\d*(?:,\d{3})*(?:[.·]\d+)?"
#: The same, refusing a number glued to a word too ("ALDH1", "A1/2"), for forms a table never joins.
LEAD_WORD_NUMBER = r"[\d.·](?<![\w.,·][\d.·])\d*(?:,\d{3})*(?:[.·]\d+)?"
_NUMBER = re.compile(NUMBER)
#: Any dash a range may be written with, including the typographic ones.
DASH = r"[-‐‑‒–—−]"
#: Between the two ends of a range: a dash or the word "to", with any white space (line breaks too).
RANGE = rf"\s*(?:{DASH}|to)\s*"
#: Words before a number that bound it, and how the value language writes each.
BOUNDS = {
    "over": "over", "more than": "over", "above": "over", "greater than": "over", "exceeding": "over",
    "in excess of": "over",
    "under": "under", "less than": "under", "below": "under", "fewer than": "under",
    "at least": "at least", "no less than": "at least", "a minimum of": "at least",
    "up to": "up to", "at most": "up to", "no more than": "up to", "a maximum of": "up to",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "nearly": "about",
    "almost": "about", "close to": "about", "some": "about", "circa": "about", "~": "about", "≈": "about",
}
BOUND = "|".join(sorted((re.escape(word) for word in BOUNDS), key=len, reverse=True))
#: A bounding word or symbol just before a number: found looking back from the number.
_PREFIX = re.compile(rf"(?:\b(?P<word>{BOUND})\s+|(?P<symbol>[<>≤≥~≈])\s*)\Z", re.IGNORECASE)
_SYMBOLS = {"<": "under", ">": "over", "≤": "up to", "≥": "at least", "~": "about", "≈": "about"}
_LOOK_BACK = 24
#: The people a count or a quantifier word is about.
PEOPLE = (r"(?:men|women|people|persons|patients|participants|subjects|individuals|adults|children|"
          r"adolescents|infants|volunteers|couples|guys|users|cases|responders|respondents)")


@dataclass(frozen=True)
class Hit:
    """One match of a finder: where it lies in the text, and the `says` it proposes."""

    start: int
    end: int
    says: str
    kind: str


def clean_number(written: str) -> str:
    """A number as the value language reads it: no thousands separators, a full stop for the decimal point."""
    return written.replace(",", "").replace("·", ".")


def is_number(written: str) -> bool:
    return _NUMBER.fullmatch(written) is not None


def bound_before(text: str, start: int) -> tuple[int, str, str]:
    """A bound written just before `start`: where it begins, the value language's word for it, and
    the symbol if it was one (`<`); (start, "", "") when there is none."""
    low = max(0, start - _LOOK_BACK)
    match = _PREFIX.search(text, low, start)
    if match is None:
        return start, "", ""
    if match["symbol"]:
        return match.start(), _SYMBOLS[match["symbol"]], match["symbol"]
    return match.start(), bound_word(match["word"]), ""


def bound_word(written: str | None) -> str:
    """The value language's word for a bounding phrase (`more than` -> `over`), or "" for none."""
    if not written:
        return ""
    return BOUNDS[" ".join(written.lower().split())]
