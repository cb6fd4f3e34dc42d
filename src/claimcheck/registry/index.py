"""What every layer after the model needs, worked out once per registry.

Sources by id, where each valid item sits in the file, the provenance graph,
every `says` parsed, and every quote looked up in its document's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from claimcheck import progress
from claimcheck.findings import DataPath
from claimcheck.registry.model import Claim, Evidence, LeftOut, Registry, Source
from claimcheck.registry.provenance import Provenance, trace
from claimcheck.registry.quotes import DEFAULT_ELISION, Passage, QuoteMatch, SourceText
from claimcheck.registry.schema import ModelResult
from claimcheck.values import Value, ValueSyntaxError, parse

EvidenceKey = tuple[int, int]  # (claim's place in registry.claims, evidence's place in the claim)


@dataclass(frozen=True)
class QuoteElsewhere:
    """Another registered source whose text holds a quote verbatim, and the line there."""

    source_id: str
    line: int


@dataclass(frozen=True)
class QuoteMiss:
    """A quote not found in its text: why, when its elisions are the reason, else the closest passage.

    `elsewhere` is the first other registered source (in the registry's order)
    whose text holds the quote, when one was looked for.
    """

    closest: Passage | None
    elision_problem: str | None = None
    elsewhere: QuoteElsewhere | None = None


#: Other sources' texts a run looks in, in all, for the quotes it misses (each look is one search).
ELSEWHERE_LOOKUPS = 10_000


Grounding = QuoteMatch | QuoteMiss


@dataclass
class RegistryIndex:
    registry: Registry
    source_indexes: tuple[int, ...]
    claim_indexes: tuple[int, ...]
    sources: dict[str, Source]
    provenance: Provenance
    values: dict[EvidenceKey, Value] = field(default_factory=dict)
    value_errors: dict[EvidenceKey, ValueSyntaxError] = field(default_factory=dict)
    texts: Mapping[str, SourceText] = field(default_factory=dict)
    grounding: dict[EvidenceKey, Grounding] = field(default_factory=dict)
    roots: dict[EvidenceKey, frozenset[str]] = field(default_factory=dict)
    invalid_source_ids: frozenset[str] = frozenset()
    invalid_item_references: frozenset[str] = frozenset()
    left_out_indexes: tuple[int, ...] = ()
    #: Each `left_out` item's quote looked up in its source's text, by the item's place in registry.left_out.
    left_out_grounding: dict[int, Grounding] = field(default_factory=dict)

    @cached_property
    def later(self) -> dict[str, frozenset[str]]:
        """For each source that a later report supersedes, those later reports (`supersedes`)."""
        return later_reports(self.sources)

    def claim_path(self, claim_position: int) -> DataPath:
        return ("claims", self.claim_indexes[claim_position])

    def evidence_path(self, key: EvidenceKey) -> DataPath:
        return self.claim_path(key[0]) + ("evidence", key[1])

    def source_path(self, source_position: int) -> DataPath:
        return ("sources", self.source_indexes[source_position])

    def left_out_path(self, position: int) -> DataPath:
        return ("left_out", self.left_out_indexes[position])

    def left_out(self) -> Iterator[tuple[int, LeftOut]]:
        return enumerate(self.registry.left_out)

    def evidence(self) -> Iterator[tuple[EvidenceKey, Claim, Evidence]]:
        return iter(self._entries)

    @cached_property
    def _entries(self) -> list[tuple[EvidenceKey, Claim, Evidence]]:
        """Every evidence entry with its key and claim, listed once: each check walks them all."""
        return [((claim_position, evidence_position), claim, evidence)
                for claim_position, claim in enumerate(self.registry.claims)
                for evidence_position, evidence in enumerate(claim.evidence)]


def build_index(model: ModelResult, texts: Mapping[str, SourceText],
                elision: int = DEFAULT_ELISION) -> RegistryIndex:
    registry = model.registry
    sources: dict[str, Source] = {}
    for source in registry.sources:
        sources.setdefault(source.id, source)
    provenance = trace(study_links(sources))
    index = RegistryIndex(registry, model.source_indexes, model.claim_indexes, sources, provenance,
                          texts=texts, invalid_source_ids=model.invalid_source_ids,
                          invalid_item_references=model.invalid_item_references,
                          left_out_indexes=model.left_out_indexes)
    grounder = _Grounder(texts, elision)
    for key, _claim, evidence in progress.track(list(index.evidence()), "Reading the quotes in the texts"):
        index.roots[key] = _entry_roots(provenance, evidence)
        try:
            index.values[key] = parse(evidence.says)
        except ValueSyntaxError as error:
            index.value_errors[key] = error
        if evidence.source in texts:
            index.grounding[key] = grounder.ground(evidence.source, evidence.quote)
    for position, item in index.left_out():
        if item.source in texts:
            index.left_out_grounding[position] = grounder.ground(item.source, item.quote)
    return index


def study_links(sources: Mapping[str, Source]) -> dict[str, list[str]]:
    """Each source's `cites`, with `supersedes` read as one study reported over time.

    A report superseded by a later one rests on it (a preprint on its journal article, so that
    the study is counted once, as its later report); an erratum rests on what it corrects,
    whose design the study keeps. A later report's `cites` of a report it supersedes is dropped,
    so that the two do not cite each other in a cycle.
    """
    links = {source_id: list(source.cites) for source_id, source in sources.items()}
    for source_id, source in sources.items():
        for earlier in source.supersedes:
            if earlier not in sources or earlier == source_id:
                continue
            if source.type == "erratum":
                if earlier not in links[source_id]:
                    links[source_id].append(earlier)
                continue
            links[source_id] = [cited for cited in links[source_id] if cited != earlier]
            if source_id not in links[earlier]:
                links[earlier].append(source_id)
    return links


def later_reports(sources: Mapping[str, Source]) -> dict[str, frozenset[str]]:
    """For each source, the reports that supersede it, directly or through others."""
    direct: dict[str, set[str]] = {}
    for source_id, source in sources.items():
        for earlier in source.supersedes:
            if earlier in sources and earlier != source_id:
                direct.setdefault(earlier, set()).add(source_id)
    later: dict[str, frozenset[str]] = {}
    for start, first in direct.items():
        seen: set[str] = set()
        pending = list(first)
        while pending:
            current = pending.pop()
            if current not in seen and current != start:
                seen.add(current)
                pending.extend(direct.get(current, ()))
        later[start] = frozenset(seen)
    return later


def _entry_roots(provenance: Provenance, evidence: Evidence) -> frozenset[str]:
    """The studies an entry rests on: its own `cites` if given, else its document's."""
    if evidence.cites is None:
        return provenance.roots_of(evidence.source)
    if not evidence.cites:
        return frozenset({evidence.source})
    return frozenset().union(*(provenance.roots_of(cited) for cited in evidence.cites))


@dataclass
class _Grounder:
    """Looks quotes up in their texts; for a miss, says why, and looks in the other texts (within a budget)."""

    texts: Mapping[str, SourceText]
    elision: int
    lookups_left: int = ELSEWHERE_LOOKUPS

    def ground(self, source_id: str, quote: str) -> Grounding:
        text = self.texts[source_id]
        match = text.find(quote, self.elision)
        if match is not None:
            return match
        problem = text.elision_problem(quote, self.elision)
        if problem is not None:
            return QuoteMiss(None, problem)
        return QuoteMiss(text.closest(quote), elsewhere=self._elsewhere(source_id, quote))

    def _elsewhere(self, source_id: str, quote: str) -> QuoteElsewhere | None:
        for other_id, other in self.texts.items():
            if other_id == source_id:
                continue
            if self.lookups_left <= 0:
                return None
            self.lookups_left -= 1
            match = other.find(quote, self.elision)
            if match is not None:
                return QuoteElsewhere(other_id, match.line)
        return None
