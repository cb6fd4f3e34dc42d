"""Which claims and sources a report cannot vouch for: those with an error of their own.

One broken claim never hides the rest. A registry that can be read as a whole
is reported on claim by claim: a claim with an error of its own (found at its
place in the file), or whose evidence names a source with an error of its own
(as its `source` or in its `cites`), is *not checked*: it is listed with its
error count and never compared nor graded, since its values cannot be trusted
(a `says` that cannot be read, for one, has no value to compare). Every other
claim and source is reported as if the registry had no error.

Pure: the paths of the error findings and the index in, the verdict out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from claimcheck.findings import DataPath
from claimcheck.registry.index import RegistryIndex


@dataclass(frozen=True)
class DroppedItems:
    """The claims and sources the model left out for schema errors, by their place in the file.

    Each with what can still be read of it: a claim's id and statement, a source's id (None when absent).
    """

    claims: Mapping[int, tuple[str | None, str | None]] = field(default_factory=dict)
    sources: Mapping[int, str | None] = field(default_factory=dict)


def dropped_items(data: Mapping[str, Any], claim_indexes: Sequence[int],
                  source_indexes: Sequence[int]) -> DroppedItems:
    """The items of the registry's data that are not at `claim_indexes` / `source_indexes` in the model."""
    def text(item: Any, key: str) -> str | None:
        value = item.get(key) if isinstance(item, dict) else None
        return value if isinstance(value, str) else None

    def items(key: str) -> list[Any]:
        found = data.get(key)
        return found if isinstance(found, list) else []

    raw_claims, raw_sources = items("claims"), items("sources")
    kept_claims, kept_sources = set(claim_indexes), set(source_indexes)
    return DroppedItems(
        {place: (text(item, "id"), text(item, "statement"))
         for place, item in enumerate(raw_claims) if place not in kept_claims},
        {place: text(item, "id") for place, item in enumerate(raw_sources) if place not in kept_sources})


@dataclass(frozen=True)
class UncheckedClaim:
    """A claim not checked: its errors, and the sources with errors its evidence names."""

    item: int  # its place in the file's `claims`
    position: int | None  # its place in the model's claims; None for a claim the model left out
    id: str  # its id; `claims item N` for a claim without a readable id
    statement: str | None
    errors: int
    error_sources: tuple[str, ...]


@dataclass(frozen=True)
class Unchecked:
    """The claims and sources not checked, and the errors counted."""

    claims: tuple[UncheckedClaim, ...] = ()  # in file order
    sources: Mapping[str, int] = field(default_factory=dict)  # a source's id -> its own errors
    errors: int = 0  # every error, those of no claim nor source included

    def __bool__(self) -> bool:
        return bool(self.errors)

    def claim(self, position: int) -> UncheckedClaim | None:
        """The model's claim at `position`, if it is not checked."""
        return self._by_position.get(position)

    @cached_property
    def _by_position(self) -> dict[int, UncheckedClaim]:
        return {c.position: c for c in self.claims if c.position is not None}

    def by_id(self, claim_id: str) -> UncheckedClaim | None:
        """The first claim not checked with this id (for `show`)."""
        return next((c for c in self.claims if c.id == claim_id), None)


NOTHING_UNCHECKED = Unchecked()


def find_unchecked(error_paths: Iterable[DataPath], index: RegistryIndex,
                   dropped: DroppedItems = DroppedItems()) -> Unchecked:
    """The claims and sources with errors, from the registry paths of the error findings (one path per error)."""
    claim_errors: Counter[int] = Counter()
    source_errors: Counter[int] = Counter()
    errors = 0
    for path in error_paths:
        errors += 1
        if len(path) >= 2 and isinstance(path[1], int):
            if path[0] == "claims":
                claim_errors[path[1]] += 1
            elif path[0] == "sources":
                source_errors[path[1]] += 1
    if not errors:
        return NOTHING_UNCHECKED
    source_ids = {item: index.registry.sources[position].id for position, item in enumerate(index.source_indexes)}
    broken_sources: Counter[str] = Counter()
    for item, count in source_errors.items():
        source_id = source_ids.get(item, dropped.sources.get(item))
        if source_id is not None:
            broken_sources[source_id] += count
    claims: list[UncheckedClaim] = []
    for position, claim in enumerate(index.registry.claims):
        item = index.claim_indexes[position]
        named = {evidence.source for evidence in claim.evidence} | {
            cited for evidence in claim.evidence for cited in evidence.cites or ()}
        bad = tuple(sorted(source for source in named if source in broken_sources))
        if claim_errors[item] or bad:
            claims.append(UncheckedClaim(item, position, claim.id, claim.statement, claim_errors[item], bad))
    for item, (claim_id, statement) in dropped.claims.items():
        claims.append(UncheckedClaim(item, None, claim_id or f"claims item {item + 1}", statement,
                                     claim_errors[item], ()))
    claims.sort(key=lambda claim: claim.item)
    return Unchecked(tuple(claims), dict(broken_sources), errors)
