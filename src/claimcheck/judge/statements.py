"""Plain-language statements: the sentence GRADE recommends for an effect, by its certainty.

The wording follows GRADE's informative statements (Santesso N, Glenton C, Dahm P, et al.
GRADE guidelines 26: informative statements to communicate the findings of systematic
reviews of interventions. J Clin Epidemiol 2020;119:126-135), without their size words
("slightly", "large"), which need thresholds the registry does not state:

==========  ==========================  ==========================================
certainty   interval excludes no effect interval includes no effect
==========  ==========================  ==========================================
high        X reduces Y                 X results in little or no difference in Y
moderate    X probably reduces Y        X probably results in little or no
                                        difference in Y
low         X may reduce Y              X may result in little or no difference
                                        in Y
very-low    We are very uncertain whether X reduces Y (either way)
==========  ==========================  ==========================================

"Reduces" becomes "increases" when the estimate lies above no effect (a ratio above 1,
a difference above 0). At very low certainty the interval is not read at all: the
evidence is too uncertain to say even that there is little or no difference; an estimate
exactly at no effect gives "We are very uncertain about the effect of X on Y".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from claimcheck.judge.verdicts import Grade

Direction = Literal["reduces", "increases", "none"]

#: The rule, one line a branch, as `docs/grading.md` and `show` quote it.
RULE = ("high: X reduces Y; moderate: X probably reduces Y; low: X may reduce Y; very low: we are very "
        "uncertain whether X reduces Y; an interval that includes no effect: X (probably, may) result(s) in "
        "little or no difference in Y (GRADE guidelines 26, Santesso et al. 2020)")

_HEDGE = {"high": "", "moderate": "probably ", "low": "may "}


@dataclass(frozen=True)
class Effect:
    """An effect as the statement reads it: its estimate and 95% interval on the natural scale."""

    estimate: float
    low: float
    high: float
    ratio: bool

    @property
    def null(self) -> float:
        return 1.0 if self.ratio else 0.0

    @property
    def direction(self) -> Direction:
        if self.estimate < self.null:
            return "reduces"
        return "increases" if self.estimate > self.null else "none"

    @property
    def includes_null(self) -> bool:
        return self.low <= self.null <= self.high


def plain_language(certainty: Grade, direction: Direction, includes_null: bool,
                   intervention: str = "the intervention", outcome: str = "the outcome") -> str:
    """GRADE's informative statement for an effect of `intervention` on `outcome` (module docstring)."""
    if certainty == "very-low":
        if direction == "none":
            return f"We are very uncertain about the effect of {intervention} on {outcome}."
        return f"We are very uncertain whether {intervention} {direction[:-1]}s {outcome}."
    hedge = _HEDGE[certainty]
    subject = intervention[:1].upper() + intervention[1:]
    verb: str = "results" if includes_null or direction == "none" else direction
    if hedge == "may ":
        verb = verb[:-1]  # "may reduce", "may result"
    if includes_null or direction == "none":
        return f"{subject} {hedge}{verb} in little or no difference in {outcome}."
    return f"{subject} {hedge}{verb} {outcome}."


def statement_for(certainty: Grade, effect: Effect, intervention: str | None = None,
                  outcome: str | None = None) -> str:
    """The statement for a claim's effect, with generic words for what the registry does not name."""
    return plain_language(certainty, effect.direction, effect.includes_null,
                          intervention or "the intervention", outcome or "the outcome")
