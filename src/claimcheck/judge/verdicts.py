"""The words of comparison and grading, in order: verdicts, claim statuses and grades,
and the marks that go with them in every output (a mark never stands without its word).

Kept apart from the layers that compute them so that the command line can
offer them as choices without importing those layers (start-up stays fast).
"""

from __future__ import annotations

from typing import Literal

Verdict = Literal["agree", "tension", "conflict"]
Status = Literal["agree", "tension", "conflict", "single-source"]
STATUSES: tuple[Status, ...] = ("single-source", "agree", "tension", "conflict")
#: How bad a verdict or status is: a claim's status is its worst pair's verdict.
SEVERITY: dict[str, int] = {"agree": 0, "single-source": 0, "tension": 1, "conflict": 2}

Grade = Literal["very-low", "low", "moderate", "high"]
GRADES: tuple[Grade, ...] = ("very-low", "low", "moderate", "high")

#: The symbol shown beside each verdict or status, so that it reads without colour.
VERDICT_SYMBOLS: dict[str, str] = {"agree": "✓", "single-source": "•", "tension": "≈", "conflict": "✗"}
#: A grade as filled dots out of four, beside its word.
GRADE_MARKS: dict[str, str] = {"high": "●●●●", "moderate": "●●●○", "low": "●●○○", "very-low": "●○○○"}
