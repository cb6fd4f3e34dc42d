"""The checks of `claimcheck validate`: pure functions from the index to findings.

Each check looks at one concern and yields `Finding`s located by data path.
`CHECKS` is the explicit list the validator runs, in order.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction

from claimcheck import progress
from claimcheck.findings import DataPath, Finding
from claimcheck.findings.rules import rule
from claimcheck.judge.compare import ClaimComparison
from claimcheck.judge.verdicts import DISAGREEMENTS
from claimcheck.registry import acceptance
from claimcheck.registry.index import EvidenceKey, QuoteMiss, RegistryIndex
from claimcheck.registry.model import TYPES_WITH_DESIGN, Claim, Evidence
from claimcheck.registry.quotes import SourceText, first_difference
from claimcheck.values import PROPORTION, Count, Measure, format_number

Check = Callable[[RegistryIndex], Iterable[Finding]]


def check_duplicate_ids(index: RegistryIndex) -> Iterator[Finding]:
    items = [("source", index.source_path(i), s.id) for i, s in enumerate(index.registry.sources)]
    items += [("claim", index.claim_path(i), c.id) for i, c in enumerate(index.registry.claims)]
    first: dict[tuple[str, str], DataPath] = {}
    for kind, path, item_id in items:
        earlier = first.setdefault((kind, item_id), path)
        if earlier is not path:
            yield Finding(rule("duplicate-id"), f"{kind} id `{item_id}` is already used",
                          path=path + ("id",), related=(earlier + ("id",),))


def check_references(index: RegistryIndex) -> Iterator[Finding]:
    known = sorted(index.sources)
    for position, source in enumerate(index.registry.sources):
        for cite_position, cited in enumerate(source.cites):
            if not _known(index, cited):
                path = index.source_path(position) + ("cites", cite_position)
                yield _unknown_source(cited, known, path, f"source `{source.id}` cites")
        for earlier_position, earlier in enumerate(source.supersedes):
            if not _known(index, earlier):
                path = index.source_path(position) + ("supersedes", earlier_position)
                yield _unknown_source(earlier, known, path, f"source `{source.id}` supersedes")
    for key, claim, evidence in index.evidence():
        if not _known(index, evidence.source):
            path = index.evidence_path(key) + ("source",)
            yield _unknown_source(evidence.source, known, path, f"claim `{claim.id}` quotes")
        yield from _evidence_cites(index, key, claim, evidence, known)
    for position, item in index.left_out():
        if not _known(index, item.source):
            path = index.left_out_path(position) + ("source",)
            yield _unknown_source(item.source, known, path,
                                 f"`left_out` item {index.left_out_indexes[position] + 1} names")


def _evidence_cites(index: RegistryIndex, key: EvidenceKey, claim: Claim, evidence: Evidence,
                    known: list[str]) -> Iterator[Finding]:
    for cite_position, cited in enumerate(evidence.cites or ()):
        path = index.evidence_path(key) + ("cites", cite_position)
        if not _known(index, cited):
            yield _unknown_source(cited, known, path, f"evidence of claim `{claim.id}` cites")
        elif evidence.source in index.sources and cited not in index.sources[evidence.source].cites:
            yield Finding(rule("evidence-cites-outside-source"),
                          f"this entry cites `{cited}`, which its source `{evidence.source}` does not cite; "
                          f"add it to the source's `cites`", path=path)


def _known(index: RegistryIndex, source_id: str) -> bool:
    """Registered, or defined by a source that failed the schema (reported there already)."""
    return source_id in index.sources or source_id in index.invalid_source_ids


def _unknown_source(source_id: str, known: list[str], path: DataPath, who: str) -> Finding:
    hint = difflib.get_close_matches(source_id, known, n=1)
    suggestion = f"; did you mean `{hint[0]}`?" if hint else ""
    return Finding(rule("unknown-source"), f"{who} `{source_id}`, which is not a registered source{suggestion}",
                   path=path)


def check_cites_cycles(index: RegistryIndex) -> Iterator[Finding]:
    positions = {source.id: i for i, source in reversed(list(enumerate(index.registry.sources)))}
    superseding = _supersedes_cycles(index)
    for cycle in superseding:
        yield Finding(rule("cites-cycle"), "`supersedes` forms a cycle: " + " -> ".join(cycle)
                      + "; a report cannot be later than itself", path=index.source_path(positions[cycle[0]])
                      + ("supersedes",))
    reported = [frozenset(cycle) for cycle in superseding]
    for cycle in index.provenance.cycles:
        if any(frozenset(cycle) <= members for members in reported):
            continue  # the same loop, made by `supersedes` and reported as such
        yield Finding(rule("cites-cycle"), "`cites` forms a cycle: " + " -> ".join(cycle),
                      path=index.source_path(positions[cycle[0]]) + ("cites",))


def _supersedes_cycles(index: RegistryIndex) -> list[tuple[str, ...]]:
    """Each loop of `supersedes` links, once, from its first source in the registry."""
    from claimcheck.registry.provenance import trace

    links = {source_id: list(source.supersedes) for source_id, source in index.sources.items()}
    return list(trace(links).cycles)


def check_unused_sources(index: RegistryIndex) -> Iterator[Finding]:
    quoted = {evidence.source for _key, _claim, evidence in index.evidence()}
    quoted |= {cited for _key, _claim, evidence in index.evidence() for cited in evidence.cites or ()}
    quoted |= index.invalid_item_references
    used = set(quoted)
    for source_id in quoted:
        used.update(source for _depth, source in index.provenance.chain(source_id))
    for position, source in enumerate(index.registry.sources):
        if source.id not in used:
            yield Finding(rule("unused-source"),
                          f"source `{source.id}` is not quoted by any claim nor cited by a source that is",
                          path=index.source_path(position) + ("id",))


def check_designs(index: RegistryIndex) -> Iterator[Finding]:
    for position, source in enumerate(index.registry.sources):
        path = index.source_path(position)
        if source.design is not None and source.type not in TYPES_WITH_DESIGN:
            yield Finding(rule("design-not-applicable"),
                          f"`design: {source.design}` is for studies, reviews and preprints; this source is `{source.type}`",
                          path=path + ("design",))
        elif source.design is None and source.type in TYPES_WITH_DESIGN:
            yield Finding(rule("missing-design"),
                          f"{source.type} `{source.id}` has no `design`; it is graded as very-low certainty",
                          path=path + ("type",))


def check_pinned_documents(index: RegistryIndex) -> Iterator[Finding]:
    """A source's `sha256` against the hash of the file its `path` names, as read."""
    for position, source in enumerate(index.registry.sources):
        text = index.texts.get(source.id)
        if source.sha256 is None or text is None or text.sha256 is None:
            continue
        pinned = source.sha256.lower()
        if pinned != text.sha256:
            yield Finding(rule("document-changed"),
                          f"`{source.path}` has changed since its quotes were checked: its SHA-256 is now "
                          f"{text.sha256[:12]}…, not {pinned[:12]}… as `sha256` says; read the quotes again in it, "
                          "then give `sha256` its new hash (`claimcheck sources --format json`)",
                          path=index.source_path(position) + ("sha256",))


#: Sources that report a study's own results: two of them with one `nct` or `doi` are one study.
_STUDY_REPORTS = frozenset({"study", "review", "preprint"})


def check_same_study(index: RegistryIndex) -> Iterator[Finding]:
    """Two study reports with the same `nct` or `doi`, neither linked to the other by `supersedes` or `cites`."""
    first: dict[tuple[str, str], tuple[int, str]] = {}
    for position, source in enumerate(index.registry.sources):
        if source.type not in _STUDY_REPORTS:
            continue
        for field, identifier in (("nct", source.nct), ("doi", source.doi)):
            if identifier is None:
                continue
            earlier = first.setdefault((field, identifier.lower()), (position, source.id))
            if earlier[1] == source.id or _linked(index, earlier[1], source.id):
                continue
            yield Finding(rule("same-study-unlinked"), (
                f"`{earlier[1]}` and `{source.id}` have the same {field} {identifier}, so they report one study; "
                f"say which `supersedes` the other (a journal article its preprint), or that one `cites` the other"),
                path=index.source_path(position) + (field,),
                related=(index.source_path(earlier[0]) + (field,),))
            break


def _linked(index: RegistryIndex, a: str, b: str) -> bool:
    chain_a = {source for _depth, source in index.provenance.chain(a)}
    chain_b = {source for _depth, source in index.provenance.chain(b)}
    return b in chain_a or a in chain_b


def check_duplicate_evidence(index: RegistryIndex) -> Iterator[Finding]:
    seen: dict[tuple[int, str, str], EvidenceKey] = {}
    for key, _claim, evidence in index.evidence():
        earlier = seen.setdefault((key[0], evidence.source, evidence.quote), key)
        if earlier is not key:
            yield Finding(rule("duplicate-evidence"),
                          f"the same quote of `{evidence.source}` is already evidence of this claim",
                          path=index.evidence_path(key) + ("quote",),
                          related=(index.evidence_path(earlier) + ("quote",),))


def check_values(index: RegistryIndex) -> Iterator[Finding]:
    """Unparsable values, and the arithmetic of those that parse."""
    for key, error in index.value_errors.items():
        yield Finding(rule(error.rule_name), str(error), path=index.evidence_path(key) + ("says",))
    for key, value in index.values.items():
        if isinstance(value, Measure):
            path = index.evidence_path(key) + ("says",)
            yield from measure_arithmetic(value, path)


def measure_arithmetic(value: Measure, path: DataPath = ()) -> Iterator[Finding]:
    """A proportion's or range's own arithmetic: k/n against its percentage, 0-100%, ends in order."""
    if value.count is not None:
        yield from _count_arithmetic(value, value.count, path)
        return
    if value.dimension == PROPORTION and any(not 0 <= number <= 100 for number in value.numbers):
        yield Finding(rule("percent-out-of-range"), f"`{value.text}` lies outside 0-100%", path=path)
    if value.written_range is not None and value.written_range[0] > value.written_range[1]:
        low, high = value.written_range
        yield Finding(rule("reversed-range"),
                      f"`{value.text}`: the range's low end {format_number(low)} is above its high end "
                      f"{format_number(high)}", path=path)


def _count_arithmetic(value: Measure, count: Count, path: DataPath) -> Iterator[Finding]:
    if count.n == 0 or count.k > count.n:
        problem = "the total n is zero" if count.n == 0 else f"k = {count.k} is more than n = {count.n}"
        yield Finding(rule("count-exceeds-total"), f"`{value.text}`: {problem}", path=path)
        return
    stated = value.stated_number
    if stated is None:
        return
    if not 0 <= stated.value <= 100:
        yield Finding(rule("percent-out-of-range"), f"`{value.text}`: the percentage lies outside 0-100%",
                      path=path)
    elif not stated.admits(Fraction(100 * count.k, count.n)):
        yield Finding(rule("percent-mismatch"),
                      f"`{value.text}`: {count.k}/{count.n} is {format_number(round(count.percent, 2))}%, "
                      f"outside {stated.rounding}%, the percentages that round to {stated.text}% "
                      "(half up or half to even)", path=path)


def check_dimensions(index: RegistryIndex) -> Iterator[Finding]:
    by_claim: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (claim_position, evidence_position), value in index.values.items():
        by_claim[claim_position].append((evidence_position, value.dimension))
    for claim_position, entries in by_claim.items():
        first_position, first_dimension = entries[0]
        for evidence_position, dimension in entries[1:]:
            if dimension != first_dimension:
                path = index.evidence_path((claim_position, evidence_position))
                yield Finding(rule("mixed-dimensions"),
                              f"this entry is a {dimension}, but the claim's first entry is a {first_dimension}; "
                              "all evidence of one claim must be of one kind",
                              path=path + ("says",),
                              related=(index.evidence_path((claim_position, first_position)) + ("says",),))


def check_sample_sizes(index: RegistryIndex) -> Iterator[Finding]:
    for key, _claim, evidence in index.evidence():
        value = index.values.get(key)
        if not isinstance(value, Measure) or value.count is None:
            continue
        roots = index.roots[key]
        studies = {evidence.source} | (roots if len(roots) == 1 else set())
        for study_id in sorted(studies):
            study = index.sources.get(study_id)
            if study is not None and study.sample_size is not None and value.count.n > study.sample_size:
                yield Finding(rule("sample-size-exceeded"),
                              f"`{value.text}` counts {value.count.n} people, but `{study_id}` has "
                              f"`sample_size: {study.sample_size}`",
                              path=index.evidence_path(key) + ("says",))


def check_quotes(index: RegistryIndex) -> Iterator[Finding]:
    for key, grounding in index.grounding.items():
        if not isinstance(grounding, QuoteMiss):
            continue
        claim = index.registry.claims[key[0]]
        evidence = claim.evidence[key[1]]
        source = index.sources[evidence.source]
        yield _quote_miss(grounding, evidence.quote, source.id, source.path, index.evidence_path(key) + ("quote",),
                          index.texts)


def _where(texts: Mapping[str, SourceText], source_id: str, line: int) -> str:
    """A line of a source's text as a reader finds it (`line 12`, `p. 4, line 12`)."""
    text = texts.get(source_id)
    return text.location(line) if text is not None else f"line {line}"


def _quote_miss(miss: QuoteMiss, quote: str, source_id: str, text_path: str | None, path: DataPath,
                texts: Mapping[str, SourceText]) -> Finding:
    message = f"quote not found in the text of `{source_id}` ({text_path})"
    if miss.elision_problem is not None:
        message += f": {miss.elision_problem}"
    closest = miss.closest
    if closest is not None:
        message += (f"; closest passage, {_where(texts, source_id, closest.line)} "
                    f"({closest.similarity:.0%} alike): \"{closest.excerpt}\"")
        difference = first_difference(quote, closest.excerpt)
        if difference is not None:
            message += f"; it differs at \"{difference.quoted}\" (the text: \"{difference.text}\")"
    if miss.elsewhere is not None:
        message += (f"; the quote is in the text of `{miss.elsewhere.source_id}`, "
                    f"{_where(texts, miss.elsewhere.source_id, miss.elsewhere.line)}: "
                    "is `source` right?")
    return Finding(rule("quote-not-found"), message, path=path)


def check_left_out(index: RegistryIndex) -> Iterator[Finding]:
    """`left_out` items: a text to ground them in, a quote found there, and no repeats."""
    registered = {(evidence.source, evidence.quote) for _key, _claim, evidence in index.evidence()}
    seen: dict[tuple[str, str], int] = {}
    for position, item in index.left_out():
        path = index.left_out_path(position)
        source = index.sources.get(item.source)
        if source is not None and source.path is None:
            yield Finding(rule("left-out-without-text"),
                          f"source `{item.source}` has no `path`, so this quote cannot be checked and "
                          "`claimcheck coverage` does not look at it", path=path + ("source",))
        grounding = index.left_out_grounding.get(position)
        if isinstance(grounding, QuoteMiss):
            yield _quote_miss(grounding, item.quote, item.source, source.path if source else None,
                              path + ("quote",), index.texts)
        earlier = seen.setdefault((item.source, item.quote), position)
        if earlier != position:
            yield Finding(rule("duplicate-left-out"), f"the same quote of `{item.source}` is already left out",
                          path=path + ("quote",), related=(index.left_out_path(earlier) + ("quote",),))
        elif (item.source, item.quote) in registered:
            yield Finding(rule("duplicate-left-out"),
                          f"this quote of `{item.source}` is registered as evidence of a claim; it cannot also be "
                          "left out", path=path + ("quote",))


def check_effects(index: RegistryIndex) -> Iterator[Finding]:
    """Intervals, p-values, counts, test statistics and means (effect_checks.py), imported only when needed."""
    from claimcheck.values import Measure, Stance

    if all(isinstance(value, (Measure, Stance)) for value in index.values.values()):
        return
    from claimcheck.validate import effect_checks

    yield from effect_checks.check_effect_values(index)
    yield from effect_checks.check_effect_pairs(index)


def check_says_against_quotes(index: RegistryIndex) -> Iterator[Finding]:
    """Each `says` against its own quote (CC330-CC332), in `quote_values`."""
    from claimcheck.validate.quote_values import check_says_against_quotes as check

    yield from check(index)


def check_accepted_entries(index: RegistryIndex) -> Iterator[Finding]:
    """Each side of an accepted pair names an evidence entry of its claim."""
    for position, claim in enumerate(index.registry.claims):
        for problem in acceptance.unresolved(claim):
            path = index.claim_path(position) + ("accepted", problem.pair, "between", problem.side)
            named = f"`accepted` pair {problem.pair + 1} of claim `{claim.id}` names `{problem.reference}`"
            if problem.entries == 0:
                sources = list(dict.fromkeys(entry.source for entry in claim.evidence))
                hint = difflib.get_close_matches(problem.source, sources, n=1)
                suggestion = (f"; did you mean `{hint[0]}`?" if hint
                              else f"; its sources are {', '.join(f'`{source}`' for source in sources)}")
                message = f"{named}, but `{problem.source}` has no evidence entry in this claim{suggestion}"
            else:
                entries = "1 evidence entry" if problem.entries == 1 else f"{problem.entries} evidence entries"
                numbers = (f"`{problem.source}#1`" if problem.entries == 1
                           else f"`{problem.source}#1` to `{problem.source}#{problem.entries}`")
                message = f"{named}, but `{problem.source}` has {entries} in this claim ({numbers})"
            yield Finding(rule("accepted-names-no-entry"), message, path=path)


CHECKS: tuple[Check, ...] = (
    check_duplicate_ids,
    check_references,
    check_cites_cycles,
    check_unused_sources,
    check_designs,
    check_pinned_documents,
    check_same_study,
    check_duplicate_evidence,
    check_values,
    check_dimensions,
    check_sample_sizes,
    check_quotes,
    check_left_out,
    check_effects,
    check_says_against_quotes,
    check_accepted_entries,
)


def run_checks(index: RegistryIndex, checks: Sequence[Check] = CHECKS) -> list[Finding]:
    """Every check's findings; on a registry of many claims, a bar counts the checks done."""
    many = len(index.registry.claims) >= progress.MIN_ITEMS
    return [finding for check in progress.track(checks, "Running the checks", 1 if many else len(checks) + 1)
            for finding in check(index)]


def check_acceptances(comparisons: Iterable[ClaimComparison], index: RegistryIndex) -> Iterator[Finding]:
    """`accepted` must acknowledge verdicts the claim has, and say why; the claim-wide form, one pair."""
    for comparison in comparisons:
        claim = comparison.claim
        if claim.accepted is None:
            continue
        path = index.claim_path(comparison.claim_position) + ("accepted",)
        if isinstance(claim.accepted, str):
            yield from _claim_wide_acceptance(comparison, claim.accepted, path)
            continue
        unresolved = {problem.pair for problem in acceptance.unresolved(claim)}
        for place, pair in enumerate(claim.accepted):
            between = f"`{pair.between[0]}` and `{pair.between[1]}`"
            if place not in unresolved and _pair_is_stale(comparison, index, place):
                yield Finding(rule("stale-acceptance"),
                              f"claim `{claim.id}` accepts the disagreement between {between}, but no pair of "
                              "their entries disagrees; remove the pair from `accepted` or update it",
                              path=path + (place,))
            if pair.note is None:
                yield Finding(rule("acceptance-without-note"),
                              f"claim `{claim.id}` accepts the disagreement between {between} without a `note` "
                              "saying why", path=path + (place,))


def _claim_wide_acceptance(comparison: ClaimComparison, word: str, path: DataPath) -> Iterator[Finding]:
    claim = comparison.claim
    if not any(comparison.has_verdict(verdict) for verdict in acceptance.claim_wide_verdicts(claim)):  # type: ignore[arg-type]
        yield Finding(rule("stale-acceptance"),
                      f"claim `{claim.id}` accepts a {word}, but its status is "
                      f"{comparison.status}; remove `accepted` or update it", path=path)
    if claim.note is None:
        yield Finding(rule("acceptance-without-note"),
                      f"claim `{claim.id}` accepts a {word} without a `note` saying why", path=path)
    covered = [pair for pair in comparison.pairs if pair.accepted]
    count = len(covered) + sum(n for verdict, n in comparison.unlisted.items()
                               if verdict in acceptance.claim_wide_verdicts(claim))
    if count > 1:
        named = [(acceptance.reference(claim, [key[1] for key in pair.a.keys]),
                  acceptance.reference(claim, [key[1] for key in pair.b.keys])) for pair in covered[:3]]
        listing = ", ".join(f"`{a}` with `{b}`" for a, b in named)
        more = f" and {count - len(named)} more" if count > len(named) else ""
        first, second = named[0]
        yield Finding(rule("acceptance-covers-several-pairs"),
                      f"`accepted: {word}` covers {count} disagreeing pairs of claim `{claim.id}`: {listing}{more}; "
                      f"accept each known pair instead (`accepted: [{{between: [{first}, {second}], note: ...}}]`), "
                      "so that a disagreement added later is reported", path=path)


def _pair_is_stale(comparison: ClaimComparison, index: RegistryIndex, place: int) -> bool:
    """No disagreeing pair of the claim lies between the accepted pair's two sides (and every entry they
    name was read, so that the pair's verdict is known)."""
    sides = acceptance.resolved_sides(comparison.claim)[place]
    named = sides[0] | sides[1]
    if any((comparison.claim_position, entry) not in index.values for entry in named):
        return False  # an unreadable value is reported as such, and its verdicts are unknown
    if any(verdict in DISAGREEMENTS and count for verdict, count in comparison.unlisted.items()):
        return False  # a crowded claim's unlisted pairs are not known one by one
    return not any(pair.verdict in DISAGREEMENTS and acceptance.covers(sides, [key[1] for key in pair.a.keys],
                                                                 [key[1] for key in pair.b.keys])
                   for pair in comparison.pairs)
