"""Numbers as they were written: a value and the interval its digits commit to.

A number written with d decimals stands for any value that rounds to it: 0.75
is [0.745, 0.755]. Checks that compare numbers taken from a text must allow for
that, as statcheck does for test statistics, or they flag honest rounding.
The interval is taken closed at both ends, so that both rounding conventions
(half up, half to even) are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"^[-+−]?(?:\d+(?:\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class Written:
    """A number as written: its value and how many decimals it was written with."""

    value: float
    decimals: int

    @classmethod
    def parse(cls, text: str) -> Written:
        """`0.75` -> Written(0.75, 2); `-3` -> Written(-3.0, 0); `.04` -> Written(0.04, 2)."""
        cleaned = text.strip().replace("−", "-").replace(",", "")
        if not _NUMBER.match(cleaned):
            raise ValueError(f"not a number: {text!r}")
        decimals = len(cleaned.split(".", 1)[1]) if "." in cleaned else 0
        return cls(float(cleaned), decimals)

    @classmethod
    def exact(cls, value: float) -> Written:
        """A number known exactly (a count, a computed value): no rounding allowance."""
        return cls(value, 99)

    @property
    def half_unit(self) -> float:
        return 0.0 if self.decimals >= 99 else 0.5 * 10.0 ** -self.decimals

    @property
    def low(self) -> float:
        return self.value - self.half_unit

    @property
    def high(self) -> float:
        return self.value + self.half_unit

    def __str__(self) -> str:
        if self.decimals >= 99:
            return f"{self.value:g}"
        return f"{self.value:.{self.decimals}f}"
