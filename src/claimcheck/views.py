"""Reports over a valid registry: conflicts, list, show and sources.

Each report is built once as plain data (what `--format json` prints) and
rendered from that data as rich tables for people, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.console import Group as RenderGroup
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from claimcheck.compare import ClaimComparison, PairVerdict, entry_pairs
from claimcheck.formats import github_escape_data as _github_data
from claimcheck.formats import github_escape_property as _github_property
from claimcheck.grading import GRADES, ClaimGrade
from claimcheck.index import EvidenceKey, QuoteMiss, RegistryIndex
from claimcheck.quotes import QuoteMatch
from claimcheck.validate import Validation

VERDICT_STYLES = {"agree": "green", "single-source": "cyan", "tension": "yellow", "conflict": "bold red"}
GRADE_STYLES = {"high": "bold green", "moderate": "green", "low": "yellow", "very-low": "red"}
GRADE_MARKS = {"high": "●●●●", "moderate": "●●●○", "low": "●●○○", "very-low": "●○○○"}


@dataclass(frozen=True)
class Report:
    index: RegistryIndex
    comparisons: Sequence[ClaimComparison]
    grades: dict[str, ClaimGrade]
    validation: Validation

    def comparison(self, claim_id: str) -> ClaimComparison | None:
        return next((c for c in self.comparisons if c.claim.id == claim_id), None)


# ----------------------------------------------------------------- conflicts

def _side(index: RegistryIndex, key: EvidenceKey) -> dict[str, Any]:
    evidence = index.registry.claims[key[0]].evidence[key[1]]
    grounding = index.grounding.get(key)
    return {
        "source": evidence.source,
        "says": says_text(evidence.says),
        "quote": evidence.quote,
        "line": grounding.line if isinstance(grounding, QuoteMatch) else None,
        "evidence": key[1],
    }


def conflict_rows(report: Report, include_agree: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for comparison in report.comparisons:
        for pair in comparison.pairs:
            if pair.verdict == "agree" and not include_agree:
                continue
            rows.extend(_pair_rows(report.index, comparison, pair))
    return rows


def _pair_rows(index: RegistryIndex, comparison: ClaimComparison, pair: PairVerdict) -> Iterable[dict[str, Any]]:
    for a, b in entry_pairs(pair):
        yield {
            "claim": comparison.claim.id,
            "statement": comparison.claim.statement,
            "verdict": pair.verdict,
            "internal": pair.internal,
            "accepted": pair.accepted,
            "note": comparison.claim.note if pair.accepted else None,
            "a": _side(index, a),
            "b": _side(index, b),
            "reason": pair.reason,
        }


def render_conflicts(rows: Sequence[dict[str, Any]], console: Console) -> None:
    if not rows:
        console.print("No conflicts or tensions.")
        return
    claim = None
    for merged in _merge_rows(rows):
        first = merged[0]
        if first["claim"] != claim:
            claim = first["claim"]
            console.print()
            console.print(Text.assemble((claim, "bold"), " ", (first["statement"], "dim")))
        _print_pair(merged, console)
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in ("conflict", "tension", "agree")}
    accepted = sum(1 for r in rows if r["accepted"])
    console.print()
    summary = ", ".join(f"{n} {v}{'s' if n != 1 else ''}" for v, n in counts.items() if n)
    console.print(f"{summary} between pairs of quotes; {accepted} accepted." if accepted
                  else f"{summary} between pairs of quotes.")


def _merge_rows(rows: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows that differ only in their quotes, shown once with all the quotes of each side."""
    merged: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row["claim"], row["verdict"], row["internal"], row["accepted"], row["reason"],
               row["a"]["source"], says_text(row["a"]["says"]), row["b"]["source"], says_text(row["b"]["says"]))
        merged.setdefault(key, []).append(row)
    return list(merged.values())


def _print_pair(rows: Sequence[dict[str, Any]], console: Console) -> None:
    row = rows[0]
    verdict = row["verdict"]
    label = Text(verdict.upper(), style=VERDICT_STYLES[verdict])
    if row["internal"]:
        label.append(" (internal)", style="bold")
    if row["accepted"]:
        label.append(" (accepted)", style="dim")
    label.append(": ")
    label.append(row["reason"])
    _indented(console, label, 2)
    for name in ("a", "b"):
        side = row[name]
        _indented(console, Text.assemble(f"{name}. ", (side["source"], "bold"), f" says {says_text(side['says'])}"), 4)
        quotes: dict[str, int | None] = {}
        for other in rows:
            quotes.setdefault(other[name]["quote"], other[name]["line"])
        for quote, line in quotes.items():
            where = f" (line {line})" if line else ""
            _indented(console, Text.assemble((f"\"{quote}\"", "italic"), where), 7)
    if row.get("note"):
        _indented(console, Text(f"note: {row['note']}", style="dim"), 4)


def says_text(says: object) -> str:
    """A `says` as the user wrote it: YAML's booleans back to yes and no, numbers as text."""
    if says is True:
        return "yes"
    if says is False:
        return "no"
    return str(says)


def _indented(console: Console, text: Text | str, indent: int) -> None:
    """Print with a hanging indent, so wrapped lines stay under their first."""
    console.print(Padding(text, (0, 0, 0, indent), expand=False))


def render_conflicts_github(report: Report, rows: Sequence[dict[str, Any]]) -> str:
    """Conflicts as GitHub workflow commands, at each pair's first evidence entry."""
    index = report.index
    positions = {comparison.claim.id: comparison.claim_position for comparison in report.comparisons}
    lines = []
    for row in rows:
        if row["verdict"] == "agree":
            continue
        key = (positions[row["claim"]], row["a"]["evidence"])
        place = report.validation.source_map.value(index.evidence_path(key))
        command = "notice" if row["accepted"] else "error" if row["verdict"] == "conflict" else "warning"
        message = f"{row['verdict']} in claim {row['claim']}: {row['a']['source']} vs {row['b']['source']}: {row['reason']}"
        lines.append(f"::{command} file={_github_property(report.validation.file)},line={place.line},"
                     f"col={place.column},title={_github_property('claimcheck ' + row['verdict'])}::"
                     f"{_github_data(message)}")
    return "\n".join(lines)


# ---------------------------------------------------------------------- list

def list_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    for comparison in report.comparisons:
        claim = comparison.claim
        grade = report.grades[claim.id]
        rows.append({
            "claim": claim.id,
            "statement": claim.statement,
            "tags": list(claim.tags),
            "status": comparison.status,
            "accepted": claim.accepted,
            "grade": grade.grade,
            "reasons": list(grade.reasons),
            "documents": grade.documents,
            "independent_studies": grade.independent_studies,
            "values": [{"source": e.source, "says": says_text(e.says)} for e in claim.evidence],
        })
    return rows


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
        return min_grade is None or GRADES.index(row["grade"]) >= GRADES.index(min_grade)
    return [row for row in rows if keep(row)]


def render_list(rows: Sequence[dict[str, Any]], console: Console) -> None:
    if not rows:
        console.print("No claims match.")
        return
    table = Table(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1))
    table.add_column("claim: what each document says", overflow="fold", ratio=1)
    table.add_column("status, grade", no_wrap=True)
    for row in rows:
        lines: list[RenderableType] = [Text(row["claim"], style="bold"), Text(row["statement"], style="dim")]
        for source, says in _values_by_source(row["values"]).items():
            lines.append(Padding(Text.assemble((f"{source}: ", "cyan"), " · ".join(says)), (0, 0, 0, 2)))
        status = Text(row["status"], style=VERDICT_STYLES[row["status"]])
        if row["accepted"] and row["status"] in ("conflict", "tension"):
            status.append(" (accepted)", style="dim")
        status.append("\n")
        status.append_text(_grade_text(row["grade"]))
        table.add_row(RenderGroup(*lines), status)
    console.print(table)
    statuses = {s: sum(1 for r in rows if r["status"] == s) for s in VERDICT_STYLES}
    console.print(f"{len(rows)} claims: " + ", ".join(f"{n} {s}" for s, n in statuses.items() if n) + ".")


def _values_by_source(values: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    by_source: dict[str, list[str]] = {}
    for value in values:
        says = by_source.setdefault(value["source"], [])
        if says_text(value["says"]) not in says:
            says.append(says_text(value["says"]))
    return by_source


def _grade_text(grade: str) -> Text:
    return Text.assemble((GRADE_MARKS[grade], GRADE_STYLES[grade]), " ", (grade, GRADE_STYLES[grade]))


# ---------------------------------------------------------------------- show

def show_data(report: Report, comparison: ClaimComparison) -> dict[str, Any]:
    index = report.index
    claim = comparison.claim
    grade = report.grades[claim.id]
    evidence = []
    for position, entry in enumerate(claim.evidence):
        key = (comparison.claim_position, position)
        value = index.values.get(key)
        grounding = index.grounding.get(key)
        evidence.append({
            **_side(index, key),
            "value": value.describe() if value is not None else None,
            "rests_on": sorted(index.roots[key]),
            "quote_status": ("found" if isinstance(grounding, QuoteMatch) else
                             "not found" if isinstance(grounding, QuoteMiss) else "no text"),
        })
    sources = sorted({e.source for e in claim.evidence})
    return {
        "claim": claim.id,
        "statement": claim.statement,
        "population": claim.population,
        "tags": list(claim.tags),
        "status": comparison.status,
        "accepted": claim.accepted,
        "note": claim.note,
        "grade": grade.grade,
        "reasons": list(grade.reasons),
        "documents": grade.documents,
        "independent_studies": grade.independent_studies,
        "evidence": evidence,
        "pairs": [
            {"a": pair.a.source, "b": pair.b.source, "a_says": pair.a.value.text,
             "b_says": pair.b.value.text, "verdict": pair.verdict, "internal": pair.internal,
             "accepted": pair.accepted, "reason": pair.reason}
            for pair in comparison.pairs
        ],
        "provenance": {source: [{"depth": d, "source": s} for d, s in index.provenance.chain(source)]
                       for source in sources},
    }


def render_show(data: dict[str, Any], console: Console) -> None:
    console.print(Text.assemble((data["claim"], "bold"), "  ", (data["status"], VERDICT_STYLES[data["status"]]),
                                "  ", _grade_text(data["grade"])))
    _indented(console, data["statement"], 0)
    for label in ("population", "note"):
        if data[label]:
            _indented(console, Text(f"{label}: {data[label]}", style="dim"), 0)
    if data["tags"]:
        _indented(console, Text("tags: " + ", ".join(data["tags"]), style="dim"), 0)
    console.print()
    console.print(Text("Evidence", style="bold"))
    for number, entry in enumerate(data["evidence"], start=1):
        where = f"line {entry['line']}" if entry["line"] else f"quote {entry['quote_status']}"
        value = f" = {entry['value']}" if entry["value"] and entry["value"] != says_text(entry["says"]) else ""
        _indented(console, Text.assemble(f"{number}. ", (entry["source"], "bold"),
                                         f" says {says_text(entry['says'])}{value} ({where})"), 2)
        _indented(console, Text(f"\"{entry['quote']}\"", style="italic"), 5)
        _indented(console, Text("rests on: " + ", ".join(entry["rests_on"]), style="dim"), 5)
    if data["pairs"]:
        console.print()
        console.print(Text("Pairwise verdicts", style="bold"))
        for pair in data["pairs"]:
            verdict = Text(pair["verdict"], style=VERDICT_STYLES[pair["verdict"]])
            if pair["internal"]:
                verdict.append(" (internal)")
            if pair["accepted"]:
                verdict.append(" (accepted)", style="dim")
            _indented(console, Text.assemble(verdict, "  ", pair["a"], " / ", pair["b"]), 2)
            _indented(console, pair["reason"], 5)
    console.print()
    console.print(Text("Grade", style="bold"))
    for reason in data["reasons"]:
        _indented(console, reason, 2)
    _indented(console, Text(f"documents: {data['documents']}, independent studies: "
                            f"{data['independent_studies']}", style="dim"), 2)
    console.print()
    console.print(Text("Provenance", style="bold"))
    for chain in data["provenance"].values():
        for link in chain:
            arrow = "└─ " if link["depth"] else ""
            console.print("  " + "   " * max(0, link["depth"] - 1) + arrow + link["source"])


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
        })
    return rows


def render_sources(rows: Sequence[dict[str, Any]], console: Console) -> None:
    table = Table(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1))
    longest_id = max((len(row["source"]) for row in rows), default=10)
    table.add_column("source", overflow="fold", ratio=1, min_width=min(longest_id, 36))
    table.add_column("type", no_wrap=True)
    table.add_column("states", justify="right", no_wrap=True)
    table.add_column("rests", justify="right", no_wrap=True)
    table.add_column("quotes", no_wrap=True)
    for row in rows:
        cell = Text(row["source"], style="bold")
        if row["flags"]:
            cell.append(f"\n  flags: {', '.join(row['flags'])}", style="dim")
        for cited in row["cites"]:
            cell.append(f"\n  cites {cited}", style="dim")
        kind = row["type"] + (f"\n{row['design']}" if row["design"] else "")
        if row["quotes_found"] is None:
            quotes = Text("no text", style="dim")
        elif row["quotes_found"]:
            quotes = Text(f"{row['quotes']} found", style="green")
        else:
            quotes = Text("some missing", style="bold red")
        table.add_row(cell, kind, str(row["claims"]), str(row["claims_resting_on_it"]), quotes)
    console.print(table)
