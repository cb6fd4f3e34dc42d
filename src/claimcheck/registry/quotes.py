"""Quote grounding: does a quote occur in its document's text, and where?

Both sides are normalised the same way before comparing: Unicode compatibility
forms folded (NFKC), case folded, typographic quotes and dashes made plain,
``…`` made ``...``, and *all* white space removed. Removing white space,
rather than collapsing it, is what lets a quote find text scraped from a web
table whose cell separators were lost ("Maturation Arrest (MA)54%").
An ellipsis in a quote (``...``, ``…`` or ``[...]``) marks an elision: the
parts around it must occur in order.

Cost: normalising is one `str.translate` over the text, each character
normalised on its own (so a text can be cut anywhere and normalised in
pieces). Where a normalised character came from in the text is worked out
only for what is shown (a found quote's line, a closest passage), from one
checkpoint every `CHECKPOINT` characters. A quote that is missed is looked up
in an index of where each trigram occurs in the text, built once, on the
text's first miss; the work per miss is bounded (`EXACT_SEARCH_LIMIT`).
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, partial

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
#: Original characters between two checkpoints of the normalised-to-original map.
CHECKPOINT = 256
#: How many places in a text a miss's trigrams may occur before the search for the closest
#: passage looks only near the quote's rarer trigrams (docs/format.md, "Quotes").
EXACT_SEARCH_LIMIT = 20_000
#: Places of the rarer trigrams that such a search looks at, and the best regions among them in
#: which it ranks every window.
RARE_PLACES = 4_000
CANDIDATE_REGIONS = 32
_NOWHERE: array[int] = array("i")


def _normalise_char(char: str) -> str:
    if char.isspace() or char in _INVISIBLE:
        return ""
    char = _PLAIN.get(char, char)
    if not char.isascii():
        char = "".join(_PLAIN.get(c, c) for c in unicodedata.normalize("NFKC", char))
    return char.casefold()


class _Table(dict[int, str | None]):
    """`str.translate`'s table: each character's normalised form, worked out on first sight.

    A character that normalises to nothing maps to None, not "": only then does
    `str.translate` keep to its fast path for ASCII text.
    """

    def __missing__(self, code: int) -> str | None:
        normal = self[code] = _normalise_char(chr(code)) or None
        return normal


_TABLE = _Table()
for _code in range(128):
    _TABLE[_code] = _normalise_char(chr(_code)) or None
_NON_ASCII_RUNS = re.compile("([^\x00-\x7f]+)")


def _normalise_chars(text: str) -> str:
    if text.isascii():
        return text.translate(_TABLE)
    # ASCII runs apart from the rest, so that most of the text takes the fast path.
    return "".join([piece.translate(_TABLE) for piece in _NON_ASCII_RUNS.split(text)])


def normalise(text: str) -> str:
    """The comparison form of a text (see the module docstring)."""
    return _normalise_chars(text.replace("[...]", ELLIPSIS).replace("[…]", ELLIPSIS))


class QuoteMatch:
    """Where a quote was found: the line (1-based) of its first character, worked out when asked."""

    __slots__ = ("_line", "_source", "_start")

    def __init__(self, line: int | None = None, *, source: SourceText | None = None, start: int = 0) -> None:
        self._line = line
        self._source = source
        self._start = start

    @property
    def line(self) -> int:
        if self._line is None:
            assert self._source is not None
            self._line = self._source.line_of(self._start)
        return self._line

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QuoteMatch) and self.line == other.line

    def __hash__(self) -> int:
        return hash(self.line)

    def __repr__(self) -> str:
        return f"QuoteMatch(line={self.line})"


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
        self.normalised = _normalise_chars(text)

    @cached_property
    def _checkpoints(self) -> tuple[array[int], array[int]]:
        """Per checkpoint: normalised characters before it, and newlines before it."""
        text = self.text
        normal, lines = array("q", [0]), array("q", [0])
        normal_total = line_total = 0
        for start in range(0, len(text), CHECKPOINT):
            piece = text[start:start + CHECKPOINT]
            normal_total += len(_normalise_chars(piece))
            line_total += piece.count("\n")
            normal.append(normal_total)
            lines.append(line_total)
        return normal, lines

    def original_index(self, normalised_index: int) -> int:
        """The index in the text of the character that gave a normalised character."""
        normal, _lines = self._checkpoints
        chunk = bisect.bisect_right(normal, normalised_index) - 1
        start = chunk * CHECKPOINT
        piece = self.text[start:start + CHECKPOINT]
        wanted = normalised_index - normal[chunk]
        low, high = 0, len(piece)  # the shortest prefix whose normal form is longer than `wanted`
        while low < high:
            middle = (low + high) // 2
            if len(_normalise_chars(piece[:middle + 1])) > wanted:
                high = middle
            else:
                low = middle + 1
        return start + low

    def line_of(self, normalised_index: int) -> int:
        if not self.normalised:
            return 1
        original = self.original_index(normalised_index)
        _normal, lines = self._checkpoints
        chunk = original // CHECKPOINT
        return 1 + lines[chunk] + self.text.count("\n", chunk * CHECKPOINT, original)

    def find(self, quote: str) -> QuoteMatch | None:
        """The quote's place in the text, or None; elisions match in order."""
        span = self.span(quote)
        return None if span is None else QuoteMatch(source=self, start=span[0])

    def span(self, quote: str) -> tuple[int, int] | None:
        """Where the quote's first match starts and ends in the normalised text, or None."""
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
        return start, cursor

    def normalised_index(self, original_index: int) -> int:
        """How many normalised characters the text before `original_index` gives."""
        normal, _lines = self._checkpoints
        chunk = min(original_index // CHECKPOINT, len(normal) - 1)
        return normal[chunk] + len(_normalise_chars(self.text[chunk * CHECKPOINT:original_index]))

    @cached_property
    def _trigrams(self) -> dict[str, array[int]]:
        """Where each trigram of the normalised text starts, in order (built on the first miss)."""
        text = self.normalised
        index: defaultdict[str, array[int]] = defaultdict(partial(array, "i" if len(text) < 2**31 else "q"))
        for start, trigram in enumerate(map(text.__getitem__, map(slice, range(len(text) - 2), range(3, len(text) + 1)))):
            index[trigram].append(start)
        return dict(index)

    def closest(self, quote: str) -> Passage | None:
        """The passage of the quote's length that shares most character trigrams with it.

        Windows are ranked by how many of their trigrams occur in the quote; of
        the first `MAX_TIED_WINDOWS` windows with the best count, the one most
        like the quote (difflib) wins, the earliest on a tie. When the quote's
        trigrams occur more than `EXACT_SEARCH_LIMIT` times in all, only the
        windows near the best places of its rarer trigrams are ranked.
        """
        target = normalise(quote).replace(ELLIPSIS, "")
        text = self.normalised
        width = len(target)
        if width < 3 or len(text) < 3:
            return None
        index = self._trigrams
        positions = len(text) - 2
        span = min(width - 2, positions)
        wanted = {target[i:i + 3] for i in range(width - 2)}
        places = sorted((index.get(trigram, _NOWHERE) for trigram in wanted), key=len)
        if sum(map(len, places)) <= EXACT_SEARCH_LIMIT:
            best_score, tied = _best_windows(_merged(places), span, positions - span)
        else:
            best_score, tied = self._best_windows_near_rare(places, wanted, span)
        if best_score == 0:
            return None
        best_start = max(tied, key=lambda start: (
            difflib.SequenceMatcher(None, text[start:start + width], target).ratio(), -start))
        return self._passage(best_start, width, best_score / (width - 2))

    def _best_windows_near_rare(self, places: list[array[int]], wanted: set[str],
                                span: int) -> tuple[int, list[int]]:
        """Rank exactly every window near the best windows of the quote's rarer trigrams (places: rarest first)."""
        rare: list[array[int]] = []
        budget = RARE_PLACES
        for found in places:
            if len(found) > budget:
                break
            rare.append(found)
            budget -= len(found)
        if not rare:  # even the rarest trigram is everywhere: take evenly spread places of it
            rare = [places[0][::len(places[0]) // RARE_PLACES + 1]]
        text = self.normalised
        last = len(text) - 2 - span
        # Blocks of `span` places: the windows that touch the blocks holding most rare places.
        blocks: Counter[int] = Counter()
        for found in rare:
            blocks.update(map(span.__rfloordiv__, found))
        best_blocks = [block for block, _count in blocks.most_common(CANDIDATE_REGIONS)]
        scored: dict[int, int] = {}
        for low, high in _merged_ranges((max(0, (b - 1) * span), min(last, (b + 1) * span)) for b in best_blocks):
            hits = [text[i:i + 3] in wanted for i in range(low, high + span)]
            score = sum(hits[:span])
            scored[low] = score
            for offset in range(1, high - low + 1):
                score += hits[offset + span - 1] - hits[offset - 1]
                scored[low + offset] = score
        best = max(scored.values(), default=0)
        return best, sorted(start for start, score in scored.items() if score == best)[:MAX_TIED_WINDOWS]

    def _passage(self, start: int, width: int, similarity: float) -> Passage:
        # A little past the window, since a near miss is often a shorter quote.
        end = min(start + width + width // 4, len(self.normalised)) - 1
        stop = self.original_index(end) + 1
        while stop < len(self.text) and self.text[stop].isalnum():
            stop += 1  # end the excerpt on a word boundary
        excerpt = self.text[self.original_index(start): stop]
        excerpt = " ".join(excerpt.split())
        if len(excerpt) > EXCERPT_LENGTH:
            excerpt = excerpt[: EXCERPT_LENGTH - 1] + "…"
        return Passage(self.line_of(start), excerpt, similarity)


def _merged(places: Iterable[array[int]]) -> list[int]:
    """The places of several trigrams, in order (a place holds one trigram, so none repeats)."""
    merged: list[int] = []
    for found in places:
        merged.extend(found)
    merged.sort()
    return merged


def _merged_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Closed ranges of window starts, overlapping ones joined, in order; empty ones dropped."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if low > high:
            continue
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _window_scores(hits: list[int], span: int, last: int) -> list[tuple[int, int]]:
    """(score, start) of the best window whose first hit is each hit, for windows starting in [0, last].

    A window's score is how many hits lie in [start, start + span). Among the
    windows whose first hit is hits[i], the one starting furthest right (at
    hits[i], or at `last`) holds the most.
    """
    best: list[tuple[int, int]] = []
    previous = -1
    for i, hit in enumerate(hits):
        start = min(hit, last)
        if start > previous:
            best.append((bisect.bisect_left(hits, start + span, i) - i, start))
        previous = hit
    return best


def _best_windows(hits: list[int], span: int, last: int) -> tuple[int, list[int]]:
    """The best score of a window, and the first `MAX_TIED_WINDOWS` starts that reach it, in order."""
    if not hits:
        return 0, []
    scores = _window_scores(hits, span, last)
    best = max(score for score, _start in scores)
    tied: list[int] = []
    previous = -1
    for i, hit in enumerate(hits):
        start = min(hit, last)
        if start > previous and bisect.bisect_left(hits, start + span, i) - i == best:
            # Starts in (previous hit, start] keep hits[i] first; those from here on hold `best`.
            first = max(previous + 1, hits[i + best - 1] - span + 1, 0)
            tied.extend(range(first, start + 1))
            if len(tied) >= MAX_TIED_WINDOWS:
                return best, tied[:MAX_TIED_WINDOWS]
        previous = hit
    return best, tied
