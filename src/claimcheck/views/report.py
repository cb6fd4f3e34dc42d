"""Reports over a valid registry: conflicts, list, show, sources and the evidence map, as plain data.

Each report is built once as plain data (what `--format json` prints); every
output format (formats/) renders that same data, so no two formats disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from claimcheck.findings import LocatedFinding, Position
from claimcheck.judge.compare import ClaimComparison, Group, PairVerdict
from claimcheck.judge.statements import statement_for
from claimcheck.judge.verdicts import GRADES, SEVERITY, STATUSES
from claimcheck.registry import acceptance
from claimcheck.registry.index import EvidenceKey, QuoteMiss, RegistryIndex
from claimcheck.registry.model import Claim
from claimcheck.registry.quotes import QuoteMatch, display
from claimcheck.validate.unchecked import NOTHING_UNCHECKED, Unchecked, UncheckedClaim
from claimcheck.views.forest import forest_data

if TYPE_CHECKING:
    from claimcheck.judge.grading import ClaimGrade
    from claimcheck.validate.run import Validation


@dataclass(frozen=True)
class Report:
    """A registry's comparisons; its grades are worked out when a view first asks for them.

    `unchecked` names the claims and sources with errors of their own: those claims are not
    compared (nor in `comparisons`), and every view shows them as not checked.
    """

    index: RegistryIndex
    comparisons: Sequence[ClaimComparison]
    validation: Validation
    unchecked: Unchecked = NOTHING_UNCHECKED

    @cached_property
    def grades(self) -> dict[str, ClaimGrade]:
        """Every compared claim's grade (`conflicts` shows none, so it never pays for them)."""
        from claimcheck.judge.grading import grade_registry

        return grade_registry(self.index, self.comparisons)

    @cached_property
    def _comparisons_by_claim(self) -> dict[str, ClaimComparison]:
        by_claim: dict[str, ClaimComparison] = {}
        for comparison in self.comparisons:
            by_claim.setdefault(comparison.claim.id, comparison)
        return by_claim

    def comparison(self, claim_id: str) -> ClaimComparison | None:
        return self._comparisons_by_claim.get(claim_id)

    def entry_position(self, claim_id: str, evidence_position: int) -> Position:
        """Where an evidence entry of a claim stands in the registry file."""
        comparison = self.comparison(claim_id)
        assert comparison is not None, claim_id
        path = self.index.evidence_path((comparison.claim_position, evidence_position))
        return self.validation.source_map.value(path)


# ----------------------------------------------------------------- conflicts

def _side(index: RegistryIndex, key: EvidenceKey) -> dict[str, Any]:
    evidence = index.registry.claims[key[0]].evidence[key[1]]
    grounding = index.grounding.get(key)
    return {
        "source": evidence.source,
        "says": says_text(evidence.says),
        "quote": display(evidence.quote),
        "line": grounding.line if isinstance(grounding, QuoteMatch) else None,
        # Where a reader finds it: `line 12`, or `p. 4, line 12` in a PDF, `line 30, in Results` in an article.
        "location": (index.texts[evidence.source].location(grounding.line)
                     if isinstance(grounding, QuoteMatch) and evidence.source in index.texts else None),
        "evidence": key[1],
    }


def checked_fields(claim: UncheckedClaim | None) -> dict[str, Any]:
    """`checked`, `errors` and `error_sources` of a claim: whether it was checked, and why not."""
    if claim is None:
        return {"checked": True, "errors": 0, "error_sources": []}
    return {"checked": False, "errors": claim.errors, "error_sources": list(claim.error_sources)}


def not_checked_rows(report: Report) -> list[dict[str, Any]]:
    """The claims not checked, in file order, each with its errors and the sources with errors it names."""
    return [{"claim": claim.id, "statement": claim.statement or "", "errors": claim.errors,
             "error_sources": list(claim.error_sources)} for claim in report.unchecked.claims]


def conflict_rows(report: Report, include_agree: bool = False) -> list[dict[str, Any]]:
    """One row per pair of groups (a document's entries of one value), not per pair of their entries:
    a claim of thousands of entries from two documents gives a handful of rows, each side listing
    its entries once (`entries`), and `pairs` counting the pairs of entries the row stands for."""
    rows: list[dict[str, Any]] = []
    for comparison in report.comparisons:
        sides: dict[int, dict[str, Any]] = {}
        for pair in comparison.pairs:
            if pair.verdict == "agree" and not include_agree:
                continue
            rows.append(_pair_row(report.index, comparison, pair, sides))
    return rows


def _pair_row(index: RegistryIndex, comparison: ClaimComparison, pair: PairVerdict,
              sides: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {
        "claim": comparison.claim.id,
        "statement": comparison.claim.statement,
        "verdict": pair.verdict,
        "internal": pair.internal,
        "accepted": pair.accepted,
        "note": _acceptance_note(comparison, pair),
        "a": _group_side(index, pair.a, sides),
        "b": _group_side(index, pair.b, sides),
        "pairs": len(pair.a.keys) * len(pair.b.keys),
        "reason": pair.reason,
    }


def _group_side(index: RegistryIndex, group: Group, sides: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """A group as one side of a row: its first entry's fields, and every entry under `entries`; built once."""
    side = sides.get(id(group))
    if side is None:
        entries = [_side(index, key) for key in group.keys]
        side = {**entries[0],
                "entries": [{k: entry[k] for k in ("evidence", "quote", "line", "location")} for entry in entries]}
        sides[id(group)] = side
    return side


def _acceptance_note(comparison: ClaimComparison, pair: PairVerdict) -> str | None:
    """The note of what accepts the pair's verdict: the claim's, or the accepted pair's."""
    if not pair.accepted:
        return None
    found = acceptance.acknowledgement(comparison.claim, [key[1] for key in pair.a.keys],
                                       [key[1] for key in pair.b.keys], pair.verdict)
    return found.note if found else None


def side_quotes(rows: Sequence[dict[str, Any]], name: str) -> dict[str, dict[str, Any]]:
    """The quotes of side `name` of merged rows, each once with the first entry that gives it (its place), in order."""
    quotes: dict[str, dict[str, Any]] = {}
    for row in rows:
        for entry in row[name].get("entries", [row[name]]):
            quotes.setdefault(entry["quote"], entry)
    return quotes


def merge_rows(rows: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows that differ only in their quotes, shown once with all the quotes of each side."""
    merged: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row["claim"], row["verdict"], row["internal"], row["accepted"], row["reason"],
               row["a"]["source"], says_text(row["a"]["says"]), row["b"]["source"], says_text(row["b"]["says"]))
        merged.setdefault(key, []).append(row)
    return list(merged.values())


def says_text(says: object) -> str:
    """A `says` as the user wrote it: YAML's booleans back to yes and no, numbers as text."""
    if says is True:
        return "yes"
    if says is False:
        return "no"
    return str(says)


# ---------------------------------------------------------------------- list

def list_rows(report: Report) -> list[dict[str, Any]]:
    """One row per claim, in file order: those not checked with their errors, no status and no grade."""
    rows = []
    for comparison in report.comparisons:
        claim = comparison.claim
        grade = report.grades[claim.id]
        rows.append({
            "claim": claim.id,
            "statement": claim.statement,
            "tags": list(claim.tags),
            "status": comparison.status,
            "accepted": acceptance.describe(claim),
            "status_accepted": _status_accepted(comparison),
            "grade": grade.grade,
            "reasons": list(grade.reasons),
            "documents": grade.documents,
            "independent_studies": grade.independent_studies,
            "values": [{"source": e.source, "says": says_text(e.says)} for e in claim.evidence],
            "pooled": _pooled(grade),
            **checked_fields(None),
        })
    if not report.unchecked.claims:
        return rows
    places = [report.index.claim_indexes[comparison.claim_position] for comparison in report.comparisons]
    unchecked = [(claim.item, _unchecked_row(report.index, claim)) for claim in report.unchecked.claims]
    return [row for _place, row in sorted([*zip(places, rows, strict=True), *unchecked], key=lambda pair: pair[0])]


def _unchecked_row(index: RegistryIndex, unchecked: UncheckedClaim) -> dict[str, Any]:
    claim = index.registry.claims[unchecked.position] if unchecked.position is not None else None
    evidence = claim.evidence if claim is not None else []
    return {
        "claim": unchecked.id,
        "statement": unchecked.statement or "",
        "tags": list(claim.tags) if claim is not None else [],
        "status": None,
        "accepted": acceptance.describe(claim) if claim is not None else None,
        "status_accepted": False,
        "grade": None,
        "reasons": [],
        "documents": len({e.source for e in evidence}),
        "independent_studies": None,
        "values": [{"source": e.source, "says": says_text(e.says)} for e in evidence],
        "pooled": None,
        **checked_fields(unchecked),
    }


def _status_accepted(comparison: ClaimComparison) -> bool:
    """Whether every pair whose verdict is the claim's status (a conflict or tension) is accepted."""
    status = comparison.status
    if status not in ("conflict", "tension"):
        return False
    unlisted = any(verdict == status and count for verdict, count in comparison.unlisted.items())
    return (all(pair.accepted for pair in comparison.pairs if pair.verdict == status)
            and (not unlisted or status in acceptance.claim_wide_verdicts(comparison.claim)))


def filter_rows(rows: list[dict[str, Any]], *, statuses: Sequence[str] = (), tags: Sequence[str] = (),
                sources: Sequence[str] = (), grades: Sequence[str] = (), min_grade: str | None = None
                ) -> list[dict[str, Any]]:
    def keep(row: dict[str, Any]) -> bool:
        if statuses and row["status"] not in statuses:
            return False
        if tags and not set(tags) & set(row["tags"]):
            return False
        if sources and not set(sources) & {v["source"] for v in row["values"]}:
            return False
        if grades and row["grade"] not in grades:
            return False
        if min_grade is None:
            return True
        return row["grade"] is not None and GRADES.index(row["grade"]) >= GRADES.index(min_grade)
    return [row for row in rows if keep(row)]


def values_by_source(values: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    by_source: dict[str, list[str]] = {}
    for value in values:
        says = by_source.setdefault(value["source"], [])
        if says_text(value["says"]) not in says:
            says.append(says_text(value["says"]))
    return by_source


# ---------------------------------------------------------------------- show

def _entry(index: RegistryIndex, key: EvidenceKey) -> dict[str, Any]:
    value = index.values.get(key)
    grounding = index.grounding.get(key)
    return {
        **_side(index, key),
        "value": value.describe() if value is not None else None,
        "rests_on": sorted(index.roots[key]),
        "quote_status": ("found" if isinstance(grounding, QuoteMatch) else
                         "not found" if isinstance(grounding, QuoteMiss) else "no text"),
    }


def _provenance(index: RegistryIndex, sources: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    return {source: [{"depth": d, "source": s} for d, s in index.provenance.chain(source)]
            for source in sorted(set(sources))}


def show_data(report: Report, comparison: ClaimComparison | UncheckedClaim) -> dict[str, Any]:
    """Everything about one claim; for a claim not checked, what it holds, with no verdict nor grade."""
    if isinstance(comparison, UncheckedClaim):
        return _unchecked_show_data(report.index, comparison)
    index = report.index
    claim = comparison.claim
    grade = report.grades[claim.id]
    evidence = [_entry(index, (comparison.claim_position, position)) for position in range(len(claim.evidence))]
    return {
        "claim": claim.id,
        "statement": claim.statement,
        "population": claim.population,
        "tags": list(claim.tags),
        "status": comparison.status,
        "accepted": acceptance.describe(claim),
        "note": claim.note,
        "grade": grade.grade,
        "reasons": list(grade.reasons),
        "documents": grade.documents,
        "independent_studies": grade.independent_studies,
        "pooled": _pooled(grade),
        "plain_language": plain_statement(claim, grade),
        "not_comparable": comparison.uncompared,
        "evidence": evidence,
        "pairs": [
            {"a": pair.a.source, "b": pair.b.source, "a_says": pair.a.value.text,
             "b_says": pair.b.value.text, "verdict": pair.verdict, "internal": pair.internal,
             "accepted": pair.accepted, "reason": pair.reason}
            for pair in comparison.pairs
        ],
        "provenance": _provenance(index, (e.source for e in claim.evidence)),
        **checked_fields(None),
    }


def _unchecked_show_data(index: RegistryIndex, unchecked: UncheckedClaim) -> dict[str, Any]:
    row = _unchecked_row(index, unchecked)
    claim = index.registry.claims[unchecked.position] if unchecked.position is not None else None
    evidence = ([_entry(index, (unchecked.position, position)) for position in range(len(claim.evidence))]
                if claim is not None and unchecked.position is not None else [])
    return {
        **{key: row[key] for key in ("claim", "statement")},
        "population": claim.population if claim is not None else None,
        **{key: row[key] for key in ("tags", "status", "accepted")},
        "note": claim.note if claim is not None else None,
        **{key: row[key] for key in ("grade", "reasons", "documents", "independent_studies", "pooled")},
        "plain_language": None,
        "not_comparable": 0,
        "evidence": evidence,
        "pairs": [],
        "provenance": _provenance(index, (e.source for e in claim.evidence if e.source in index.sources)
                                  if claim is not None else ()),
        **checked_fields(unchecked),
    }


def plain_statement(claim: Claim, grade: ClaimGrade) -> str | None:
    """GRADE's plain-language sentence for the claim's effect at its certainty (judge/statements.py)."""
    if grade.effect is None:
        return None
    return statement_for(grade.grade, grade.effect, claim.intervention, claim.outcome)


def _pooled(grade: ClaimGrade) -> dict[str, Any] | None:
    """The pooled estimate as data, with the lines `show` prints; None when there is none."""
    if grade.pool is None:
        return None
    return {**grade.pool.to_json(), "summary": grade.pool.lines()}


# ------------------------------------------------------------------- sources

def source_rows(report: Report) -> list[dict[str, Any]]:
    index = report.index
    claims_using: dict[str, set[str]] = {}
    claims_resting: dict[str, set[str]] = {}
    quotes: dict[str, list[bool]] = {}
    for key, claim, evidence in index.evidence():
        claims_using.setdefault(evidence.source, set()).add(claim.id)
        for root in index.roots[key]:
            claims_resting.setdefault(root, set()).add(claim.id)
        grounding = index.grounding.get(key)
        if grounding is not None:
            quotes.setdefault(evidence.source, []).append(isinstance(grounding, QuoteMatch))
    rows = []
    for source in index.registry.sources:
        found = quotes.get(source.id)
        rows.append({
            "source": source.id,
            "title": source.title,
            "type": source.type,
            "design": source.design,
            "flags": list(source.flags),
            "cites": list(source.cites),
            "roots": sorted(index.provenance.roots_of(source.id)),
            "claims": len(claims_using.get(source.id, ())),
            "claims_resting_on_it": len(claims_resting.get(source.id, ())),
            "quotes": len(found) if found is not None else 0,
            "quotes_found": (all(found) if found else None) if source.path else None,
            "path": source.path,
            "checked": source.id not in report.unchecked.sources,
            "errors": report.unchecked.sources.get(source.id, 0),
        })
    return rows


# -------------------------------------------------------------- evidence map

def evidence_map(report: Report) -> dict[str, Any]:
    """The evidence map of `claimcheck report`: claims by documents, built from the other views.

    `documents` are the sources that state at least one claim, in registry
    order; each claim's `cells` give, for each document that states it, what
    that document says and the verdict of that document's pairs (its worst),
    and under `values` each value with its own verdict (the worst of the pairs
    it takes part in, `value_verdicts`) and the codes of the findings the
    registry's `ignore` silenced on its entries.
    `details` is `show_data` for every claim, with its forest plot's data (`forest`, views/forest.py)
    when it has a pooled estimate, and `sources` is `source_rows`.
    """
    claims = list_rows(report)
    details = {c.claim.id: show_data(report, c) for c in report.comparisons}
    for comparison in report.comparisons:
        details[comparison.claim.id]["forest"] = forest_data(report.index, comparison,
                                                             report.grades[comparison.claim.id].pool)
    for unchecked in report.unchecked.claims:
        details.setdefault(unchecked.id, show_data(report, unchecked))
    sources = source_rows(report)
    silenced = _silenced_by_path(report)
    for row in claims:
        detail = details[row["claim"]]
        row["status_accepted"] = status_accepted(detail)
        checked = report.comparison(row["claim"]) if row["checked"] else None
        per_value = _value_cells(report, checked, silenced) if checked is not None else {}
        row["cells"] = {source: {"says": says, **document_verdict(detail, source),
                                 "values": per_value.get(source, [{"says": text, "verdict": None, "accepted": False,
                                                                   "silenced": []} for text in says])}
                        for source, says in values_by_source(row["values"]).items()}
    return {
        "registry": report.validation.file,
        "summary": map_summary(claims),
        "documents": [row["source"] for row in sources if row["claims"]],
        "claims": claims,
        "details": details,
        "sources": sources,
    }


def value_verdicts(comparison: ClaimComparison) -> dict[int, tuple[str | None, bool]]:
    """Each evidence entry's own verdict: the worst of the pairs its group takes part in, and whether
    every pair with that verdict is accepted; `single-source` for a claim one document states alone."""
    worst: dict[int, str] = {}
    accepted: dict[int, bool] = {}
    for pair in comparison.pairs:
        for key in (*pair.a.keys, *pair.b.keys):
            place = key[1]
            if place not in worst or SEVERITY[pair.verdict] > SEVERITY[worst[place]]:
                worst[place], accepted[place] = pair.verdict, pair.accepted
            elif pair.verdict == worst[place]:
                accepted[place] = accepted[place] and pair.accepted
    single = comparison.status == "single-source"
    verdicts: dict[int, tuple[str | None, bool]] = {}
    for place in range(len(comparison.claim.evidence)):
        verdict = worst.get(place)
        if single and verdict in (None, "agree"):
            verdicts[place] = ("single-source", False)
        else:
            verdicts[place] = (verdict, verdict not in (None, "agree") and accepted.get(place, False))
    return verdicts


def _value_cells(report: Report, comparison: ClaimComparison,
                 silenced: dict[tuple[Any, ...], list[str]]) -> dict[str, list[dict[str, Any]]]:
    """A claim's values by document, each once, with its own verdict and the findings silenced on it."""
    verdicts = value_verdicts(comparison)
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    for place, evidence in enumerate(comparison.claim.evidence):
        text = says_text(evidence.says)
        verdict, accepted = verdicts[place]
        value = cells.setdefault(evidence.source, {}).setdefault(
            text, {"says": text, "verdict": verdict, "accepted": accepted, "silenced": []})
        if SEVERITY.get(verdict or "", -1) > SEVERITY.get(value["verdict"] or "", -1):
            value["verdict"], value["accepted"] = verdict, accepted
        path = report.index.evidence_path((comparison.claim_position, place))
        for code in silenced.get(tuple(path), []):
            if code not in value["silenced"]:
                value["silenced"].append(code)
    return {source: list(values.values()) for source, values in cells.items()}


def _silenced_by_path(report: Report) -> dict[tuple[Any, ...], list[str]]:
    """The codes of silenced findings by the evidence entry they are about (a path of four steps)."""
    by_path: dict[tuple[Any, ...], list[str]] = {}
    for finding in report.validation.silenced:
        path = tuple(finding.path)
        if len(path) >= 4 and path[0] == "claims" and path[2] == "evidence":
            by_path.setdefault(path[:4], []).append(finding.code)
    return by_path


def document_verdict(detail: dict[str, Any], source: str) -> dict[str, Any]:
    """What one document's values meet in a claim: the worst verdict of the pairs it takes part in.

    A document that states a claim alone is `single-source`; one whose values
    were compared with none (values of another dimension) has no verdict.
    `accepted` is true when every pair with that worst verdict is accepted.
    """
    pairs = [pair for pair in detail["pairs"] if source in (pair["a"], pair["b"])]
    if not pairs:
        return {"verdict": "single-source" if detail["status"] == "single-source" else None, "accepted": False}
    worst = max((pair["verdict"] for pair in pairs), key=SEVERITY.__getitem__)
    if worst == "agree" and detail["status"] == "single-source":
        return {"verdict": "single-source", "accepted": False}
    accepted = worst != "agree" and all(pair["accepted"] for pair in pairs if pair["verdict"] == worst)
    return {"verdict": worst, "accepted": accepted}


def status_accepted(detail: dict[str, Any]) -> bool:
    """Whether a claim's disagreement is accepted: every pair with the claim's status as verdict is."""
    worst = [pair for pair in detail["pairs"] if pair["verdict"] == detail["status"]]
    return detail["status"] in ("tension", "conflict") and all(pair["accepted"] for pair in worst)


def map_summary(claims: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Claims counted by status and by grade, and how many have their disagreement accepted."""
    return {
        "claims": len(claims),
        "statuses": {status: sum(1 for row in claims if row["status"] == status) for status in STATUSES},
        "accepted": sum(1 for row in claims if row["status_accepted"]),
        "not_checked": sum(1 for row in claims if not row["checked"]),
        "grades": {grade: sum(1 for row in claims if row["grade"] == grade) for grade in reversed(GRADES)},
    }


# ---------------------------------------------------------------- statistics

def statistics_rows(findings: Sequence[LocatedFinding], silenced: Sequence[LocatedFinding]) -> list[dict[str, Any]]:
    """Findings counted by code, most frequent first; `silenced` counts those `ignore` lists silenced."""
    shown = Counter(f.code for f in findings)
    quiet = Counter(f.code for f in silenced)
    rules = {f.code: f.rule for f in (*findings, *silenced)}
    rows = [{"code": code, "name": rule.name, "severity": rule.severity.value, "count": shown[code],
             "silenced": quiet[code]} for code, rule in rules.items()]
    return sorted(rows, key=lambda row: (-row["count"], row["code"]))
