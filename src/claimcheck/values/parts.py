"""The parts that follow an estimate or a test statistic: an interval, a p-value, markers, a unit.

`read_tail` reads what comes after the number of ``RR 0.83 (95% CI 0.75-0.93);
P<0.001`` or ``t(28) = 2.20, p = .04, one-tailed``: parts separated by commas or
semicolons, each possibly in parentheses or brackets, in any order:

* an interval: ``95% CI 0.75-0.93``, ``95% CI: 0.75 to 0.93``, ``(99% CI, 0.75, 0.93)``,
  ``[0.75, 0.93]``, ``0.75–0.93``, ``(0.75, 0.93)``; without a level it is 95%;
* a p-value: ``p = 0.03``, ``P<0.001``, ``p=.04``, ``P > 0.05``, ``p ≤ 0.05``, ``NS``;
* a marker word the caller allows (``adjusted``, ``one-tailed`` ...);
* a unit, where the caller allows one (a mean difference's ``mmHg``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.values.base import EFFECT, SIGNED_NUMBER, Interval, Number, ValueSyntaxError, format_number, read_number

#: What NS stands for: not significant at the usual 5% level.
NS_THRESHOLD = 0.05
#: The levels an interval may be given at, in percent.
LEVEL_RANGE = (50.0, 100.0)

_COMPARATORS = {"=": "=", "<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "=<": "<=",
                "=>": ">="}


@dataclass(frozen=True)
class PValue:
    """A p-value as written: its comparator and number, or NS (not significant, read as p > 0.05).

    Also a form of its own (``p = 0.04`` alone), a statement about the claim's comparison.
    """

    text: str = field(compare=False)
    comparator: str  # "=", "<", "<=", ">", ">=", or "ns"
    value: Number | None
    dimension: str = EFFECT

    @property
    def interval(self) -> Interval:
        """The p-values the text allows: ``p = 0.04`` is [0.035, 0.045] (rounding either way), bounds exact."""
        if self.value is None:
            return Interval(NS_THRESHOLD, 1.0, False, True)
        x = self.value.value
        if self.comparator == "=":
            return self.value.rounding.clip(0.0, 1.0)
        if self.comparator in ("<", "<="):
            return Interval(0.0, x, True, self.comparator == "<=")
        return Interval(x, 1.0, self.comparator == ">=", True)

    def describe(self) -> str:
        if self.value is None:
            return "NS"
        return f"p {self.comparator} {self.value.text}"

    def to_json(self) -> dict[str, Any]:
        return {"form": "p-value", "dimension": self.dimension, "comparator": self.comparator,
                "value": self.value.to_json() if self.value is not None else None}


@dataclass(frozen=True)
class ConfidenceInterval:
    """An interval's two ends as written and its level in percent (95 when the text gives none)."""

    low: Number
    high: Number
    level: float = 95.0
    level_written: bool = False

    def describe(self) -> str:
        return f"{format_number(self.level)}% CI {self.low.text} to {self.high.text}"

    def to_json(self) -> dict[str, Any]:
        return {"low": self.low.to_json(), "high": self.high.to_json(), "level": self.level,
                "level_written": self.level_written}


@dataclass
class Tail:
    """What `read_tail` found."""

    ci: ConfidenceInterval | None = None
    p: PValue | None = None
    unit: str = ""
    markers: list[str] = field(default_factory=list)


_NUM = SIGNED_NUMBER
_SEP = r"\s*(?:to|–|—|-|,|;)\s*"
_LEVEL = r"(\d{1,2}(?:\.\d+)?)\s*%"
_CI_WORD = r"(?:CI|C\.I\.|confidence interval|conf\.? int\.?)"
_LABEL = rf"(?:{_LEVEL}\s*)?{_CI_WORD}\s*(?:{_LEVEL})?\s*[:=,]?"
_PAIR = rf"[(\[]?\s*({_NUM}){_SEP}({_NUM})\s*[)\]]?"
_CI_FULL = re.compile(rf"^{_LABEL}\s*{_PAIR}$", re.IGNORECASE)
_CI_LABEL = re.compile(rf"^{_LABEL}$", re.IGNORECASE)
_BARE_PAIR = re.compile(rf"^({_NUM}){_SEP}({_NUM})$")
_P = re.compile(r"^(?:two[- ]?(?:sided|tailed)\s+)?p(?:[- ]?value)?\s*(<=|>=|=<|=>|=|<|>|≤|≥)\s*"
                rf"({_NUM})$", re.IGNORECASE)
_NS = re.compile(r"^(?:ns|n\.s\.?)$", re.IGNORECASE)
_UNIT = re.compile(r"^[^\W\d_][^,;()\[\]<>=]*$|^%$")


def read_p(text: str, said: str) -> PValue | None:
    """``p = 0.03``, ``P<0.001``, ``p=.04``, ``NS``; None for anything else."""
    text = text.strip()
    if _NS.match(text):
        return PValue(text, "ns", None)
    match = _P.match(text)
    if not match:
        return None
    number = read_number(match.group(2), said)
    return PValue(text, _COMPARATORS[match.group(1)], number)


def read_tail(tail: str, said: str, markers: frozenset[str] = frozenset(), unit: bool = False,
              what: str = "an estimate") -> Tail:
    """The parts after a number; a `ValueSyntaxError` that names the part it cannot read."""
    found = Tail()
    pending_level: tuple[float, bool] | None = None
    for piece in _items(tail, said):
        lowered = piece.lower()
        ci = _CI_FULL.match(piece)
        if ci or _BARE_PAIR.match(piece):
            if found.ci is not None:
                raise ValueSyntaxError(said, f"`{said}` gives two intervals; give one")
            level, written = _level(ci, said) if ci else (pending_level or (95.0, False))
            low, high = (ci.group(3), ci.group(4)) if ci else _BARE_PAIR.match(piece).groups()  # type: ignore[union-attr]
            found.ci = ConfidenceInterval(read_number(low, said), read_number(high, said), level, written)
            pending_level = None
            continue
        label = _CI_LABEL.match(piece)
        if label:
            pending_level = _level(label, said)
            continue
        p = read_p(piece, said)
        if p is not None:
            if found.p is not None:
                raise ValueSyntaxError(said, f"`{said}` gives two p-values; give one")
            found.p = p
        elif lowered in markers:
            found.markers.append(lowered)
        elif unit and not found.unit and _UNIT.match(piece):
            found.unit = piece
        else:
            raise ValueSyntaxError(said, (
                f"`{said}`: cannot read `{piece}` after {what}; what may follow is an interval "
                "(95% CI 0.75 to 0.93) and a p-value (p = 0.03), separated by commas or semicolons"))
    if pending_level is not None:
        raise ValueSyntaxError(said, f"`{said}`: a confidence interval's label without its two ends")
    return found


def _level(match: re.Match[str], said: str) -> tuple[float, bool]:
    written = match.group(1) or match.group(2)
    if written is None:
        return 95.0, False
    level = float(written)
    if not LEVEL_RANGE[0] <= level < LEVEL_RANGE[1]:
        raise ValueSyntaxError(said, f"`{said}`: a confidence level of {written}% is not one an interval has "
                                     "(50% to 99.9%)")
    return level, True


#: Brackets nest at most this deep in a tail: ``(95% CI [0.75, 0.93])`` is two.
MAX_NESTING = 3


def _items(text: str, said: str, depth: int = 0) -> list[str]:
    """The parts of a tail: bracketed groups opened up, plain text split at commas and semicolons."""
    if depth > MAX_NESTING:
        raise ValueSyntaxError(said, f"`{said}`: brackets nest deeper than {MAX_NESTING}")
    items: list[str] = []
    for chunk, bracketed in _chunks(text, said):
        if bracketed and (_BARE_PAIR.match(chunk) or _CI_FULL.match(chunk)):
            items.append(chunk)
        elif bracketed:
            items.extend(_items(chunk, said, depth + 1))
        else:
            items.extend(_split(chunk))
    return items


_CLOSERS = {"(": ")", "[": "]"}


def _chunks(text: str, said: str) -> list[tuple[str, bool]]:
    """Text split into bracketed groups (their insides) and the plain text between them."""
    chunks: list[tuple[str, bool]] = []
    depth, start, plain_start = 0, 0, 0
    openers: list[str] = []
    for position, char in enumerate(text):
        if char in _CLOSERS:
            if depth == 0:
                chunks.append((text[plain_start:position], False))
                start = position + 1
            openers.append(char)
            depth += 1
        elif char in (")", "]"):
            if not openers or _CLOSERS[openers.pop()] != char:
                raise ValueSyntaxError(said, f"`{said}`: its brackets do not match")
            depth -= 1
            if depth == 0:
                chunks.append((text[start:position], True))
                plain_start = position + 1
    if openers:
        raise ValueSyntaxError(said, f"`{said}`: its brackets do not match")
    chunks.append((text[plain_start:], False))
    return [(chunk.strip(), bracketed) for chunk, bracketed in chunks if chunk.strip(" ,;")]


_SEPARATOR = re.compile(r"\s*([,;])\s*")


def _split(chunk: str) -> list[str]:
    """Plain text at its commas and semicolons, rejoining neighbours that make one part (`95% CI 0.75, 0.93`)."""
    pieces = _SEPARATOR.split(chunk.strip(" ,;"))
    words, separators = pieces[0::2], pieces[1::2]
    items: list[str] = []
    start = 0
    while start < len(words):
        end = min(len(words), start + 3)  # an interval spans at most three pieces: label, low, high
        while end > start + 1:
            joined = _join(words, separators, start, end)
            if _CI_FULL.match(joined) or _BARE_PAIR.match(joined):
                break
            end -= 1
        items.append(_join(words, separators, start, end))
        start = end
    return [item for item in items if item]


def _join(words: list[str], separators: list[str], start: int, end: int) -> str:
    text = words[start]
    for position in range(start + 1, end):
        text += f"{separators[position - 1]} {words[position]}"
    return text
