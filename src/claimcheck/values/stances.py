"""Stances: the answer to a yes/no proposition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimcheck.values.base import STANCE, Said

YES, NO, UNCERTAIN = "yes", "no", "uncertain"

_STANCES = {"yes": YES, "true": YES, "no": NO, "false": NO, "uncertain": UNCERTAIN,
            "unknown": UNCERTAIN, "unclear": UNCERTAIN}


@dataclass(frozen=True)
class Stance:
    """A yes/no proposition's answer: yes, no or uncertain."""

    text: str
    stance: str
    dimension: str = STANCE

    def describe(self) -> str:
        return self.stance

    def to_json(self) -> dict[str, Any]:
        return {"form": "stance", "dimension": self.dimension, "stance": self.stance}


def parse(said: Said) -> Stance | None:
    stance = _STANCES.get(said.lowered)
    return Stance(said.raw, stance) if stance is not None else None


def of_boolean(value: bool) -> Stance:
    """YAML's `yes`/`no`/`true`/`false`, which arrive as booleans."""
    stance = YES if value else NO
    return Stance(stance, stance)
