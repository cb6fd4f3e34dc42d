"""One document scanned: the values its text states, and every check that one document can settle.

The values are those of `claimcheck extract`'s finders that some check can
use (counts with their percentages, and effects), with changes in words; each is checked on its own
(a count against its percentage, an estimate against its interval and p, a
test statistic against its p as statcheck does, a mean by GRIM and GRIMMER),
and the values of one sentence against each other (counts against the crude
ratio beside them, an NNT against a risk difference, words against a ratio).
These are the checks `validate` runs on registered values, so a finding here
means what the same code means there (docs/rules.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from claimcheck.extract import Candidate, checkable
from claimcheck.extract.base import Hit
from claimcheck.findings import DataPath, Finding
from claimcheck.validate.checks import measure_arithmetic
from claimcheck.validate.effect_checks import check_effect_pairs_of, check_effect_value, statcheck_verdict
from claimcheck.values import (
    Estimate,
    Mean,
    Measure,
    RelativeChange,
    TestStatistic,
    TwoArms,
    Value,
    ValueSyntaxError,
    parse,
)

#: The kinds of statement `scan` counts as checked, by what the summary calls them.
STATEMENT_KINDS = ("test statistic", "estimate with interval", "count with percentage", "mean with n",
                   "two-arm counts")


@dataclass(frozen=True)
class ScanFinding:
    """A check that failed on a value of a document, located where the text states it."""

    line: int
    column: int
    code: str
    name: str
    severity: str
    message: str
    sentence: str
    #: Where a reader finds it when the text was extracted from a PDF (`p. 4, line 12`) or an article
    #: (`line 30, in Results`); None for plain text, where line and column say it.
    location: str | None = None


@dataclass(frozen=True)
class StatisticRow:
    """One test statistic with its p, checked as statcheck does (one CSV row)."""

    line: int
    statistic: str
    test: str
    df1: float | None
    df2: float | None
    value: float
    reported_comparison: str
    reported_p: float | None
    computed_p: float
    error: bool
    decision_error: bool
    one_tailed: bool
    location: str | None = None


@dataclass
class DocumentResult:
    """Everything `scan` learnt from one document: read or not, what it checked, what failed."""

    document: str
    error: str | None = None
    statements: dict[str, int] = field(default_factory=dict)
    findings: list[ScanFinding] = field(default_factory=list)
    statistics: list[StatisticRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "error": self.error, "statements": dict(self.statements),
                "findings": [asdict(finding) for finding in self.findings],
                "statistics": [asdict(row) for row in self.statistics]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentResult:
        return cls(data["document"], data["error"], dict(data["statements"]),
                   [ScanFinding(**finding) for finding in data["findings"]],
                   [StatisticRow(**row) for row in data["statistics"]])


def scan_text(document: str, text: str, locate: Callable[[int], str] | None = None,
              blocks: bool = False) -> DocumentResult:
    """Scan one document's text; `locate` words a line of an extracted text as a reader finds it, and
    `blocks` says the text has one block a line (a web page, an article read from XML)."""
    result = DocumentResult(document)
    candidates = list(_read(checkable(text, _changes(text))))
    for candidate, value in candidates:
        kind = statement_kind(value)
        if kind is not None:
            result.statements[kind] = result.statements.get(kind, 0) + 1
        if isinstance(value, TestStatistic):
            row = _statistic_row(candidate, value, locate)
            if row is not None:
                result.statistics.append(row)
    where = {_path(position): candidate for position, (candidate, _value) in enumerate(candidates)}
    for finding in _findings(text, candidates):
        candidate = where[finding.path]
        sentence = sentence_around(text, candidate.start, candidate.end, blocks)  # only for what is reported
        result.findings.append(ScanFinding(candidate.line, candidate.column, finding.code, finding.rule.name,
                                           finding.severity.value, finding.message, sentence,
                                           locate(candidate.line) if locate is not None else None))
    result.findings.sort(key=lambda finding: (finding.line, finding.column, finding.code))
    return result


#: Where a sentence of a paper ends: a full stop (not a decimal point), a blank line. A single line break
#: does not end one: papers are wrapped, and a sentence read across its lines is what the reader reads.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]?\s+(?=[^a-z\s])|\n\s*\n")
#: In a web page or an article read from XML each block (a heading, a paragraph, a table row) is a line.
_BLOCK_END = re.compile(r"(?<=[.!?])[\"'”’)\]]?\s+(?=[^a-z\s])|\n")
#: Characters looked at on each side of a value for the ends of its sentence.
SENTENCE_REACH = 400


def sentence_around(text: str, start: int, end: int, blocks: bool = False) -> str:
    """The sentence that holds text[start:end], on one line (cut with `…` beyond `SENTENCE_REACH`).

    `blocks`: the text is one block a line (a web page, a JATS article), so a line break ends a sentence.
    """
    pattern = _BLOCK_END if blocks else _SENTENCE_END
    low = max(0, start - SENTENCE_REACH)
    ends = [match.end() for match in pattern.finditer(text, low, start)]
    first = ends[-1] if ends else low
    after = pattern.search(text, end, min(len(text), end + SENTENCE_REACH))
    last = after.start() if after else min(len(text), end + SENTENCE_REACH)
    sentence = " ".join(text[first:last].split())
    return ("…" if not ends and low > 0 else "") + sentence + ("…" if after is None and last < len(text) else "")


def statement_kind(value: Value) -> str | None:
    """Which kind of checkable statement a value is, or None for one no check applies to."""
    if isinstance(value, TestStatistic):
        return "test statistic" if value.p is not None else None
    if isinstance(value, Estimate):
        return "estimate with interval" if value.ci is not None else None
    if isinstance(value, Measure):
        return "count with percentage" if value.count is not None and value.stated_number is not None else None
    if isinstance(value, Mean):
        return "mean with n" if value.n is not None else None
    if isinstance(value, TwoArms):
        return "two-arm counts"
    return None


def _changes(text: str) -> Iterator[Hit]:
    """Changes in words, which `extract` does not propose, read here to be set against a ratio beside them."""
    from claimcheck.validate.quote_values import change_statements

    for start, end, says in change_statements(text):
        yield Hit(start, end, says, "change")


def _read(candidates: list[Candidate]) -> Iterator[tuple[Candidate, Value]]:
    for candidate in candidates:
        try:
            yield candidate, parse(candidate.says)
        except ValueSyntaxError:
            continue


def _path(position: int) -> DataPath:
    return ("value", position)


def _findings(text: str, candidates: list[tuple[Candidate, Value]]) -> Iterator[Finding]:
    for position, (_candidate, value) in enumerate(candidates):
        if isinstance(value, Measure):
            yield from measure_arithmetic(value, _path(position))
        else:
            yield from check_effect_value(value, _path(position))
    for values in _side_by_side(text, candidates):
        yield from check_effect_pairs_of(values)


#: What may lie between two values that are one statement: white space, brackets, a comma, a dash.
_JOINED = re.compile(r"[\s(\[,;:=–—-]*")


def _side_by_side(text: str, candidates: list[tuple[Candidate, Value]]) -> Iterator[list[tuple[DataPath, Value]]]:
    """The values to check against each other: those written side by side, in order.

    Values are paired only when nothing but brackets, commas or white space
    lies between them ("cut strokes by a third (RR 0.89, 95% CI 0.81 to
    0.98)"), and a run of them holds at most one value of each form (one
    estimate, one change in words, one set of two-arm counts). A ratio and words
    further apart in a sentence may be about different things ("mortality was
    lower (HR 0.83), although costs were 20% higher"), and a wrong pairing would
    be a false alarm.
    """
    run: list[tuple[DataPath, Value]] = []
    previous_end = -1
    for position, (candidate, value) in enumerate(candidates):
        if not isinstance(value, Estimate | RelativeChange | TwoArms):
            continue
        if run and (previous_end > candidate.start or _JOINED.fullmatch(text, previous_end, candidate.start) is None):
            yield from _checkable(run)
            run = []
        run.append((_path(position), value))
        previous_end = candidate.end
    yield from _checkable(run)


def _checkable(run: list[tuple[DataPath, Value]]) -> Iterator[list[tuple[DataPath, Value]]]:
    forms = [type(value) for _path_of, value in run]
    if len(run) > 1 and len(set(forms)) == len(forms):
        yield run


def _statistic_row(candidate: Candidate, value: TestStatistic,
                   locate: Callable[[int], str] | None) -> StatisticRow | None:
    checked = statcheck_verdict(value)
    if checked is None or value.p is None:
        return None
    reported, verdict = checked
    return StatisticRow(candidate.line, candidate.words, value.test, reported.df1, reported.df2, value.statistic.value,
                        value.p.comparator, value.p.value.value if value.p.value is not None else None,
                        verdict.computed_p, verdict.error, verdict.decision_error,
                        verdict.one_tailed or value.one_tailed,
                        locate(candidate.line) if locate is not None else None)
