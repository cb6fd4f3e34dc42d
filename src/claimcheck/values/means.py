"""Means as GRIM and GRIMMER read them: ``M = 3.48, SD = 1.20, n = 25``, optionally ``items = 3``.

The items are taken to be integer-valued (a Likert scale, a count), each
person's score the mean of ``items`` of them (1 when not given).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.values.base import MEAN, SIGNED_NUMBER, Number, Said, ValueSyntaxError, read_number

_KEYS = {"m": "mean", "mean": "mean", "sd": "sd", "s.d.": "sd", "n": "n", "items": "items"}
_PAIR = re.compile(rf"^(m|mean|sd|s\.d\.|n|items)\s*[=:]?\s*({SIGNED_NUMBER})$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[,;]\s*|\s*\(\s*|\s*\)\s*")


@dataclass(frozen=True)
class Mean:
    """A mean as written, with its SD, sample size and number of items when given."""

    text: str = field(compare=False)
    mean: Number
    sd: Number | None = None
    n: int | None = None
    items: int = 1
    dimension: str = MEAN

    def describe(self) -> str:
        words = [f"M = {self.mean.text}"]
        if self.sd is not None:
            words.append(f"SD = {self.sd.text}")
        if self.n is not None:
            words.append(f"n = {self.n}")
        if self.items != 1:
            words.append(f"items = {self.items}")
        return ", ".join(words)

    def to_json(self) -> dict[str, Any]:
        return {"form": "mean", "dimension": self.dimension, "mean": self.mean.to_json(),
                "sd": self.sd.to_json() if self.sd is not None else None, "n": self.n, "items": self.items}


def parse(said: Said) -> Mean | None:
    lowered = said.lowered
    if not lowered.startswith("m"):
        return None
    parts = [part for part in _SEPARATORS.split(said.text.strip()) if part]
    found: dict[str, Number] = {}
    for position, part in enumerate(parts):
        match = _PAIR.match(part)
        if not match:
            if position == 0:
                return None
            raise ValueSyntaxError(said.raw, (
                f"`{said.raw}`: cannot read `{part}`; a mean is written M = 3.48, SD = 1.20, n = 25, "
                "items = 3 (SD, n and items optional)"))
        key = _KEYS[match.group(1).lower()]
        if position == 0 and key != "mean":
            return None
        if key in found:
            raise ValueSyntaxError(said.raw, f"`{said.raw}` gives {match.group(1)} twice")
        found[key] = read_number(match.group(2), said.raw)
    n, items = (_whole(said.raw, key, found.get(key)) for key in ("n", "items"))
    return Mean(said.raw, found["mean"], found.get("sd"), n, items if items is not None else 1)


def _whole(raw: str, key: str, number: Number | None) -> int | None:
    if number is None:
        return None
    if number.decimals > 0 or number.value < 1:
        raise ValueSyntaxError(raw, f"`{raw}`: {key} must be a whole number of at least 1")
    return int(number.value)
