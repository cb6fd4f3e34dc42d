"""`extract` and `coverage` as plain data, for every output format to render alike.

Kept apart from report.py so that these two commands import neither the
comparison nor the grading layer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.extract import Candidate
from claimcheck.extract.coverage import Coverage, SourceCoverage


@dataclass(frozen=True)
class ScannedDocument:
    """One document `extract` scanned: its registry id if it has one, the path it was read from."""

    source: str | None
    path: str
    candidates: Sequence[Candidate]
    #: Where a line of the document is, as a reader finds it (`p. 4, line 12` in a PDF).
    locate: Callable[[int], str] | None = None


def candidate_dict(candidate: Candidate, locate: Callable[[int], str] | None = None) -> dict[str, Any]:
    return {
        "line": candidate.line,
        "location": locate(candidate.line) if locate is not None else f"line {candidate.line}",
        "column": candidate.column,
        "kind": candidate.kind,
        "says": candidate.says,
        "quote": candidate.quote,
        "words": candidate.words,
        "sentence": candidate.sentence,
    }


def extraction_data(documents: Sequence[ScannedDocument]) -> dict[str, Any]:
    return {
        "documents": [{"source": document.source, "path": document.path,
                       "candidates": [candidate_dict(c, document.locate) for c in document.candidates]}
                      for document in documents],
        "candidates": sum(len(document.candidates) for document in documents),
    }


def coverage_data(coverage: Coverage, minimum: float | None = None,
                  not_checked: Mapping[str, int] | None = None,
                  locators: Mapping[str, Callable[[int], str]] | None = None) -> dict[str, Any]:
    """Coverage as data; the sources in `not_checked` (id -> its errors) are listed apart, not measured."""
    not_checked = not_checked or {}
    if not_checked:
        coverage = Coverage(tuple(source for source in coverage.sources if source.source_id not in not_checked))
    return {
        "candidates": coverage.candidates,
        "covered": coverage.covered,
        "percent": round(coverage.percent, 2),
        "minimum": minimum,
        "passed": minimum is None or coverage.percent >= minimum,
        "sources": [_source(source, (locators or {}).get(source.source_id)) for source in coverage.sources],
        "not_checked": [{"source": source, "errors": errors} for source, errors in not_checked.items()],
    }


def _source(source: SourceCoverage, locate: Callable[[int], str] | None) -> dict[str, Any]:
    return {
        "source": source.source_id,
        "path": source.path,
        "candidates": len(source.candidates),
        "covered": source.covered,
        "left_out": source.left_out,
        "percent": round(source.percent, 2),
        "uncovered": [candidate_dict(candidate, locate) for candidate in source.uncovered],
    }
