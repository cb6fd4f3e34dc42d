"""How much information an effect rests on, against GRADE's optimal information size (OIS).

GRADE's rules of thumb for when the OIS is not calculated (GRADE handbook, "Imprecision"; Guyatt et
al., GRADE guidelines 6, J Clin Epidemiol 2011;64:1283): fewer than 300 events for a dichotomous
outcome, or fewer than 400 participants for a continuous one, is short of it. docs/grading.md
gives the sources.

Each independent study's size is read from the values its entries give, the most specific first:

* two-arm counts ``k/n vs k/n``: participants n + n and events k + k (the largest count of the study);
* a mean's ``n``;
* a test statistic's sample: chi-square's ``N``; t and r: whole degrees of freedom + 2 (a comparison
  of two groups, or a correlation); F: df1 + df2 + 1 (a one-way comparison of df1 + 1 groups);
* the study's registered ``sample_size``.

What is not known is said, never guessed (precision first): a dichotomous outcome's events are known
only from two-arm counts, though fewer than 300 participants means fewer than 300 events; an outcome
of unknown kind (a p-value alone, a z) is short only when it has fewer than 300 participants, which
misses both rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from claimcheck.registry.index import RegistryIndex
from claimcheck.values import Mean, RelativeChange, TestStatistic, TwoArms, Value

DICHOTOMOUS, CONTINUOUS, UNKNOWN = "dichotomous", "continuous", "unknown"
#: GRADE's rules of thumb for the optimal information size.
OIS_EVENTS = 300
OIS_PARTICIPANTS = 400
#: The kind of outcome each measure is on (a relative change in words is a ratio of risks).
MEASURE_OUTCOMES = {"RR": DICHOTOMOUS, "OR": DICHOTOMOUS, "HR": DICHOTOMOUS, "IRR": DICHOTOMOUS,
                    "RD": DICHOTOMOUS, "ratio": DICHOTOMOUS, "MD": CONTINUOUS, "SMD": CONTINUOUS}
#: Test statistics on a continuous outcome (t, F, r) and on counts (chi-square).
TEST_OUTCOMES = {"t": CONTINUOUS, "F": CONTINUOUS, "r": CONTINUOUS, "chi2": DICHOTOMOUS}


@dataclass(frozen=True)
class StudySize:
    """One study's participants and events, each None when not known, and how the participants were read."""

    study: str
    participants: int | None
    events: int | None
    basis: str


@dataclass(frozen=True)
class Verdict:
    """Whether the information is short of the OIS (None: not known), in words that name the numbers."""

    short: bool | None
    words: str


@dataclass(frozen=True)
class InformationSize:
    """The participants and events of the studies behind an effect, and the kind of outcome it is on."""

    outcome: str
    studies: tuple[StudySize, ...]

    @property
    def participants(self) -> int | None:
        sizes = [s.participants for s in self.studies]
        return sum(s for s in sizes if s is not None) if sizes and None not in sizes else None

    @property
    def events(self) -> int | None:
        counts = [s.events for s in self.studies]
        return sum(c for c in counts if c is not None) if counts and None not in counts else None

    def verdict(self) -> Verdict:
        if self.outcome == DICHOTOMOUS:
            return self._dichotomous()
        if self.outcome == CONTINUOUS:
            return self._continuous()
        return self._unknown()

    def _dichotomous(self) -> Verdict:
        events, participants = self.events, self.participants
        target = f"the {OIS_EVENTS} events of the optimal information size for a dichotomous outcome"
        if events is not None:
            shown = f"{_count(events, 'event')} ({self._listed('events')})"
            if events < OIS_EVENTS:
                return Verdict(True, f"{shown} {'is' if events == 1 else 'are'} fewer than {target}")
            return Verdict(False, f"{shown} reach {target}")
        if participants is not None and participants < OIS_EVENTS:
            return Verdict(True, f"{_count(participants, 'participant')} ({self._listed('participants')}) "
                           f"hold fewer than {target}")
        known = f"{_count(participants, 'participant')} ({self._listed('participants')}), but " if participants else ""
        return Verdict(None, f"{known}the number of events is not known (no two-arm counts), so the optimal "
                       f"information size ({OIS_EVENTS} events for a dichotomous outcome) is not checked")

    def _continuous(self) -> Verdict:
        participants = self.participants
        target = f"the {OIS_PARTICIPANTS} participants of the optimal information size for a continuous outcome"
        if participants is None:
            return Verdict(None, "the number of participants is not known (no n, degrees of freedom or "
                           f"sample_size), so the optimal information size ({OIS_PARTICIPANTS} participants for a "
                           "continuous outcome) is not checked")
        shown = f"{_count(participants, 'participant')} ({self._listed('participants')})"
        if participants < OIS_PARTICIPANTS:
            return Verdict(True, f"{shown} {'is' if participants == 1 else 'are'} fewer than {target}")
        return Verdict(False, f"{shown} reach {target}")

    def _unknown(self) -> Verdict:
        participants = self.participants
        rules = (f"the optimal information size ({OIS_EVENTS} events for a dichotomous outcome, "
                 f"{OIS_PARTICIPANTS} participants for a continuous one)")
        if participants is None:
            return Verdict(None, f"the number of participants is not known, so {rules} is not checked")
        shown = f"{_count(participants, 'participant')} ({self._listed('participants')})"
        if participants < OIS_EVENTS:
            return Verdict(True, f"{shown} fall short of {rules} whatever the kind of outcome")
        return Verdict(None, f"{shown}, but the values do not say whether the outcome is dichotomous or "
                       f"continuous, so {rules} is not checked")

    def _listed(self, what: str) -> str:
        if len(self.studies) == 1:
            return self.studies[0].basis
        return ", ".join(f"{s.study} {getattr(s, what):,}" for s in self.studies)


def study_sizes(index: RegistryIndex, claim_position: int, studies: Iterable[str]) -> tuple[StudySize, ...]:
    """Each study's size, read from the claim's entries that rest on it alone, else its `sample_size`."""
    wanted = sorted(set(studies))
    values: dict[str, list[Value]] = {study: [] for study in wanted}
    claim = index.registry.claims[claim_position]
    for position in range(len(claim.evidence)):
        key = (claim_position, position)
        roots = index.roots.get(key, frozenset())
        value = index.values.get(key)
        if value is not None and len(roots) == 1 and (study := next(iter(roots))) in values:
            values[study].append(value)
    return tuple(_size(index, study, values[study]) for study in wanted)


def _size(index: RegistryIndex, study: str, values: list[Value]) -> StudySize:
    arms = [v for v in values if isinstance(v, TwoArms) and v.treatment.n + v.control.n > 0]
    if arms:
        largest = max(arms, key=lambda a: a.treatment.n + a.control.n)
        return StudySize(study, largest.treatment.n + largest.control.n, largest.treatment.k + largest.control.k,
                         f"`{largest.text}`")
    read = [size for size in (_participants_of(v) for v in values) if size is not None]
    if read:
        participants, basis = max(read)
        return StudySize(study, participants, None, basis)
    source = index.sources.get(study)
    if source is not None and source.sample_size is not None:
        return StudySize(study, source.sample_size, None, f"sample_size of {study}")
    return StudySize(study, None, None, "")


def _participants_of(value: Value) -> tuple[int, str] | None:
    """Participants a mean or a test statistic states, with how they were read."""
    if isinstance(value, Mean):
        return (value.n, f"`{value.text}`") if value.n is not None else None
    if not isinstance(value, TestStatistic):
        return None
    if value.n is not None:
        return value.n, f"N = {value.n:,} of the {value.test} test"
    df = [number for number in value.df]
    if not df or any(number.decimals > 0 or number.value < 1 for number in df):
        return None  # no df (z), or a fractional df (Welch's t), which does not give the sample
    if value.test in ("t", "r"):
        n = int(df[0].value) + 2
        return n, f"{value.test}({df[0].text}): {df[0].text} degrees of freedom + 2"
    if value.test == "F":
        n = int(df[0].value) + int(df[1].value) + 1
        return n, f"F({df[0].text}, {df[1].text}): {df[0].text} + {df[1].text} degrees of freedom + 1"
    return None  # a chi-square's df counts categories, Cochran's Q's studies


def outcome_of_values(values: Iterable[Value]) -> str:
    """The kind of outcome values without an effect interval are on: continuous for means and t, F, r,
    dichotomous for chi-square, counts and relative changes; p-values and statements of significance
    say nothing of it."""
    kinds = set()
    for value in values:
        if isinstance(value, Mean):
            kinds.add(CONTINUOUS)
        elif isinstance(value, TestStatistic):
            kinds.add(TEST_OUTCOMES.get(value.test, UNKNOWN))
        elif isinstance(value, (TwoArms, RelativeChange)):
            kinds.add(DICHOTOMOUS)
    return kinds.pop() if len(kinds) == 1 else UNKNOWN


def _count(n: int | None, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
