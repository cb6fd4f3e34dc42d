"""Quote grounding: does a quote occur in its document's text, and where?

Both sides are normalised the same way before comparing: Unicode compatibility
forms folded (NFKC), case folded, typographic quotes and dashes made plain,
``…`` made ``...``, invisible characters (soft hyphens, zero-width spaces)
dropped, and each white-space character made a space, or a line feed for the
characters that end a line. Verbatim means verbatim:

- White space in a quote matches any run of white space in the text, line
  breaks included; words joined in the quote never match words separated in
  the text, nor words separated in the quote words joined in the text. The one
  exception is a cell boundary that a scraped table lost between a word and a
  number (`Maturation Arrest (MA)54%`, where the quote says `(MA) 54%`): white
  space in the quote between a non-digit and a digit, or between a digit or
  `%` and a letter, may match no white space at all.
- An ellipsis in a quote (``...``, ``…``, ``[...]``, ``[…]``) marks an
  elision: the parts around it must occur in order, at most `DEFAULT_ELISION`
  characters apart (the `elision` limit) and within one paragraph (never
  across a blank line). Outputs show an elision as ``[…]`` (`display`).

Cost: normalising is one `str.translate` over the text, each character
normalised on its own (so a text can be cut anywhere and normalised in
pieces). Texts and quotes are then compared in canonical form (each run of
white space one space, none at a lost cell boundary), built once per text; a
quote's parts are found with `str.find`, each later part searched for only
within the elision's reach. Where a canonical or normalised character came from
is worked out only for what is shown (a found quote's line, a closest passage):
canonical to normalised through the sorted places where white space was
shortened, normalised to original from one checkpoint every `CHECKPOINT`
characters. A quote that is missed is looked up in an index of where each
trigram occurs in the text, built once, on the text's first miss; the work per
miss is bounded (`EXACT_SEARCH_LIMIT`).
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, partial

_PLAIN = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: White space that ends a line (a carriage return does not: a CRLF is one line break).
_LINE_ENDS = frozenset("\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
ELLIPSIS = "..."
#: How an elision is shown in every output.
SHOWN_ELISION = "[…]"
#: Normalised characters an elision may skip (the `elision` limit's default).
DEFAULT_ELISION = 300
_ELISIONS = re.compile(r"\[(?:\.\.\.|…)\]|\.\.\.|…")
_WHITE_RUN = re.compile(r"[ \n]+")
#: A space (a run of white space, once collapsed) between a non-digit and a digit, or between a
#: digit or `%` and a letter: where a scraped table loses a cell boundary (`(MA)54%`), so where
#: white space counts for nothing.
_LOST_BOUNDARY = re.compile(r"(?<=[^\d ]) (?=\d)|(?<=[\d%]) (?=[^\W\d_])")
#: The runs of white space that canonical form shortens: longer than one, or at a lost boundary.
_SHIFTING_RUN = re.compile(r"[ \n]{2,}|(?<=[^\d \n])[ \n](?=\d)|(?<=[\d%])[ \n](?=[^\W\d_])")
_PARAGRAPH_BREAK = re.compile(r"\n *\n")
_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}"
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
    if char in _INVISIBLE:
        return ""
    if char.isspace():
        return "\n" if char in _LINE_ENDS else " "
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


def display(quote: str) -> str:
    """A quote as outputs show it: each elision as `[…]`, whatever way it was written."""
    return _ELISIONS.sub(SHOWN_ELISION, quote)


def _canonical(normalised: str) -> str:
    """The form quotes and texts are compared in: each run of white space one space, none at a lost cell boundary."""
    return _LOST_BOUNDARY.sub("", _WHITE_RUN.sub(" ", normalised))


def _parts(quote: str) -> tuple[str, ...]:
    """The quote's parts between its elisions, in canonical form (empty parts dropped)."""
    parts = (_canonical(part.strip(" \n")) for part in normalise(quote).split(ELLIPSIS))
    return tuple(part for part in parts if part)


class _CanonicalText:
    """A normalised text in canonical form, with the way back to the normalised text's indexes."""

    def __init__(self, normalised: str, original_char: Callable[[int], str] | None = None) -> None:
        self.normalised = normalised
        self.text = _canonical(normalised)
        #: The text's own character behind a normalised index (its case, which normalising folds).
        self.original_char = original_char or normalised.__getitem__

    @cached_property
    def _shifts(self) -> tuple[array[int], array[int]]:
        """Where canonical indexes start to lie further back in the normalised text, and by how much."""
        starts, shifts = array("q"), array("q")
        shift = 0
        text = self.normalised
        for run in _SHIFTING_RUN.finditer(text):
            low, high = run.span()
            kept = 0 if 0 < low and high < len(text) and _LOST_BOUNDARY.search(f"{text[low - 1]} {text[high]}") else 1
            shift += high - low - kept
            starts.append(low - (shift - (high - low - kept)) + kept)
            shifts.append(shift)
        return starts, shifts

    def normalised_index(self, index: int) -> int:
        starts, shifts = self._shifts
        place = bisect.bisect_right(starts, index) - 1
        return index + (shifts[place] if place >= 0 else 0)

    def search(self, parts: tuple[str, ...], elision: int | None, within_paragraph: bool = True) -> tuple[int, int] | None:
        """The first match of a quote's parts, in normalised indexes: (start, end), or None.

        Each elision skips at most `elision` canonical characters (any number for
        None) and, when `within_paragraph`, no blank line of the normalised text. A
        quote neither starts nor ends inside a number or a lower-case word of the
        text (`_inside_one_token`).
        """
        first = parts[0]
        start = self.text.find(first)
        while start >= 0:
            first_at = self.normalised_index(start)
            if not (first_at > 0 and self._inside_one_token(first_at, first_at - 1)):
                end = self._rest_end(parts, 1, start + len(first), elision, within_paragraph)
                if end is not None:
                    return self.normalised_index(start), self.normalised_index(end - 1) + 1
            start = self.text.find(first, start + 1)
        return None

    def _rest_end(self, parts: tuple[str, ...], index: int, cursor: int, elision: int | None,
                  within_paragraph: bool) -> int | None:
        """Where the parts from `index` on end, the first of them starting within reach of `cursor`."""
        if index == len(parts):
            last_at = self.normalised_index(cursor - 1)
            if last_at + 1 < len(self.normalised) and self._inside_one_token(last_at, last_at + 1):
                return None
            return cursor
        part = parts[index]
        stop = len(self.text) if elision is None else cursor + elision + len(part)
        start = self.text.find(part, cursor, stop)
        while start >= 0:
            if within_paragraph and self._breaks_paragraph(cursor, start):
                return None  # every later start is past the same blank line
            end = self._rest_end(parts, index + 1, start + len(part), elision, within_paragraph)
            if end is not None:
                return end
            start = self.text.find(part, start + 1, stop)
        return None

    def _inside_one_token(self, edge: int, neighbour: int) -> bool:
        """`_inside_one_token` of the text's characters at two normalised indexes; the text's own case is
        looked up only for two letters, since normalising folds it."""
        a, b = self.normalised[edge], self.normalised[neighbour]
        if a.isdigit() or b.isdigit():
            return a.isdigit() and b.isdigit()
        if not (a.isalpha() and b.isalpha()):
            return False
        return _inside_one_token(self.original_char(edge), self.original_char(neighbour))

    def _breaks_paragraph(self, end: int, start: int) -> bool:
        """Whether the normalised text between a part's end and the next part's start holds a blank line."""
        low = self.normalised_index(end - 1) + 1
        return _PARAGRAPH_BREAK.search(self.normalised, low, self.normalised_index(start)) is not None


def _inside_one_token(edge: str, neighbour: str) -> bool:
    """Whether a quote's first (last) character in the text and the text's character before (after) it
    belong to one number or one lower-case word: "11 of 30" is not in "11 of 300", nor "a" in "total". A
    capital after a letter may start the next cell of a scraped table ("MonthlyHepatotoxicity"), so a
    quote may start or end there."""
    return (edge.isdigit() and neighbour.isdigit()) or (edge.islower() and neighbour.islower())


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
class Difference:
    """Where a quote first departs from a passage: its words there, and the passage's."""

    quoted: str
    text: str


def first_difference(quote: str, passage: str) -> Difference | None:
    """The first words where a quote and the passage most like it differ, compared as quotes are.

    Words are runs between white space, compared without the punctuation around
    them. A word the passage adds or lacks is shown with its neighbours, so that
    both sides have words to read. Words the passage has before the quote starts,
    after it ends or where the quote has an elision do not count.
    """
    quoted: list[str] = []
    elided: set[int] = set()  # word places where the quote skips text
    for part in _ELISIONS.split(quote):
        quoted.extend(part.split())
        elided.add(len(quoted))
    elided |= {0, len(quoted)}
    texts = passage.split()
    matcher = difflib.SequenceMatcher(None, [_word_key(word) for word in quoted],
                                      [_word_key(word) for word in texts], autojunk=False)
    for tag, low, high, text_low, text_high in matcher.get_opcodes():
        if tag == "equal" or (tag == "insert" and low in elided):
            continue
        if low == 0:  # the passage may start before the quote does: drop its words the quote lacks
            joined = "".join(_word_key(word) for word in quoted[:high])
            while text_high - text_low > 1 and _word_key(texts[text_low]) not in joined:
                text_low += 1
        if tag in ("insert", "delete"):  # one side is empty: show the words around it on both
            if low > 0 and text_low > 0:
                low, text_low = low - 1, text_low - 1
            if high < len(quoted) and text_high < len(texts):
                high, text_high = high + 1, text_high + 1
        return Difference(" ".join(quoted[low:high]), " ".join(texts[text_low:text_high]))
    return None


def _word_key(word: str) -> str:
    """A word as the difference compares it: normalised, without the punctuation around it."""
    return normalise(word).strip(_EDGE_PUNCTUATION) or normalise(word)


@dataclass(frozen=True)
class Passage:
    """The passage of a text most like a quote that was not found."""

    line: int
    excerpt: str
    similarity: float


class SourceText:
    """A document's text, prepared once for many quote look-ups."""

    def __init__(self, text: str, locate: Callable[[int], str] | None = None, kind: str = "text",
                 sha256: str | None = None) -> None:
        self.text = text
        self.normalised = _normalise_chars(text)
        self._locate = locate
        #: The document's format: text, html, jats or pdf (`registry/documents`).
        self.kind = kind
        #: The SHA-256 of the document's bytes (lower-case hex), when read from a file.
        self.sha256 = sha256

    def location(self, line: int) -> str:
        """Where a line of the text is, as a reader finds it: `line 12`, or `p. 4, line 12` in a PDF."""
        return self._locate(line) if self._locate is not None else f"line {line}"

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

    def find(self, quote: str, elision: int = DEFAULT_ELISION) -> QuoteMatch | None:
        """The quote's place in the text, or None (see the module docstring for what matches)."""
        span = self.span(quote, elision)
        return None if span is None else QuoteMatch(source=self, start=span[0])

    @cached_property
    def _canonical(self) -> _CanonicalText:
        return _CanonicalText(self.normalised, lambda index: self.text[self.original_index(index)])

    def span(self, quote: str, elision: int = DEFAULT_ELISION) -> tuple[int, int] | None:
        """Where the quote's first match starts and ends in the normalised text, or None."""
        parts = _parts(quote)
        return self._canonical.search(parts, elision) if parts else None

    def elision_problem(self, quote: str, elision: int = DEFAULT_ELISION) -> str | None:
        """Why a quote that is not found still has all its parts in the text, in order: its elisions, in words.

        None when the quote has no elision, or when its parts do not occur in
        order however far apart (the quote is simply not in the text).
        """
        parts = _parts(quote)
        if len(parts) < 2 or self._canonical.search(parts, None, within_paragraph=False) is None:
            return None
        if self._canonical.search(parts, None) is not None:
            return (f"its parts occur in this order only more than {elision:,} characters apart, further than an "
                    "elision may skip (`--limit elision=N` changes it)")
        return "its parts occur in this order only across a paragraph break, which an elision never spans"

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
        while start < len(self.normalised) - 1 and self.normalised[start] in " \n":
            start += 1  # a passage starts at a word, on that word's line
        # A little past the window, since a near miss is often a shorter quote.
        end = min(start + width + width // 4, len(self.normalised)) - 1
        stop = self.original_index(end) + 1
        while stop < len(self.text) and self.text[stop].isalnum():
            stop += 1  # end the excerpt on a word boundary
        begin = self.original_index(start)
        while begin > 0 and self.text[begin - 1].isalnum() and self.text[begin].isalnum():
            begin -= 1  # and start it on one
        excerpt = self.text[begin: stop]
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
