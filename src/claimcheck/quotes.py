"""Quote grounding: does a quote occur in its document's text, and where?

Both sides are normalised the same way before comparing: Unicode compatibility
forms folded (NFKC), case folded, typographic quotes and dashes made plain,
``…`` made ``...``, and *all* white space removed. Removing white space,
rather than collapsing it, is what lets a quote find text scraped from a web
table whose cell separators were lost ("Maturation Arrest (MA)54%").
An ellipsis in a quote (``...``, ``…`` or ``[...]``) marks an elision: the
parts around it must occur in order.
"""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from dataclasses import dataclass
from functools import cached_property

_PLAIN = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
ELLIPSIS = "..."
EXCERPT_LENGTH = 160
#: Windows of equal trigram likeness that difflib then ranks; bounds the cost of a miss.
MAX_TIED_WINDOWS = 64


def _normalise_char(char: str) -> str:
    if char.isspace() or char in _INVISIBLE:
        return ""
    char = _PLAIN.get(char, char)
    if not char.isascii():
        char = "".join(_PLAIN.get(c, c) for c in unicodedata.normalize("NFKC", char))
    return char.casefold()


def normalise(text: str) -> str:
    """The comparison form of a text (see the module docstring)."""
    text = text.replace("[...]", ELLIPSIS).replace("[…]", ELLIPSIS)
    return "".join(_normalise_char(char) for char in text)


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote was found: the line (1-based) of its first character."""

    line: int


@dataclass(frozen=True)
class Passage:
    """The passage of a text most like a quote that was not found."""

    line: int
    excerpt: str
    similarity: float


class SourceText:
    """A document's text, prepared once for many quote look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        pieces: list[str] = []
        offsets: list[int] = []
        for index, char in enumerate(text):
            normal = _normalise_char(char)
            pieces.append(normal)
            offsets.extend([index] * len(normal))
        self.normalised = "".join(pieces)
        self._offsets = offsets

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(index + 1 for index, char in enumerate(self.text) if char == "\n")
        return starts

    def line_of(self, normalised_index: int) -> int:
        original = self._offsets[normalised_index] if self._offsets else 0
        return bisect.bisect_right(self._line_starts, original)

    def find(self, quote: str) -> QuoteMatch | None:
        """The quote's place in the text, or None; elisions match in order."""
        parts = [part for part in normalise(quote).split(ELLIPSIS) if part]
        if not parts:
            return None
        start = self.normalised.find(parts[0])
        if start < 0:
            return None
        cursor = start + len(parts[0])
        for part in parts[1:]:
            found = self.normalised.find(part, cursor)
            if found < 0:
                return None
            cursor = found + len(part)
        return QuoteMatch(self.line_of(start))

    def closest(self, quote: str) -> Passage | None:
        """The passage of the quote's length that shares most character trigrams with it."""
        target = normalise(quote).replace(ELLIPSIS, "")
        text = self.normalised
        width = len(target)
        if width < 3 or len(text) < 3:
            return None
        wanted = {target[i:i + 3] for i in range(width - 2)}
        hits = [text[i:i + 3] in wanted for i in range(len(text) - 2)]
        span = min(width - 2, len(hits))
        score = sum(hits[:span])
        scores = [score]
        for start in range(1, len(hits) - span + 1):
            score += hits[start + span - 1] - hits[start - 1]
            scores.append(score)
        best_score = max(scores)
        if best_score == 0:
            return None
        tied = [start for start, value in enumerate(scores) if value == best_score][:MAX_TIED_WINDOWS]
        best_start = max(tied, key=lambda start: (
            difflib.SequenceMatcher(None, text[start:start + width], target).ratio(), -start))
        # A little past the window, since a near miss is often a shorter quote.
        end = min(best_start + width + width // 4, len(self._offsets)) - 1
        stop = self._offsets[end] + 1
        while stop < len(self.text) and self.text[stop].isalnum():
            stop += 1  # end the excerpt on a word boundary
        excerpt = self.text[self._offsets[best_start]: stop]
        excerpt = " ".join(excerpt.split())
        if len(excerpt) > EXCERPT_LENGTH:
            excerpt = excerpt[: EXCERPT_LENGTH - 1] + "…"
        return Passage(self.line_of(best_start), excerpt, best_score / (width - 2))
