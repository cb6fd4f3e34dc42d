"""Agreement and conflict between the evidence entries of each claim.

Every pair of entries of a claim gets a verdict, `agree`, `not-comparable`,
`tension` or `conflict`, with a reason a reader can check by hand and that says
what was compared. The rules, in order:

1. Stances: equal stances agree; yes against no conflicts; uncertain against
   yes or no is a tension (one document settles what another calls unknown).
2. Two entries of the same document that rest on a shared study must overlap,
   or the document contradicts itself: an *internal* conflict. Entries of one
   document whose own `cites` name different studies report different samples
   (rule 4).
3. Two entries that trace (through `cites`) to a shared root study report one
   measurement: their intervals must overlap, else a conflict.
4. Entries from different root studies are different samples. When both give
   counts k/n they conflict only when Fisher's exact test (Yates' chi-square
   where the counts are too large to enumerate, said in the reason) rejects equal
   proportions at the significance level alpha (0.05 unless configured,
   `CompareSettings`). Without counts, sampling error cannot be
   judged: disjoint intervals are a tension, overlapping ones agree.

Values of the effect and mean forms (estimates, relative changes, two-arm
counts, p-values, test statistics, means) are judged by the same three
situations (one document, one study, different studies) in `compare_effects`;
two estimates on measures that cannot be set against each other (an odds ratio
and a hazard ratio) are `not-comparable`, never `agree` (judge/verdicts.py says
where that verdict stands).
A pair of them with nothing to set one against the other (an NNT and a
p-value) gets no verdict and is counted in `ClaimComparison.uncompared`.

A disagreement between a report and a later report of the same study (the later
one `supersedes` it, or one that the first document reports) is a `tension`
whose reason names both reports, not a conflict: the figure was revised.

A claim's status is its worst verdict; a claim stated by one document only,
without an internal conflict, is `single-source`. Entries with the same value
from the same document are compared once, as a group, so a claim with
hundreds of entries stays fast.

A claim with more than `MAX_LISTED_PAIRS` pairs of groups (thousands of
entries from as many documents) is judged whole, but lists only that many
pairs, those that disagree first, and counts the rest by verdict
(`ClaimComparison.unlisted`); its status counts every pair. A claim of stances
only is then judged by stance rather than pair by pair, since two stances'
verdict depends on the two stances alone.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from claimcheck import progress
from claimcheck.judge.verdicts import DISAGREEMENTS, SEVERITY, Status, Verdict
from claimcheck.registry import acceptance
from claimcheck.registry.index import EvidenceKey, RegistryIndex
from claimcheck.registry.model import Claim, Evidence
from claimcheck.stats import FISHER, compare_proportions
from claimcheck.stats.proportions import screen
from claimcheck.values import UNCERTAIN, YES, Measure, Stance, Value

ALPHA = 0.05
#: Pairs of groups that one claim lists (see the module docstring).
MAX_LISTED_PAIRS = 10_000


@dataclass(frozen=True)
class CompareSettings:
    """What a user may tune in the comparison ([tool.claimcheck] in the configuration)."""

    alpha: float = ALPHA  # significance level for two independent studies' counts
    #: Set for claims past MAX_LISTED_PAIRS: counts far from alpha are decided by a normal approximation.
    screen: bool = False


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
    #: Pairs judged but not in `pairs`, by verdict: only for a claim past `MAX_LISTED_PAIRS`.
    unlisted: Mapping[Verdict, int] = field(default_factory=dict)
    #: Pairs of groups of one dimension with nothing to set one value against the other (see the module docstring).
    uncompared: int = 0

    def has_verdict(self, verdict: Verdict) -> bool:
        return self.unlisted.get(verdict, 0) > 0 or any(pair.verdict == verdict for pair in self.pairs)


def compare_registry(index: RegistryIndex, settings: CompareSettings = DEFAULT_SETTINGS) -> list[ClaimComparison]:
    """Compare the evidence of every claim; claims with unparsed values compare what parsed."""
    claims = progress.track(index.registry.claims, "Comparing claims")
    return [compare_claim(index, position, claim, settings) for position, claim in enumerate(claims)]


def compare_claim(index: RegistryIndex, position: int, claim: Claim,
                  settings: CompareSettings = DEFAULT_SETTINGS) -> ClaimComparison:
    groups = _groups(index, position, claim.evidence)
    unlisted: dict[Verdict, int] = {}
    if len(groups) * (len(groups) - 1) // 2 <= MAX_LISTED_PAIRS:
        pairs = tuple(
            pair
            for i, first in enumerate(groups)
            for second in groups[i + 1:]
            if (pair := _pair(claim, first, second, settings)) is not None
        )
    else:
        pairs, unlisted = _crowded_pairs(claim, groups, replace(settings, screen=True))
    if index.later:
        pairs = tuple(_over_time(index, claim, pair) for pair in pairs)
    documents = len({evidence.source for evidence in claim.evidence})
    verdicts = [p.verdict for p in pairs] + [verdict for verdict, count in unlisted.items() if count]
    worst: Status = max(verdicts, key=SEVERITY.__getitem__, default="agree")
    status: Status = "single-source" if documents == 1 and worst == "agree" else worst
    uncompared = _comparable_pairs(groups) - len(pairs) - sum(unlisted.values())
    return ClaimComparison(position, claim, groups, pairs, status, unlisted, max(0, uncompared))


def _crowded_pairs(claim: Claim, groups: Sequence[Group],
                   settings: CompareSettings) -> tuple[tuple[PairVerdict, ...], dict[Verdict, int]]:
    """The first `MAX_LISTED_PAIRS` pairs, disagreeing ones first, in order; the rest counted by verdict.

    Every pair is decided, but only the pairs listed are judged with their reason worded.
    """
    if all(isinstance(group.value, Stance) for group in groups):
        disagreeing, agreeing, counts = _stance_pairs(claim, groups, settings)
        listed = sorted(disagreeing + agreeing[:MAX_LISTED_PAIRS - len(disagreeing)], key=lambda item: item[:2])
        for _i, _j, pair in listed:
            counts[pair.verdict] -= 1
        return tuple(pair for _i, _j, pair in listed), counts
    kept: dict[bool, list[tuple[int, int, Verdict]]] = {True: [], False: []}
    counts = {}
    for i, first in enumerate(groups):
        for j in range(i + 1, len(groups)):
            second = groups[j]
            if first.value.dimension != second.value.dimension:
                continue
            decision = decide(first, second, settings)
            if decision is None:
                continue
            verdict = decision[0]
            counts[verdict] = counts.get(verdict, 0) + 1
            kept_of_kind = kept[verdict == "agree"]
            if len(kept_of_kind) < MAX_LISTED_PAIRS:
                kept_of_kind.append((i, j, verdict))
    chosen = sorted(kept[False] + kept[True][:MAX_LISTED_PAIRS - len(kept[False])])
    for _i, _j, verdict in chosen:
        counts[verdict] -= 1
    return tuple(_listed(claim, groups[i], groups[j], settings) for i, j, _verdict in chosen), counts


_Listed = list[tuple[int, int, PairVerdict]]


def _stance_pairs(claim: Claim, groups: Sequence[Group],
                  settings: CompareSettings) -> tuple[_Listed, _Listed, dict[Verdict, int]]:
    """Stance groups judged one pair per two stances: the first disagreeing and agreeing pairs, and counts."""
    by_stance: dict[str, list[int]] = {}
    for position, group in enumerate(groups):
        by_stance.setdefault(group.value.stance, []).append(position)  # type: ignore[union-attr]
    verdicts: dict[tuple[str, str], Verdict] = {}
    counts: dict[Verdict, int] = {}
    stances = list(by_stance)
    for number, first in enumerate(stances):
        places = by_stance[first]
        for second in stances[number:]:
            others = by_stance[second]
            if first == second:
                pairs = len(places) * (len(places) - 1) // 2
                verdict: Verdict = _stance_verdict(groups[places[0]], groups[places[1]]) if pairs else "agree"
            else:
                pairs = len(places) * len(others)
                verdict = _stance_verdict(groups[places[0]], groups[others[0]])
            verdicts[first, second] = verdicts[second, first] = verdict
            counts[verdict] = counts.get(verdict, 0) + pairs
    return (_first_pairs(claim, groups, settings, by_stance, lambda v: v != "agree", verdicts),
            _first_pairs(claim, groups, settings, by_stance, lambda v: v == "agree", verdicts), counts)


def _stance_verdict(a: Group, b: Group) -> Verdict:
    return _judge_stances(a, b, a.value, b.value)[0]  # type: ignore[arg-type]


def _first_pairs(claim: Claim, groups: Sequence[Group], settings: CompareSettings, by_stance: dict[str, list[int]],
                 wanted: Callable[[Verdict], bool], verdicts: dict[tuple[str, str], Verdict]) -> _Listed:
    """The first `MAX_LISTED_PAIRS` pairs, in order, whose two stances have a wanted verdict."""
    found: _Listed = []
    for i, group in enumerate(groups):
        stance = group.value.stance  # type: ignore[union-attr]
        partners = [places[bisect.bisect_right(places, i):] for other, places in by_stance.items()
                    if wanted(verdicts[stance, other])]
        for j in heapq.merge(*partners):
            if len(found) == MAX_LISTED_PAIRS:
                return found
            found.append((i, j, _listed(claim, group, groups[j], settings)))
    return found


def _listed(claim: Claim, a: Group, b: Group, settings: CompareSettings) -> PairVerdict:
    """A pair already decided, judged again to word its reason."""
    pair = _pair(claim, a, b, settings)
    assert pair is not None  # it was decided, so it has a verdict
    return pair


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
    if isinstance(value, Measure):
        return (value.dimension, value.interval, value.count)
    return value  # the other forms' equality leaves their text out


def _comparable_pairs(groups: Sequence[Group]) -> int:
    """Pairs of groups of one dimension: each gets a verdict, or is counted as not comparable."""
    by_dimension: dict[str, int] = {}
    for group in groups:
        by_dimension[group.value.dimension] = by_dimension.get(group.value.dimension, 0) + 1
    return sum(count * (count - 1) // 2 for count in by_dimension.values())


def _pair(claim: Claim, a: Group, b: Group, settings: CompareSettings) -> PairVerdict | None:
    if a.value.dimension != b.value.dimension:
        return None  # reported by validate as mixed-dimensions
    judged = judge(a, b, settings)
    if judged is None:
        return None  # nothing to set one value against the other: counted in ClaimComparison.uncompared
    return _pair_verdict(claim, a, b, *judged)


def _pair_verdict(claim: Claim, a: Group, b: Group, verdict: Verdict, reason: str) -> PairVerdict:
    accepted = verdict in DISAGREEMENTS and acceptance.acknowledgement(claim, _places(a), _places(b), verdict) is not None
    return PairVerdict(a, b, verdict, reason, a.source == b.source, accepted)


def _over_time(index: RegistryIndex, claim: Claim, pair: PairVerdict) -> PairVerdict:
    """A disagreement between a report and a later report of the same study (`supersedes`) is a tension
    whose reason names both: the later report revised the figure, neither document is simply wrong."""
    if pair.verdict not in DISAGREEMENTS or pair.a.source == pair.b.source:
        return pair
    revised = _revision(index, pair.a, pair.b) or _revision(index, pair.b, pair.a)
    if revised is None:
        return pair
    return _pair_verdict(claim, pair.a, pair.b, "tension", f"{revised}; {pair.reason}")


def _revision(index: RegistryIndex, earlier: Group, later: Group) -> str | None:
    """How `later` revises `earlier`, when `later`'s document supersedes one that `earlier`'s reports."""
    for _depth, reported in index.provenance.chain(earlier.source):
        if later.source in index.later.get(reported, ()):
            through = f" (reporting `{reported}`)" if reported != earlier.source else ""
            return (f"a later report of the same study, `{later.source}`, gives `{later.value.text}` where "
                    f"`{earlier.source}`{through} gave `{earlier.value.text}`")
    return None


def _places(group: Group) -> list[int]:
    """The group's entries, by their places in the claim's `evidence`."""
    return [key[1] for key in group.keys]


#: A verdict, and how to word its reason: called only for the pairs that are shown.
Decision = tuple[Verdict, Callable[[], str]]


def judge(a: Group, b: Group, settings: CompareSettings = DEFAULT_SETTINGS) -> tuple[Verdict, str] | None:
    """The verdict and reason for two groups of one claim; None when the two values cannot be compared."""
    decision = decide(a, b, settings)
    if decision is None:
        return None
    verdict, explain = decision
    return verdict, explain()


def decide(a: Group, b: Group, settings: CompareSettings = DEFAULT_SETTINGS) -> Decision | None:
    """`judge`'s verdict, with its reason left unworded (a crowded claim words only the pairs it lists)."""
    va, vb = a.value, b.value
    if isinstance(va, Stance) and isinstance(vb, Stance):
        return _worded(_judge_stances(a, b, va, vb))
    if not (isinstance(va, Measure) and isinstance(vb, Measure)):
        judged = _judge_comparisons(a, b, settings.alpha)
        return None if judged is None else _worded(judged)
    overlap = va.interval.overlaps(vb.interval)
    if a.source == b.source and not a.roots.isdisjoint(b.roots):
        if overlap:
            return "agree", lambda: f"one document, consistent values: {_relation(va, vb, overlap)}"
        return "conflict", lambda: f"internal: `{a.source}` contradicts itself: {_relation(va, vb, overlap)}"
    if not a.roots.isdisjoint(b.roots):
        return _decide_one_measurement(va, vb, a.roots & b.roots, overlap)
    return _decide_two_samples(va, vb, a.roots, b.roots, overlap, settings.alpha, settings.screen)


def _worded(judged: tuple[Verdict, str]) -> Decision:
    verdict, reason = judged
    return verdict, lambda: reason


def _judge_comparisons(a: Group, b: Group, alpha: float) -> tuple[Verdict, str] | None:
    """Effect and mean values: see `compare_effects`."""
    from claimcheck.judge import compare_effects
    from claimcheck.values import Mean

    shared = sorted(a.roots & b.roots)
    if a.source == b.source and shared:
        one_measurement: str | None = f"one document (`{a.source}`)"
    elif shared:
        one_measurement = "same study (" + ", ".join(f"`{s}`" for s in shared) + ")"
    else:
        one_measurement = None
    studies = f"different studies ({', '.join(sorted(a.roots))} vs {', '.join(sorted(b.roots))})"
    if isinstance(a.value, Mean) and isinstance(b.value, Mean):
        return compare_effects.judge_means(a.value, b.value, one_measurement, studies, alpha)
    if isinstance(a.value, Mean) or isinstance(b.value, Mean):
        return None
    return compare_effects.judge_effects(a.value, b.value, one_measurement, studies, alpha)


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


def _decide_one_measurement(va: Measure, vb: Measure, shared: frozenset[str], overlap: bool) -> Decision:
    def study() -> str:
        return ", ".join(f"`{s}`" for s in sorted(shared))

    if overlap:
        return "agree", lambda: f"same study ({study()}), values match within rounding: {_relation(va, vb, overlap)}"
    return "conflict", lambda: f"same study ({study()}), so one measurement, yet {_relation(va, vb, overlap)}"


def _decide_two_samples(va: Measure, vb: Measure, roots_a: frozenset[str], roots_b: frozenset[str], overlap: bool,
                        alpha: float, screened: bool = False) -> Decision:
    def studies() -> str:
        return f"different studies ({', '.join(sorted(roots_a))} vs {', '.join(sorted(roots_b))})"

    if va.count is not None and vb.count is not None and va.count.n > 0 and vb.count.n > 0 \
            and va.count.k <= va.count.n and vb.count.k <= vb.count.n:
        ka, na, kb, nb = va.count.k, va.count.n, vb.count.k, vb.count.n

        def counts() -> str:
            return f"{ka}/{na} vs {kb}/{nb}"

        quick = screen(ka, na, kb, nb, alpha) if screened else None
        if quick is not None:
            def screened_why() -> str:
                return (f"normal-approximation p = {quick:.2g}, far from {alpha}; exact tests are skipped in claims "
                        "this large")

            if quick < alpha:
                return "conflict", lambda: f"{studies()}: {counts()} differ beyond sampling error ({screened_why()})"
            return "agree", lambda: f"{studies()}: {counts()} are within sampling error ({screened_why()})"
        test = compare_proportions(ka, na, kb, nb)
        p = test.p
        name, why = ("Fisher's exact p", "") if test.method == FISHER else (
            "Yates-corrected chi-square p", "; the counts are too large for Fisher's exact test")
        if p < alpha:
            return "conflict", lambda: (f"{studies()}: {counts()} differ beyond sampling error "
                                        f"({name} = {p:.2g} < {alpha}{why})")
        return "agree", lambda: f"{studies()}: {counts()} are within sampling error ({name} = {p:.2g}{why})"
    if overlap:
        return "agree", lambda: f"{studies()}: {_relation(va, vb, overlap)}"
    return "tension", lambda: (f"{studies()}: {_relation(va, vb, overlap)}; without counts for both, "
                               "sampling error cannot be judged")


def _relation(va: Measure, vb: Measure, overlap: bool) -> str:
    """A sentence that shows whether two values' intervals overlap."""
    a, b = _shown(va), _shown(vb)
    if va.interval.is_point and vb.interval.is_point:
        return f"{a} {'equals' if overlap else 'differs from'} {b}"
    if va.interval.is_point or vb.interval.is_point:
        point, span = (a, b) if va.interval.is_point else (b, a)
        return f"{point} {'lies within' if overlap else 'lies outside'} {span}"
    return f"{a} and {b} {'overlap' if overlap else 'do not overlap'}"


@lru_cache(maxsize=65_536)
def _shown(value: Measure) -> str:
    """A value as reasons show it; cached, since a value of a claim with many entries is shown in each pair."""
    return f"`{value.text}` ({value.describe()})"
