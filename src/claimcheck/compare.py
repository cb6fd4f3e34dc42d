"""Agreement and conflict between the evidence entries of each claim.

Every pair of entries of a claim gets a verdict, `agree`, `tension` or
`conflict`, with a reason a reader can check by hand. The rules, in order:

1. Stances: equal stances agree; yes against no conflicts; uncertain against
   yes or no is a tension (one document settles what another calls unknown).
2. Two entries of the same document must overlap, or the document contradicts
   itself: an *internal* conflict.
3. Two entries that trace (through `cites`) to a shared root study report one
   measurement: their intervals must overlap, else a conflict.
4. Entries from different root studies are different samples. When both give
   counts k/n they conflict only when Fisher's exact test rejects equal
   proportions at the significance level alpha (0.05 unless configured,
   `CompareSettings`). Without counts, sampling error cannot be
   judged: disjoint intervals are a tension, overlapping ones agree.

A claim's status is its worst verdict; a claim stated by one document only,
without an internal conflict, is `single-source`. Entries with the same value
from the same document are compared once, as a group, so a claim with
hundreds of entries stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from claimcheck import progress
from claimcheck.index import EvidenceKey, RegistryIndex
from claimcheck.model import Claim, Evidence
from claimcheck.stats import fisher_exact
from claimcheck.values import UNCERTAIN, YES, Measure, Stance, Value
from claimcheck.verdicts import SEVERITY, Status, Verdict

ALPHA = 0.05


@dataclass(frozen=True)
class CompareSettings:
    """What a user may tune in the comparison ([tool.claimcheck] in the configuration)."""

    alpha: float = ALPHA  # significance level for two independent studies' counts


DEFAULT_SETTINGS = CompareSettings()


@dataclass(frozen=True)
class Group:
    """Evidence entries of one claim with the same source and the same value."""

    source: str
    value: Value
    roots: frozenset[str]
    keys: tuple[EvidenceKey, ...]


@dataclass(frozen=True)
class PairVerdict:
    a: Group
    b: Group
    verdict: Verdict
    reason: str
    internal: bool
    accepted: bool


@dataclass(frozen=True)
class ClaimComparison:
    claim_position: int
    claim: Claim
    groups: tuple[Group, ...]
    pairs: tuple[PairVerdict, ...]
    status: Status

    def has_verdict(self, verdict: Verdict) -> bool:
        return any(pair.verdict == verdict for pair in self.pairs)


def compare_registry(index: RegistryIndex, settings: CompareSettings = DEFAULT_SETTINGS) -> list[ClaimComparison]:
    """Compare the evidence of every claim; claims with unparsed values compare what parsed."""
    claims = progress.track(index.registry.claims, "Comparing claims")
    return [compare_claim(index, position, claim, settings) for position, claim in enumerate(claims)]


def compare_claim(index: RegistryIndex, position: int, claim: Claim,
                  settings: CompareSettings = DEFAULT_SETTINGS) -> ClaimComparison:
    groups = _groups(index, position, claim.evidence)
    pairs = tuple(
        pair
        for i, first in enumerate(groups)
        for second in groups[i + 1:]
        if (pair := _pair(claim, first, second, settings)) is not None
    )
    documents = len({evidence.source for evidence in claim.evidence})
    worst: Status = max((p.verdict for p in pairs), key=SEVERITY.__getitem__, default="agree")
    status: Status = "single-source" if documents == 1 and worst == "agree" else worst
    return ClaimComparison(position, claim, groups, pairs, status)


def _groups(index: RegistryIndex, position: int, evidence: Sequence[Evidence]) -> tuple[Group, ...]:
    grouped: dict[tuple[str, object, frozenset[str]], list[EvidenceKey]] = {}
    values: dict[tuple[str, object, frozenset[str]], Value] = {}
    for evidence_position, entry in enumerate(evidence):
        key = (position, evidence_position)
        value = index.values.get(key)
        if value is None:
            continue
        group_key = (entry.source, _identity(value), index.roots[key])
        grouped.setdefault(group_key, []).append(key)
        values.setdefault(group_key, value)
    return tuple(Group(group_key[0], values[group_key], group_key[2], tuple(keys))
                 for group_key, keys in grouped.items())


def _identity(value: Value) -> object:
    """What makes two values compare the same, whatever their spelling."""
    if isinstance(value, Stance):
        return value.stance
    return (value.dimension, value.interval, value.count)


def _pair(claim: Claim, a: Group, b: Group, settings: CompareSettings) -> PairVerdict | None:
    if a.value.dimension != b.value.dimension:
        return None  # reported by validate as mixed-dimensions
    internal = a.source == b.source
    verdict, reason = judge(a, b, settings)
    accepted = verdict != "agree" and claim.accepted is not None and (
        claim.accepted == "conflict" or verdict == "tension")
    return PairVerdict(a, b, verdict, reason, internal, accepted)


def judge(a: Group, b: Group, settings: CompareSettings = DEFAULT_SETTINGS) -> tuple[Verdict, str]:
    """The verdict and reason for two groups of one claim."""
    va, vb = a.value, b.value
    if isinstance(va, Stance) and isinstance(vb, Stance):
        return _judge_stances(a, b, va, vb)
    assert isinstance(va, Measure) and isinstance(vb, Measure)
    if a.source == b.source:
        overlap, relation = _relate(va, vb)
        if overlap:
            return "agree", f"one document, consistent values: {relation}"
        return "conflict", f"internal: `{a.source}` contradicts itself: {relation}"
    shared = sorted(a.roots & b.roots)
    if shared:
        return _judge_one_measurement(va, vb, shared)
    return _judge_two_samples(va, vb, sorted(a.roots), sorted(b.roots), settings.alpha)


def _judge_stances(a: Group, b: Group, va: Stance, vb: Stance) -> tuple[Verdict, str]:
    if va.stance == vb.stance:
        return "agree", f"both say {va.stance}"
    if UNCERTAIN in (va.stance, vb.stance):
        settled, unsure = (a, b) if vb.stance == UNCERTAIN else (b, a)
        settled_value = settled.value.describe()
        return "tension", (f"`{settled.source}` states as settled ({settled_value}) what "
                           f"`{unsure.source}` calls uncertain")
    yes, no = (a, b) if va.stance == YES else (b, a)
    return "conflict", f"`{yes.source}` says yes, `{no.source}` says no"


def _judge_one_measurement(va: Measure, vb: Measure, shared: list[str]) -> tuple[Verdict, str]:
    overlap, relation = _relate(va, vb)
    study = ", ".join(f"`{s}`" for s in shared)
    if overlap:
        return "agree", f"same study ({study}), values match within rounding: {relation}"
    return "conflict", f"same study ({study}), so one measurement, yet {relation}"


def _judge_two_samples(va: Measure, vb: Measure, roots_a: list[str], roots_b: list[str],
                       alpha: float) -> tuple[Verdict, str]:
    studies = f"different studies ({', '.join(roots_a)} vs {', '.join(roots_b)})"
    if va.count is not None and vb.count is not None and va.count.n > 0 and vb.count.n > 0 \
            and va.count.k <= va.count.n and vb.count.k <= vb.count.n:
        p = fisher_exact(va.count.k, va.count.n, vb.count.k, vb.count.n)
        counts = f"{va.count.k}/{va.count.n} vs {vb.count.k}/{vb.count.n}"
        if p < alpha:
            return "conflict", f"{studies}: {counts} differ beyond sampling error (Fisher's exact p = {p:.2g} < {alpha})"
        return "agree", f"{studies}: {counts} are within sampling error (Fisher's exact p = {p:.2g})"
    overlap, relation = _relate(va, vb)
    if overlap:
        return "agree", f"{studies}: {relation}"
    return "tension", f"{studies}: {relation}; without counts for both, sampling error cannot be judged"


def _relate(va: Measure, vb: Measure) -> tuple[bool, str]:
    """Whether two values' intervals overlap, and a sentence that shows it."""
    a, b = _shown(va), _shown(vb)
    overlap = va.interval.overlaps(vb.interval)
    if va.interval.is_point and vb.interval.is_point:
        return overlap, f"{a} {'equals' if overlap else 'differs from'} {b}"
    if va.interval.is_point or vb.interval.is_point:
        point, span = (a, b) if va.interval.is_point else (b, a)
        return overlap, f"{point} {'lies within' if overlap else 'lies outside'} {span}"
    return overlap, f"{a} and {b} {'overlap' if overlap else 'do not overlap'}"


def _shown(value: Measure) -> str:
    return f"`{value.text}` ({value.describe()})"


def entry_pairs(pair: PairVerdict) -> Iterator[tuple[EvidenceKey, EvidenceKey]]:
    """The evidence entries behind a group pair, one pair of entries at a time."""
    for a in pair.a.keys:
        for b in pair.b.keys:
            yield a, b
