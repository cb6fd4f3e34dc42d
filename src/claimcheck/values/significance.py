"""p-values alone (``p = 0.04``, ``p < .05``) and statements of significance (``significant``, ``NS``).

Statements of no effect are statements of significance too: ``did not reduce``,
``not associated with``, ``no significant difference`` (each may name what, in
up to six words: ``did not reduce 28-day mortality``) say that the comparison is
not significant at the usual 5%. They say nothing of the direction: a drug that
"did not reduce" deaths may have raised them a little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.values.base import EFFECT, Said
from claimcheck.values.parts import PValue, read_p

_SIGNIFICANT = ("significant", "statistically significant", "significantly different",
                "statistically significantly different", "a significant difference",
                "a statistically significant difference", "significant difference",
                "statistically significant difference")
_NOT_SIGNIFICANT = ("not significant", "not statistically significant", "non-significant", "nonsignificant",
                    "non significant", "ns", "n.s.", "n.s", "no significant difference",
                    "no statistically significant difference", "not significantly different",
                    "not statistically significantly different")
_STATEMENTS = {**{words: True for words in _SIGNIFICANT}, **{words: False for words in _NOT_SIGNIFICANT}}


_NO_EFFECT_VERBS = ("reduce", "lower", "decrease", "cut", "prevent", "improve", "increase", "raise", "change",
                    "affect", "alter", "shorten", "prolong", "extend", "benefit")
_WHAT = r"(?:\s+[^\s\d][^\s]*|\s+\d+-[^\s\d][^\s]*){0,6}"
#: "did not reduce", "failed to significantly lower mortality", "was not associated with death",
#: "no significant difference in mortality": each says the comparison is not significant.
_NO_EFFECT = re.compile(
    rf"^(?:(?:did|does|do|could)\s+not|didn't|doesn't|failed\s+to)\s+(?:significantly\s+)?"
    rf"(?:{'|'.join(_NO_EFFECT_VERBS)}){_WHAT}$"
    rf"|^(?:(?:was|were|is|are)\s+)?not\s+(?:significantly\s+|statistically\s+significantly\s+)?associated"
    rf"(?:\s+with{_WHAT})?$"
    rf"|^no\s+(?:statistically\s+)?significant\s+(?:difference|effect|reduction|increase|change|association|benefit)"
    rf"(?:\s+(?:in|on|of|with|between|for){_WHAT})?$")


@dataclass(frozen=True)
class Significance:
    """A statement that a comparison is, or is not, statistically significant (at the usual 5%)."""

    text: str = field(compare=False)
    significant: bool
    dimension: str = EFFECT

    def describe(self) -> str:
        return "significant" if self.significant else "not significant"

    def to_json(self) -> dict[str, Any]:
        return {"form": "significance", "dimension": self.dimension, "significant": self.significant}


def parse(said: Said) -> Significance | PValue | None:
    lowered = said.lowered.rstrip(".") if said.lowered not in ("n.s.",) else said.lowered
    statement = _STATEMENTS.get(lowered)
    if statement is not None:
        return Significance(said.raw, statement)
    if _NO_EFFECT.match(lowered):
        return Significance(said.raw, False)
    if not lowered.startswith("p"):
        return None
    p = read_p(said.text, said.raw)
    if p is None or p.value is None:
        return None
    return PValue(said.raw, p.comparator, p.value)
