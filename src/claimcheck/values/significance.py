"""p-values alone (``p = 0.04``, ``p < .05``) and statements of significance (``significant``, ``NS``)."""

from __future__ import annotations

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
    if not lowered.startswith("p"):
        return None
    p = read_p(said.text, said.raw)
    if p is None or p.value is None:
        return None
    return PValue(said.raw, p.comparator, p.value)
