"""The words of comparison and grading, in order: verdicts, claim statuses and grades.

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
