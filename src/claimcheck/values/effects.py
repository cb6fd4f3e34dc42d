"""Effect estimates: ratio measures, differences and numbers needed to treat, with their interval and p.

``RR 0.83 (95% CI 0.75-0.93); P<0.001``, ``adjusted HR 0.71``, ``aOR 1.5``,
``MD -2.1 mmHg (95% CI -3.0 to -1.2)``, ``RD -2.8 percentage points``,
``-2.8 pp``, ``ARR 2.8 pp``, ``NNT 25 (95% CI 15 to 100)``. docs/format.md
lists every spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from claimcheck.values.base import EFFECT, SIGNED_NUMBER, Number, Said, ValueSyntaxError, read_number
from claimcheck.values.parts import ConfidenceInterval, PValue, read_tail

RATIO, DIFFERENCE, NUMBER_NEEDED = "ratio", "difference", "number needed"
BINARY, TIME_TO_EVENT, RATE, CONTINUOUS = "binary", "time-to-event", "rate", "continuous"


@dataclass(frozen=True)
class MeasureKind:
    """What a measure's abbreviation stands for, and how it is read."""

    name: str
    scale: str
    outcome: str
    #: The value of no effect: 1 for a ratio, 0 for a difference, none for an NNT.
    null: float | None


MEASURES: dict[str, MeasureKind] = {
    "RR": MeasureKind("risk ratio", RATIO, BINARY, 1.0),
    "OR": MeasureKind("odds ratio", RATIO, BINARY, 1.0),
    "HR": MeasureKind("hazard ratio", RATIO, TIME_TO_EVENT, 1.0),
    "IRR": MeasureKind("rate ratio", RATIO, RATE, 1.0),
    "MD": MeasureKind("mean difference", DIFFERENCE, CONTINUOUS, 0.0),
    "SMD": MeasureKind("standardised mean difference", DIFFERENCE, CONTINUOUS, 0.0),
    "RD": MeasureKind("risk difference", DIFFERENCE, BINARY, 0.0),
    "ARR": MeasureKind("absolute risk reduction", DIFFERENCE, BINARY, 0.0),
    "ARI": MeasureKind("absolute risk increase", DIFFERENCE, BINARY, 0.0),
    "NNT": MeasureKind("number needed to treat", NUMBER_NEEDED, BINARY, None),
    "NNH": MeasureKind("number needed to harm", NUMBER_NEEDED, BINARY, None),
}

#: Measures of a share of people, written in percentage points (``pp``, ``%``) or as a fraction.
_RISK_DIFFERENCES = frozenset({"RD", "ARR", "ARI"})
PERCENTAGE_POINTS = "pp"

_NAMES: dict[str, str] = {
    "rr": "RR", "risk ratio": "RR", "relative risk": "RR",
    "or": "OR", "odds ratio": "OR",
    "hr": "HR", "hazard ratio": "HR",
    "irr": "IRR", "rate ratio": "IRR", "incidence rate ratio": "IRR",
    "md": "MD", "mean difference": "MD", "difference in means": "MD",
    "smd": "SMD", "standardised mean difference": "SMD", "standardized mean difference": "SMD",
    "rd": "RD", "risk difference": "RD", "absolute risk difference": "RD",
    "arr": "ARR", "absolute risk reduction": "ARR",
    "ari": "ARI", "absolute risk increase": "ARI",
    "nnt": "NNT", "nntb": "NNT", "number needed to treat": "NNT",
    "nnh": "NNH", "nnth": "NNH", "number needed to harm": "NNH",
}
#: Abbreviations that stand for more than one measure: `RR` is a risk ratio, and also what many
#: reports call a rate ratio (the spelt-out names are unambiguous).
_ALSO_READ_AS: dict[str, tuple[str, ...]] = {"rr": ("IRR",)}
#: Abbreviations that carry "adjusted" in a leading a: aOR, aHR, aIRR, and aRR (while ARR is a risk reduction).
_ADJUSTED_ABBREVIATIONS = {"aor": "OR", "ahr": "HR", "airr": "IRR"}
_PREFIXES = {"adjusted": True, "adj.": True, "adj": True, "crude": False, "unadjusted": False}
_MARKERS = frozenset({"adjusted", "crude", "unadjusted"})

_NAME_PATTERN = "|".join(sorted((re.escape(name) for name in (*_NAMES, *_ADJUSTED_ABBREVIATIONS)),
                                key=len, reverse=True))
_HEAD = re.compile(
    rf"^(?:((?:[a-z]+-|fully\s+|multivariable\s+|multivariate\s+)?adjusted|adj\.?|crude|unadjusted)\s+)?({_NAME_PATTERN})(?![a-z])\s*[:=,]?\s*({SIGNED_NUMBER})(.*)$",
    re.IGNORECASE)
_BARE_RISK_DIFFERENCE = re.compile(
    rf"^({SIGNED_NUMBER})\s*(pp|percentage points?|%\s*points?)(?![a-z])(.*)$", re.IGNORECASE)
_PP_UNITS = re.compile(r"^(?:pp|percentage points?|%|% ?points?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Estimate:
    """One effect estimate, with the interval and p-value written beside it.

    ``measure`` is the abbreviation (RR, OR, HR, IRR, MD, SMD, RD, ARR, ARI, NNT,
    NNH); ``adjusted`` marks an estimate from a model (aRR, adjusted HR), which
    raw counts cannot reproduce; ``unit`` is a difference's unit as written
    (``mmHg``), ``pp`` for percentage points, or empty. ``also_read_as`` names the
    other measures its abbreviation may stand for: ``RR`` is read as a risk ratio,
    and also as a rate ratio (IRR), with which the comparison may set it.
    """

    text: str = field(compare=False)
    measure: str
    estimate: Number
    ci: ConfidenceInterval | None = None
    p: PValue | None = None
    adjusted: bool = False
    unit: str = ""
    also_read_as: tuple[str, ...] = ()
    dimension: str = EFFECT

    @property
    def kind(self) -> MeasureKind:
        return MEASURES[self.measure]

    @property
    def scale(self) -> str:
        return self.kind.scale

    @property
    def null(self) -> float | None:
        return self.kind.null

    @property
    def outcome(self) -> str:
        return self.kind.outcome

    @property
    def in_percentage_points(self) -> bool:
        return self.unit == PERCENTAGE_POINTS

    def describe(self) -> str:
        words = ["adjusted " if self.adjusted else "", f"{self.measure} {self.estimate.text}",
                 f" {self.unit}" if self.unit else ""]
        if self.ci is not None:
            words.append(f" ({self.ci.describe()})")
        if self.p is not None:
            words.append(f", {self.p.describe()}")
        return "".join(words)

    def to_json(self) -> dict[str, Any]:
        return {"form": "estimate", "dimension": self.dimension, "measure": self.measure, "name": self.kind.name,
                "scale": self.scale, "outcome": self.outcome, "null": self.null, "adjusted": self.adjusted,
                "estimate": self.estimate.to_json(), "unit": self.unit,
                "ci": self.ci.to_json() if self.ci is not None else None,
                "p": self.p.to_json() if self.p is not None else None}


def parse(said: Said) -> Estimate | None:
    head = _HEAD.match(said.text)
    if head:
        prefix, name, number, tail = head.groups()
        measure, adjusted = _measure(name)
        if prefix:
            prefix = "adjusted" if prefix.lower().endswith("adjusted") and prefix.lower() != "unadjusted" else prefix
            adjusted = adjusted or _PREFIXES[prefix.lower()]
            if not _PREFIXES[prefix.lower()] and re.search(r"[,;(]\s*adjusted\b", tail, re.IGNORECASE):
                raise ValueSyntaxError(said.raw, f"`{said.raw}` calls the estimate both {prefix} and adjusted")
        estimate = _estimate(said, measure, read_number(number, said.raw), tail, adjusted)
        return replace(estimate, also_read_as=_also_read_as(name))
    bare = _BARE_RISK_DIFFERENCE.match(said.text)
    if bare:
        number, _unit, tail = bare.groups()
        return _estimate(said, "RD", read_number(number, said.raw), tail, False, unit=PERCENTAGE_POINTS)
    return None


def _also_read_as(name: str) -> tuple[str, ...]:
    """The other measures an abbreviation may stand for: `RR` and `aRR` may be rate ratios."""
    return _ALSO_READ_AS["rr"] if name.lower() == "rr" or name == "aRR" else ()


def _measure(name: str) -> tuple[str, bool]:
    if name == "aRR":
        return "RR", True
    lowered = name.lower()
    if lowered in _ADJUSTED_ABBREVIATIONS:
        return _ADJUSTED_ABBREVIATIONS[lowered], True
    return _NAMES[lowered], False


def _estimate(said: Said, measure: str, number: Number, tail_text: str, adjusted: bool,
              unit: str = "") -> Estimate:
    kind = MEASURES[measure]
    takes_unit = kind.scale == DIFFERENCE and measure != "SMD" and not unit
    tail = read_tail(tail_text, said.raw, markers=_MARKERS, unit=takes_unit, what=f"a {kind.name}")
    if "adjusted" in tail.markers:
        adjusted = True
    if tail.unit:
        unit = tail.unit
        if measure in _RISK_DIFFERENCES:
            if not _PP_UNITS.match(unit):
                raise ValueSyntaxError(said.raw, (
                    f"`{said.raw}`: a {kind.name} is in percentage points (`pp`, `percentage points`, `%`) "
                    f"or a fraction without a unit, not `{unit}`"))
            unit = PERCENTAGE_POINTS
    return Estimate(said.raw, measure, number, tail.ci, tail.p, adjusted, unit)
