"""The summary-of-findings table of `claimcheck sof`: GRADE's layout, one row per claim, as plain data.

Each row gives what GRADEpro's table gives (Guyatt et al., GRADE guidelines 12, J Clin Epidemiol
2013;66:158-172): the outcome (the claim's statement), participants and studies, the relative
effect with its 95% interval, the anticipated absolute effects per 1,000, the certainty with its
symbols, a footnote for every reason that moved the certainty, and the plain-language statement.

Absolute effects follow the Cochrane Handbook (5.1, section 11.5.5): from an assumed control
risk (ACR), the risk with the intervention is ACR x RR for a risk ratio, ACR x OR / (1 - ACR +
ACR x OR) for an odds ratio, 1 - (1 - ACR)^HR for a hazard ratio; the same formula applied to the
ends of the relative effect's interval gives the interval of the risk and of the difference. A
risk difference is used as it is. The control risk is GRADEpro's "study population" risk: the
control arms' events over their participants, summed over the studies in the estimate, taken
from the registered two-arm counts (`k/n vs k/n`; one count per study, its largest).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.judge.pooling import PROPORTION, ClaimPool, StudyEstimate, claim_estimates
from claimcheck.judge.verdicts import Grade
from claimcheck.values import TwoArms
from claimcheck.views.report import Report, plain_statement

#: GRADE's certainty symbols (GRADE Handbook 5.1, "Summary of findings tables").
SYMBOLS: dict[str, str] = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕◯", "low": "⊕⊕◯◯", "very-low": "⊕◯◯◯"}
WORDS: dict[str, str] = {"high": "High", "moderate": "Moderate", "low": "Low", "very-low": "Very low"}
Z95 = 1.959963984540054
#: Designs in the participants column, as GRADEpro names them.
DESIGN_NAMES = {"rct": ("RCT", "RCTs"), "cohort": ("observational study", "observational studies"),
                "case-control": ("observational study", "observational studies"),
                "cross-sectional": ("observational study", "observational studies")}


@dataclass(frozen=True)
class Absolute:
    """Anticipated absolute effects per 1,000: the control risk, the risk with the intervention and the difference."""

    control: float
    intervention: tuple[float, float, float]
    difference: tuple[float, float, float]


def risk_with(measure: str, control: float, relative: float) -> float:
    """The risk with the intervention from the control risk and a relative effect (Handbook 11.5.5)."""
    if measure == "OR":
        return control * relative / (1 - control + control * relative)
    if measure == "HR":
        return 1 - float((1 - control) ** relative)
    return control * relative


def absolute_effects(measure: str, control: float, estimate: float, low: float, high: float) -> Absolute | None:
    """Per 1,000, for a control risk (0 to 1) and a ratio (RR, OR, HR) or a risk difference with its interval."""
    if measure in ("RR", "OR", "HR"):
        risks = tuple(1000 * risk_with(measure, control, x) for x in (estimate, low, high))
    elif measure == "RD":
        risks = tuple(1000 * (control + x) for x in (estimate, low, high))
    else:
        return None
    base = 1000 * control
    centre, a, b = risks
    return Absolute(base, (centre, min(a, b), max(a, b)), (centre - base, min(a, b) - base, max(a, b) - base))


def per_thousand(difference: tuple[float, float, float]) -> str:
    """`28 fewer per 1,000 (from 48 fewer to 8 fewer)`, as GRADEpro words a difference."""
    def words(x: float) -> str:
        n = round(x)
        return "0 fewer" if n == 0 else f"{abs(n):,} {'fewer' if n < 0 else 'more'}"

    centre, low, high = difference
    return f"{words(centre)} per 1,000 (from {words(low)} to {words(high)})"


def sof_rows(report: Report, claim_ids: Sequence[str] = (), tags: Sequence[str] = ()) -> list[dict[str, Any]]:
    """One row per checked claim chosen by id or tag (all checked claims when neither is given), in file order."""
    rows = []
    for comparison in report.comparisons:
        claim = comparison.claim
        if claim_ids and claim.id not in claim_ids:
            continue
        if tags and not set(tags) & set(claim.tags):
            continue
        rows.append(sof_row(report, comparison.claim_position))
    return rows


def sof_row(report: Report, position: int) -> dict[str, Any]:
    comparison = next(c for c in report.comparisons if c.claim_position == position)
    claim = comparison.claim
    grade = report.grades[claim.id]
    pool = grade.pool if grade.pool is not None and grade.pool.measure != PROPORTION else None
    single = None
    if pool is None:
        best = claim_estimates(report.index, comparison, grade.excluded).best_single()
        single = best if best is not None and best[0] != PROPORTION else None
    studies = pool.studies if pool is not None else ((single[1],) if single is not None else ())
    measure = pool.measure if pool is not None else single[0] if single is not None else None
    control = _control_risk(report, position, studies)
    relative = None
    absolute = None
    if measure is not None and grade.effect is not None:
        effect = grade.effect
        relative = {"measure": measure, "estimate": effect.estimate, "low": effect.low, "high": effect.high,
                    "shown": _relative_shown(measure, effect.estimate, effect.low, effect.high, pool)}
        if control is not None:
            absolute = absolute_effects(measure, control[0] / control[1], effect.estimate, effect.low, effect.high)
    participants = _participants(report, position, studies)
    if participants is None and grade.information is not None:
        participants = grade.information.participants  # a mean's n, a test's df, or sample_size (grading)
    return {
        "claim": claim.id,
        "outcome": claim.statement,
        "participants": participants,
        "studies": len(studies) if studies else grade.independent_studies,
        "design": _design_shown(report, studies, grade.independent_studies),
        "participants_shown": _participants_shown(participants, report, studies, grade.independent_studies),
        "relative": relative,
        "control_risk": None if control is None else {"events": control[0], "participants": control[1],
                                                      "per_1000": 1000 * control[0] / control[1]},
        "absolute": None if absolute is None else {
            "control_per_1000": absolute.control,
            "intervention_per_1000": list(absolute.intervention),
            "difference_per_1000": list(absolute.difference),
            "shown": per_thousand(absolute.difference),
        },
        "certainty": grade.grade,
        "certainty_shown": f"{SYMBOLS[grade.grade]} {WORDS[grade.grade]}",
        "footnotes": footnotes(grade.reasons),
        "plain_language": plain_statement(claim, grade),
    }


def footnotes(reasons: Sequence[str]) -> list[str]:
    """Every reason that moved the certainty up or down (and every one that was considered and not applied)."""
    return [reason[0].upper() + reason[1:] for reason in reasons
            if reason.startswith(("down ", "up ", "not rated up", "excluded as"))]


def _relative_shown(measure: str, estimate: float, low: float, high: float, pool: ClaimPool | None) -> str:
    label = measure.split(":", 1)[0]
    unit = f" {measure.split(':', 1)[1]}" if ":" in measure and measure.split(":", 1)[1] else ""
    if measure == "RD":
        return f"RD {100 * estimate:.1f} pp (95% CI {100 * low:.1f} to {100 * high:.1f})"
    return f"{label} {_figure(estimate)}{unit} (95% CI {_figure(low)} to {_figure(high)}{unit})"


def _figure(x: float) -> str:
    if not math.isfinite(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:.2f}" if abs(x) < 10 else f"{x:.1f}"


def _two_arms_by_study(report: Report, position: int, studies: Sequence[StudyEstimate]) -> dict[str, TwoArms]:
    """One two-arm count per study in the estimate: the largest registered for it."""
    wanted = {s.study for s in studies}
    found: dict[str, TwoArms] = {}
    claim = report.index.registry.claims[position]
    for entry_position in range(len(claim.evidence)):
        key = (position, entry_position)
        value = report.index.values.get(key)
        roots = report.index.roots.get(key, frozenset())
        if not isinstance(value, TwoArms) or len(roots) != 1:
            continue
        study = next(iter(roots))
        size = value.treatment.n + value.control.n
        if study in wanted and (study not in found or found[study].treatment.n + found[study].control.n < size):
            found[study] = value
    return found


def _control_risk(report: Report, position: int, studies: Sequence[StudyEstimate]) -> tuple[int, int] | None:
    arms = _two_arms_by_study(report, position, studies)
    events = sum(a.control.k for a in arms.values())
    total = sum(a.control.n for a in arms.values())
    return (events, total) if arms and total > 0 else None


def _participants(report: Report, position: int, studies: Sequence[StudyEstimate]) -> int | None:
    """Participants of the studies in the estimate: their two-arm counts, else their sources' sample sizes."""
    if not studies:
        return None
    arms = _two_arms_by_study(report, position, studies)
    total = 0
    for study in studies:
        if study.study in arms:
            total += arms[study.study].treatment.n + arms[study.study].control.n
            continue
        source = report.index.sources.get(study.study)
        if source is None or source.sample_size is None:
            return None
        total += source.sample_size
    return total


def _design_shown(report: Report, studies: Sequence[StudyEstimate], count: int) -> str:
    designs = {(report.index.sources[s.study].design if s.study in report.index.sources else None) for s in studies}
    n = len(studies) if studies else count
    if len(designs) == 1 and (design := next(iter(designs))) in DESIGN_NAMES:
        one, many = DESIGN_NAMES[design]
        return f"{n} {one if n == 1 else many}"
    return f"{n} {'study' if n == 1 else 'studies'}"


def _participants_shown(participants: int | None, report: Report, studies: Sequence[StudyEstimate],
                        count: int) -> str:
    design = _design_shown(report, studies, count)
    return f"{participants:,} ({design})" if participants is not None else f"— ({design})"


def certainty_shown(grade: Grade) -> str:
    return f"{SYMBOLS[grade]} {WORDS[grade]}"
