"""A document prepared for extraction: lines for locating, sentences for quoting.

Sentences end at `.`, `!` or `?` before white space, at `;`, at a line break,
and where a scraped web table lost its cell separators: a value or a closing
bracket run straight into a capitalised word (``Maturation Arrest (MA)54%The
highest``). Quotes are the sentence around a candidate, shortened to whole
words near it when the sentence is long, with line breaks made spaces and a
space put back where a table cell was joined to a number; `validate` ignores
white space, so every quote proposed here is found.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

#: Quotes longer than this are cut to whole words around the candidate.
MAX_QUOTE = 160
#: Sentences longer than this (a scraped page may be one line without a full stop) are cut the same way.
MAX_SENTENCE = 600
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'”’)]?\s+"        # a full stop, then white space
    r"|;\s*"                           # a semicolon
    r"|\n\s*"                          # a line break
    r"|(?<=[%)\]])(?=[A-Z][a-z])"      # a scraped table: "54%The", "(dry lips)Self"
    r"|(?<=[a-z]{2})(?=[A-Z][a-z])"    # another: "MonthlyHepatotoxicity"
)
_CELL_JOIN = re.compile(r"(?<=[a-z)])(?=\d)")  # "(MA)54%" reads "(MA) 54%" in a proposed quote


@dataclass(frozen=True)
class Place:
    line: int
    column: int


class Document:
    """A text, with where its lines and sentences start worked out once, on first use."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [match.end() for match in re.finditer("\n", self.text)]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [0] + [match.end() for match in _SENTENCE_END.finditer(self.text)]

    def place(self, index: int) -> Place:
        """Line and column (both from 1, the column in characters) of a character of the text."""
        line = bisect.bisect_right(self._line_starts, index) - 1
        return Place(line + 1, index - self._line_starts[line] + 1)

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence that holds text[start:end] (a match may span sentence ends)."""
        starts = self._sentence_starts
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_left(starts, end)
        stop = starts[last] if last < len(starts) else len(self.text)
        return starts[first], max(stop, end)

    def quote_and_sentence(self, start: int, end: int) -> tuple[str, str]:
        """A verbatim quote that holds text[start:end] (its sentence, cut to whole words when
        long), and its sentence (cut, with `…` where cut, when very long), white space made single spaces."""
        low, high = self.sentence(start, end)
        quote = self._flat(*self._around(low, high, start, end, MAX_QUOTE))
        first, last = self._around(low, high, start, end, MAX_SENTENCE)
        sentence = ("…" if first > low else "") + self._flat(first, last) + ("…" if last < high else "")
        return _CELL_JOIN.sub(" ", quote.rstrip(" ,:;–—-")), sentence

    def _around(self, low: int, high: int, start: int, end: int, longest: int) -> tuple[int, int]:
        """The bounds of text[low:high], or of whole words around text[start:end] of about `longest` characters."""
        if high - low <= longest:
            return low, high
        margin = max(0, (longest - (end - start)) // 2)
        return self._word_start(max(low, start - margin), start), self._word_end(min(high, end + margin), end)

    def _flat(self, low: int, high: int) -> str:
        return " ".join(self.text[low:high].split())

    def _word_start(self, index: int, limit: int) -> int:
        """`index` moved right to the start of a word, but not past `limit`."""
        while index < limit and index > 0 and not self.text[index - 1].isspace():
            index += 1
        return index

    def _word_end(self, index: int, limit: int) -> int:
        """`index` moved left to the end of a word, but not before `limit`."""
        while index > limit and index < len(self.text) and not self.text[index].isspace():
            index -= 1
        return index
