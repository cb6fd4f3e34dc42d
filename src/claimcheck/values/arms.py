"""Two-arm counts: ``482/2104 vs 1110/4321``, the treatment arm first.

From them follow the crude risk ratio, odds ratio and risk difference (the
statistics layer computes them with their intervals); validate checks that
a crude estimate written beside them agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.values.base import EFFECT, Interval, Number, Said, ValueSyntaxError, format_number, read_number
from claimcheck.values.effects import BINARY

_PERCENT = r"\d+(?:\.\d+)?|\.\d+"
_ARM = rf"(-?\d+)\s*(?:/|of|out of)\s*(-?\d+)(?:\s*\(\s*({_PERCENT})\s*%\s*\))?"
_SEPARATOR = r"\s+(?:vs\.?|versus|v\.?|compared with|against)\s+"
_TWO_ARMS = re.compile(rf"^{_ARM}{_SEPARATOR}{_ARM}$")


@dataclass(frozen=True)
class Arm:
    """One arm's k of n, and the percentage written beside it, if any."""

    k: int
    n: int
    stated_percent: Number | None = None

    @property
    def percent(self) -> float | None:
        return 100.0 * self.k / self.n if self.n else None

    @property
    def stated_interval(self) -> Interval | None:
        """The percentages the stated one allows at its precision, rounding either way."""
        return self.stated_percent.rounding if self.stated_percent is not None else None

    def describe(self) -> str:
        shown = f" ({self.stated_percent.text}%)" if self.stated_percent is not None else ""
        return f"{self.k}/{self.n}{shown}"

    def to_json(self) -> dict[str, Any]:
        return {"k": self.k, "n": self.n,
                "stated_percent": self.stated_percent.to_json() if self.stated_percent is not None else None}


@dataclass(frozen=True)
class TwoArms:
    """Events in a treatment arm and a control arm, as ``k/n vs k/n``."""

    text: str = field(compare=False)
    treatment: Arm
    control: Arm
    dimension: str = EFFECT
    outcome: str = BINARY

    @property
    def arms(self) -> tuple[Arm, Arm]:
        return self.treatment, self.control

    def describe(self) -> str:
        return f"{self.treatment.describe()} vs {self.control.describe()}"

    def shares(self) -> str:
        """The two arms as percentages, for messages: ``22.91% vs 25.69%``."""
        return " vs ".join(format_number(round(arm.percent, 2)) + "%" if arm.percent is not None else "n/a"
                           for arm in self.arms)

    def to_json(self) -> dict[str, Any]:
        return {"form": "two-arms", "dimension": self.dimension, "treatment": self.treatment.to_json(),
                "control": self.control.to_json()}


def parse(said: Said) -> TwoArms | None:
    if " v" not in said.lowered and " against " not in said.lowered and " compared " not in said.lowered:
        return None
    match = _TWO_ARMS.match(said.lowered)
    if not match:
        return None
    groups = match.groups()
    return TwoArms(said.raw, _arm(said.raw, *groups[:3]), _arm(said.raw, *groups[3:]))


def _arm(raw: str, k_text: str, n_text: str, percent: str | None) -> Arm:
    if k_text.startswith("-") or n_text.startswith("-"):
        raise ValueSyntaxError(raw, f"`{raw}`: a count cannot be negative")
    k, n = (int(read_number(text, raw).value) for text in (k_text, n_text))
    return Arm(k, n, read_number(percent, raw) if percent else None)
