"""Which disagreements of a claim its `accepted` acknowledges: pure functions over the model.

`accepted` has two forms (docs/format.md, "Accepted disagreements"):

- claim-wide, `accepted: conflict` or `accepted: tension`: every conflict and
  tension of the claim, or every tension, is acknowledged, with the claim's `note`;
- pairs, a list of `{between: [a, b], note}`: only a disagreement between the
  two sides is acknowledged, whatever its verdict, with the pair's own note.

A side names a source id, meaning every entry of that source in the claim, or
`source#N`, the source's Nth entry in the claim's `evidence` counted from 1
(the entries of other sources are not counted). Two sides of one source must
both give a number (the model refuses the rest). A pair of entries is covered
when one entry is named by one side and the other by the other side; entries
judged together (one source saying one value) are covered when any of them is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from claimcheck.registry.model import ENTRY_REFERENCE_PATTERN, AcceptedPair, Claim

#: What a claim-wide `accepted` acknowledges, by its word.
CLAIM_WIDE_VERDICTS = {"conflict": frozenset({"conflict", "tension"}), "tension": frozenset({"tension"})}


@dataclass(frozen=True)
class Acknowledgement:
    """What acknowledges a disagreement: the claim-wide form (pair None), or the pair at this place."""

    pair: int | None
    note: str | None


@dataclass(frozen=True)
class Unresolved:
    """A side of an accepted pair that names no entry of the claim."""

    pair: int  # the pair's place in `accepted`
    side: int  # 0 or 1: its place in `between`
    reference: str
    source: str
    number: int | None
    #: How many entries the named source has in the claim (0 when none).
    entries: int


def pairs(claim: Claim) -> Sequence[AcceptedPair]:
    """The pair form's pairs; none for the claim-wide form or without `accepted`."""
    return claim.accepted if isinstance(claim.accepted, list) else ()


def is_claim_wide(claim: Claim) -> bool:
    return isinstance(claim.accepted, str)


def claim_wide_verdicts(claim: Claim) -> frozenset[str]:
    """The verdicts the claim-wide form acknowledges in every pair of the claim; none for the pair form."""
    return CLAIM_WIDE_VERDICTS[claim.accepted] if isinstance(claim.accepted, str) else frozenset()


def split(reference: str) -> tuple[str, int | None]:
    """`blog#2` as (`blog`, 2); `blog` as (`blog`, None)."""
    match = ENTRY_REFERENCE_PATTERN.fullmatch(reference)
    if match is None:  # the model accepts no other text
        return reference, None
    return match.group(1), int(match.group(2)) if match.group(2) else None


def named_entries(claim: Claim, reference: str) -> frozenset[int]:
    """The places in `claim.evidence` that a side names; empty when it names none."""
    source, number = split(reference)
    places = [place for place, entry in enumerate(claim.evidence) if entry.source == source]
    if number is None:
        return frozenset(places)
    return frozenset(places[number - 1:number])


def unresolved(claim: Claim) -> Iterator[Unresolved]:
    """Every side of an accepted pair that names no entry of this claim."""
    for pair_place, pair in enumerate(pairs(claim)):
        for side, reference in enumerate(pair.between):
            if named_entries(claim, reference):
                continue
            source, number = split(reference)
            count = sum(1 for entry in claim.evidence if entry.source == source)
            yield Unresolved(pair_place, side, reference, source, number, count)


def _sides(claim: Claim, pair: AcceptedPair) -> tuple[frozenset[int], frozenset[int]]:
    first, second = pair.between
    return named_entries(claim, first), named_entries(claim, second)


#: The last claim whose pairs were resolved, and its sides: comparing a claim asks for every pair of it in turn.
_resolved: tuple[Claim, tuple[tuple[frozenset[int], frozenset[int]], ...]] | None = None


def resolved_sides(claim: Claim) -> tuple[tuple[frozenset[int], frozenset[int]], ...]:
    """Each accepted pair's two sides as places in `claim.evidence`, in the order of `accepted`."""
    global _resolved
    last = _resolved
    if last is not None and last[0] is claim:
        return last[1]
    sides = tuple(_sides(claim, pair) for pair in pairs(claim))
    _resolved = (claim, sides)
    return sides


def covers(sides: tuple[frozenset[int], frozenset[int]], a: Collection[int], b: Collection[int]) -> bool:
    """Whether a pair's two sides name entries `a` on one side and `b` on the other."""
    first, second = sides
    return ((not first.isdisjoint(a) and not second.isdisjoint(b))
            or (not first.isdisjoint(b) and not second.isdisjoint(a)))


def acknowledgement(claim: Claim, a: Collection[int], b: Collection[int], verdict: str) -> Acknowledgement | None:
    """What acknowledges the verdict between entries `a` and entries `b` of the claim (places in its
    `evidence`), or None: an `agree` is never acknowledged, nor anything in a claim without `accepted`."""
    if verdict == "agree" or claim.accepted is None:
        return None
    if isinstance(claim.accepted, str):
        return Acknowledgement(None, claim.note) if verdict in claim_wide_verdicts(claim) else None
    for place, sides in enumerate(resolved_sides(claim)):
        if covers(sides, a, b):
            return Acknowledgement(place, claim.accepted[place].note)
    return None


def reference(claim: Claim, places: Collection[int]) -> str:
    """How a pair's side names these entries of one source: the source's id when they are all its
    entries in the claim, else `source#N` of the first of them."""
    first = min(places)
    source = claim.evidence[first].source
    own = [place for place, entry in enumerate(claim.evidence) if entry.source == source]
    if set(own) <= set(places):
        return source
    return f"{source}#{own.index(first) + 1}"


def describe(claim: Claim) -> str | list[dict[str, object]] | None:
    """`accepted` as plain data: the word, or each pair's `between` and `note`."""
    if claim.accepted is None or isinstance(claim.accepted, str):
        return claim.accepted
    return [{"between": list(pair.between), "note": pair.note} for pair in claim.accepted]
