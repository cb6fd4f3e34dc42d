"""How much of its documents a registry covers (`claimcheck coverage`), and how much extraction finds.

A candidate claim of a source's text (`extract`) is covered when a quote the
registry holds for that source, an evidence quote or a `left_out` one, spans
the words that state it. Spans are compared in the quote matcher's
normalised text (`registry/quotes.py`), where case, white space and typographic
marks do not count, so a covered candidate is one `validate` would ground
at the same place.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimcheck.extract import Candidate, extract
from claimcheck.registry.index import RegistryIndex
from claimcheck.registry.quotes import SourceText
from claimcheck.values import Stance, Value, ValueSyntaxError, parse

LEFT_OUT = "left_out"


@dataclass(frozen=True)
class Registered:
    """A registered quote's span in the normalised text, and what holds it (a claim id, or `left_out`)."""

    start: int
    end: int
    holder: str


@dataclass(frozen=True)
class CandidateCoverage:
    candidate: Candidate
    covered_by: str | None  # the claim whose evidence quote spans it, LEFT_OUT, or None


@dataclass(frozen=True)
class SourceCoverage:
    source_id: str
    path: str
    candidates: tuple[CandidateCoverage, ...]

    @property
    def covered(self) -> int:
        return sum(item.covered_by is not None for item in self.candidates)

    @property
    def left_out(self) -> int:
        return sum(item.covered_by == LEFT_OUT for item in self.candidates)

    @property
    def uncovered(self) -> list[Candidate]:
        return [item.candidate for item in self.candidates if item.covered_by is None]

    @property
    def percent(self) -> float:
        return percent(self.covered, len(self.candidates))


@dataclass(frozen=True)
class Coverage:
    sources: tuple[SourceCoverage, ...]

    @property
    def candidates(self) -> int:
        return sum(len(source.candidates) for source in self.sources)

    @property
    def covered(self) -> int:
        return sum(source.covered for source in self.sources)

    @property
    def percent(self) -> float:
        return percent(self.covered, self.candidates)


def percent(part: int, whole: int) -> float:
    """A share in percent; nothing to cover is fully covered."""
    return 100.0 if whole == 0 else 100.0 * part / whole


def coverage(index: RegistryIndex) -> Coverage:
    """The coverage of every source with a text, in registry order."""
    quotes = _quotes_by_source(index)
    reports = []
    for source_id, text in index.texts.items():
        source = index.sources[source_id]
        registered = sorted((span for quote, holder in quotes.get(source_id, ()) for span in _spans(text, quote, holder)),
                            key=lambda span: (span.start, -span.end))
        starts = [span.start for span in registered]
        candidates = tuple(CandidateCoverage(candidate, _holder(text, candidate, registered, starts))
                           for candidate in extract(text.text))
        reports.append(SourceCoverage(source_id, source.path or "", candidates))
    return Coverage(tuple(reports))


def _quotes_by_source(index: RegistryIndex) -> dict[str, list[tuple[str, str]]]:
    """Each source's registered quotes, with what holds each (a claim id, or LEFT_OUT), in one pass."""
    quotes: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for _key, claim, evidence in index.evidence():
        quotes[evidence.source].append((evidence.quote, claim.id))
    for _position, item in index.left_out():
        quotes[item.source].append((item.quote, LEFT_OUT))
    return quotes


def _spans(text: SourceText, quote: str, holder: str) -> Iterable[Registered]:
    span = text.span(quote)
    if span is not None:
        yield Registered(span[0], span[1], holder)


def _normalised_span(text: SourceText, candidate: Candidate) -> tuple[int, int]:
    """Where the candidate's words lie in the normalised text, to compare with quote spans."""
    return text.normalised_index(candidate.start), text.normalised_index(candidate.end)


def _holder(text: SourceText, candidate: Candidate, registered: Sequence[Registered],
            starts: Sequence[int]) -> str | None:
    """The first registered quote (in text order) whose span holds the candidate's words."""
    start, end = _normalised_span(text, candidate)
    last = bisect.bisect_right(starts, start)
    for span in registered[:last]:
        if span.end >= end:
            return span.holder
    return None


# ------------------------------------------------------------------ recall

@dataclass(frozen=True)
class Recall:
    """How many of a registry's quantitative evidence entries extraction finds, and which it misses."""

    found: int
    missed: tuple[tuple[str, str, str], ...]  # (source, says, quote)

    @property
    def total(self) -> int:
        return self.found + len(self.missed)

    @property
    def percent(self) -> float:
        return percent(self.found, self.total)


def recall(index: RegistryIndex) -> Recall:
    """Entries with a text and a quantitative `says` found at the same quote with an equal value."""
    candidates = {source_id: [(candidate.says, _normalised_span(text, candidate)) for candidate in extract(text.text)]
                  for source_id, text in index.texts.items()}
    found = 0
    missed: list[tuple[str, str, str]] = []
    for key, _claim, evidence in index.evidence():
        value = index.values.get(key)
        text = index.texts.get(evidence.source)
        span = text.span(evidence.quote) if text is not None else None
        if value is None or isinstance(value, Stance) or text is None or span is None:
            continue
        if any(span[0] <= start and end <= span[1] and same_value(value, says)
               for says, (start, end) in candidates[evidence.source]):
            found += 1
        else:
            missed.append((evidence.source, str(evidence.says), evidence.quote))
    return Recall(found, tuple(missed))


def same_value(value: Value, says: str) -> bool:
    """Whether a proposed `says` reads as the same value, however differently it is written."""
    try:
        proposed = parse(says)
    except ValueSyntaxError:
        return False
    return type(proposed) is type(value) and _meaning(proposed) == _meaning(value)


def _meaning(value: Value) -> tuple[object, ...]:
    if not dataclasses.is_dataclass(value):
        return (value,)
    return tuple(getattr(value, field.name) for field in dataclasses.fields(value)
                 if field.name not in ("text", "raw"))
