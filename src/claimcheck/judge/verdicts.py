"""The words of comparison and grading, in order: verdicts, claim statuses and grades,
and the marks that go with them in every output (a mark never stands without its word).

Kept apart from the layers that compute them so that the command line can
offer them as choices without importing those layers (start-up stays fast).
"""

from __future__ import annotations

from typing import Literal

Verdict = Literal["agree", "not-comparable", "tension", "conflict"]
Status = Literal["agree", "not-comparable", "tension", "conflict", "single-source"]
STATUSES: tuple[Status, ...] = ("single-source", "agree", "not-comparable", "tension", "conflict")
#: How bad a verdict or status is: a claim's status is its worst pair's verdict. `not-comparable`
#: (two values on measures that cannot be set against each other, such as an odds ratio and a hazard
#: ratio) is worse than agreement, since nothing was found to agree, and better than a tension, since
#: nothing was found to disagree either.
SEVERITY: dict[str, int] = {"agree": 0, "single-source": 0, "not-comparable": 1, "tension": 2, "conflict": 3}
#: The verdicts that are disagreements: those `accepted` acknowledges and `conflicts --fail` may fail
#: on. `not-comparable` is not one of them: it is listed by `conflicts`, never shown as agreement,
#: and never fails.
DISAGREEMENTS: tuple[Verdict, ...] = ("tension", "conflict")

Grade = Literal["very-low", "low", "moderate", "high"]
GRADES: tuple[Grade, ...] = ("very-low", "low", "moderate", "high")

#: The symbol shown beside each verdict or status, so that it reads without colour.
VERDICT_SYMBOLS: dict[str, str] = {"agree": "✓", "single-source": "•", "not-comparable": "⊘", "tension": "≈",
                                   "conflict": "✗"}
#: A grade as filled dots out of four, beside its word.
GRADE_MARKS: dict[str, str] = {"high": "●●●●", "moderate": "●●●○", "low": "●●○○", "very-low": "●○○○"}
