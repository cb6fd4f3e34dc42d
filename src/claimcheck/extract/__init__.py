"""Finding candidate claims in a document's text (`claimcheck extract`, `claimcheck coverage`).

One finder module per family of value forms, each scanning the whole text
with regular expressions (so a 5 MB text is scanned in well under a second):

- `proportions`: `11 of 30`, `11 out of 30 men (37%)`, `11/30`, `37%`, `30-40%`, `< 10%`,
  quantifier words about people (`most guys`, `over a third of patients`);
- `counts`: people counted (`30 men`, `n = 25`);
- `durations`: `74 days`, `3 to 6 months`, `up to 9 months`, `a 30-year career`, `half a year`;
- `doses`: `20 mg`, `20 mg twice a day` (40 mg/day), `0.5 mg for each kg of body weight per day`;
- `effects`: ratio measures with intervals and p, test statistics, p-values, means;
- `stances`: sentences that assert, deny or hedge.

Within a family, a match that lies inside a longer one is the same statement
read less fully (`37%` inside `11 out of 30 men (37%)`) and is dropped; across
families both stay (`30 men` is a count even inside `30 men, and 11 of them`).
Every proposal is parsed by the value language, and one it cannot read is
not offered.

`coverage` measures how much of each registered text the registry's quotes
cover, and how much of it the finders read. This package takes texts (and,
for coverage, the `RegistryIndex`) and gives `Candidate`s and `Coverage`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claimcheck.extract import counts, doses, durations, effects, proportions, stances
from claimcheck.extract.base import Hit
from claimcheck.extract.document import Document
from claimcheck.values import reads

FINDERS = (proportions, counts, durations, doses, effects, stances)
KINDS: tuple[str, ...] = tuple(finder.KIND for finder in FINDERS)


@dataclass(frozen=True)
class Candidate:
    """A statement of a document that could be registered as evidence."""

    kind: str
    says: str
    quote: str
    sentence: str
    line: int
    column: int
    start: int  # where the words that state the value start and end in the text (characters)
    end: int
    words: str


def extract(text: str) -> list[Candidate]:
    """Every candidate claim of a text, in the order the text states them."""
    document = Document(text)
    hits = [hit for finder in FINDERS for hit in _outermost(finder.find(text))]
    hits.sort(key=lambda hit: (hit.start, -hit.end, KINDS.index(hit.kind)))
    return [_candidate(document, hit) for hit in hits if reads(hit.says)]


def checkable(text: str, more: Iterable[Hit] = ()) -> list[Candidate]:
    """The candidates that a document can be checked against itself by (`claimcheck scan`): counts with
    their percentages, and effects (estimates, intervals, p-values, test statistics, means), with the
    caller's `more` hits (of kinds of its own), in the order of the text."""
    hits = [*_outermost(proportions.find_counts(text)), *_outermost(effects.find(text)), *more]
    if not hits:
        return []
    document = Document(text)
    hits.sort(key=lambda hit: (hit.start, -hit.end, KINDS.index(hit.kind) if hit.kind in KINDS else len(KINDS)))
    return [_candidate(document, hit) for hit in hits if reads(hit.says)]


def proposals(text: str, kind: str) -> list[str]:
    """The `says` that one finder (by its kind) proposes for a text, outermost matches only, in order."""
    finder = FINDERS[KINDS.index(kind)]
    return [hit.says for hit in _outermost(finder.find(text))]


def _outermost(hits: Iterable[Hit]) -> Iterator[Hit]:
    """One family's hits without those inside a longer one, and without repeats."""
    ordered = sorted(set(hits), key=lambda hit: (hit.start, -hit.end))
    reach = -1
    for hit in ordered:
        if hit.end <= reach:
            continue
        reach = hit.end
        yield hit


def _candidate(document: Document, hit: Hit) -> Candidate:
    place = document.place(hit.start)
    quote, sentence = document.quote_and_sentence(hit.start, hit.end)
    return Candidate(hit.kind, hit.says, quote, sentence, place.line, place.column, hit.start, hit.end,
                     " ".join(document.text[hit.start:hit.end].split()))
