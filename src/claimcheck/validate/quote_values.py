"""The quote must state the value: each evidence entry's `says` read against its own quote.

A `says` is the registry's reading of its quote, so the two must agree. For
every entry whose quote was found in its document's text, the quote is read
with the finders of `claimcheck extract` and the value language, and compared
with the `says` by meaning, at the precision each was written with:

- CC330 (error): the quote states a value of the same kind, and none of what
  it states fits the `says` (`12/30 (40%)` against "11 of 30 volunteers (37%)").
- CC331 (warning): the quote states nothing of that kind, and the numbers of
  the `says` are not among its numbers (the quote may be too short to ground it).
- CC332 (warning): a stance `no` (or `uncertain`) whose quote has none of the
  words that deny or doubt (`NEGATIONS`, `DOUBTS`), for a statement that
  itself has none: precision before recall, since a stance is relative to its
  claim's statement and many true `no`s are worded as assertions.

What counts as stated (docs/rules.md, CC330):

- proportions, durations, doses and counts: a value of the same dimension read
  from the quote whose interval meets the `says`'s (so `37%` is stated by
  "11 of 30", `most` by "54%", `<10%` by "< 10%"; units are converted);
- effects (ratios, differences, NNT, relative changes, two-arm counts, test
  statistics, means, p-values): an estimate of the same measure read from the
  quote whose point estimate (and interval, when both have one) match at the
  rounding of both; else each number of the `says` among the quote's numbers
  at the rounding of both (the interval's level and a measure's name may be
  outside the quote: "0.83 (0.75 to 0.93)" states `RR 0.83 (95% CI 0.75-0.93)`),
  a ratio also as the change in words or percent it equals ("cut deaths by a
  third" states `RR 0.67`, "reduced mortality by 17%" states `RR 0.83`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimcheck.extract import proposals
from claimcheck.extract.base import NUMBER as WRITTEN_NUMBER
from claimcheck.extract.base import clean_number
from claimcheck.findings import Finding
from claimcheck.findings.rules import rule
from claimcheck.registry.index import RegistryIndex
from claimcheck.registry.quotes import QuoteMatch, display
from claimcheck.values import (
    EFFECT,
    MEAN,
    NO,
    PROPORTION,
    UNCERTAIN,
    Estimate,
    Interval,
    Mean,
    Measure,
    Number,
    RelativeChange,
    Stance,
    TestStatistic,
    TwoPercents,
    Value,
    ValueSyntaxError,
    parse,
)
from claimcheck.values.changes import show_ratio
from claimcheck.values.measures import FRACTIONS, QUALIFIERS

#: Words that deny: a quote with one of them can carry a `no`.
NEGATIONS = ("no", "not", "never", "none", "nothing", "nobody", "neither", "nor", "without", "cannot", "lack",
             "lacks", "lacking", "absence", "absent", "fail", "fails", "failed", "unable", "unlikely", "ineffective",
             "false", "myth", "refute", "refutes", "refuted", "debunked", "little", "n't")
#: Words that doubt: a quote with one of them can carry a `no` or an `uncertain`.
DOUBTS = ("may", "might", "could", "unknown", "unclear", "uncertain", "uncertainty", "unproven", "preliminary",
          "limited", "insufficient", "inconclusive", "needed", "necessary", "require", "requires", "remains",
          "remain", "whether", "possible", "possibly", "perhaps", "early", "caution", "cautious", "debate",
          "debated", "controversial", "questions", "questionable", "yet", "too soon", "too early", "weak",
          "mixed", "low certainty", "warranted", "conflicting")
_NEGATION = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in NEGATIONS if w != "n't") + r")\b|n['’]t\b"
                       r"|\bnon-?significant|\binsignificant", re.IGNORECASE)
_DOUBT = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in DOUBTS) + r")\b", re.IGNORECASE)

#: The finders that read each dimension of a measure from a quote.
_FINDERS = {"proportion": "proportion", "duration": "duration", "dose": "dose", "daily dose": "dose",
            "weight-based daily dose": "dose", "dose frequency": "dose", EFFECT: "effect", MEAN: "effect",
            "number": "count"}
_QUOTE_NUMBER = re.compile(rf"(?<![\w.·])-?{WRITTEN_NUMBER}(?![\w·]|\.\d)")
_CHANGE_VERBS = ("reduced|reduces|reduce|reducing|cut|cuts|lowered|lowers|lowering|decreased|decreases|fell|falls|"
                 "dropped|drops|declined|declines|slashed|increased|increases|raised|raises|rose|rises|boosted|grew")
_FRACTION_WORDS = "|".join(sorted((re.escape(word) for word in FRACTIONS), key=len, reverse=True))
_AMOUNT = rf"(?:(?:about|nearly|almost|more than|at least)\s+)?(?:{WRITTEN_NUMBER}\s*(?:%|percent|per\s+cent)|{_FRACTION_WORDS})"
#: "cut deaths by a third", "reduced the 28-day mortality rate by 17%": read as "cut by a third". Found from
#: the amount after "by", the verb then looked for in the few words before it (a quick search in long texts).
_BY_AMOUNT = re.compile(rf"\bby\s+({_AMOUNT})", re.IGNORECASE)
_VERB_BEFORE = re.compile(rf"\b({_CHANGE_VERBS})\b(?:\s+(?!by\b)[\w'’-]+){{0,6}}?\s+\Z", re.IGNORECASE)
_LOOK_BACK = 100
#: A `says` whose numbers are bounded or approximate, which the quote's numbers alone cannot confirm.
_QUALIFIED = re.compile(r"[<>≤≥~≈]|\b(?:" + "|".join(re.escape(word) for word, _kind in QUALIFIERS if word[0].isalpha())
                        + r")\b", re.IGNORECASE)
#: "halved", "doubled": a change in one word.
_MULTIPLIED = re.compile(r"\b(halved|doubled|tripled|trebled|quadrupled)\b", re.IGNORECASE)
#: "17% lower", "a third fewer": found from the word after the amount, the amount then looked for before it.
_CHANGE_WORD = re.compile(r"\s(lower|higher|fewer|reduction|increase|greater)\b", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(rf"({_AMOUNT})\Z", re.IGNORECASE)


@dataclass(frozen=True)
class QuoteReading:
    """What a quote states, as far as the check reads it: values of one dimension, changes, numbers."""

    values: tuple[Value, ...]
    changes: tuple[RelativeChange, ...]
    numbers: tuple[Number, ...]

    def of_type(self, kind: type) -> list[Any]:
        return [value for value in self.values if isinstance(value, kind)]


def check_says_against_quotes(index: RegistryIndex) -> Iterator[Finding]:
    for key, claim, evidence in index.evidence():
        value = index.values.get(key)
        if value is None or not isinstance(index.grounding.get(key), QuoteMatch):
            continue
        found = judge_entry(value, evidence.quote, claim.statement)
        if found is not None:
            code, message = found
            yield Finding(rule(code), message, path=index.evidence_path(key) + ("says",))


def judge_entry(value: Value, quote: str, statement: str) -> tuple[str, str] | None:
    """The finding (rule name and message) for a `says` its quote does not state, or None."""
    if isinstance(value, Stance):
        return _judge_stance(value, quote, statement)
    if _word_for_word(value.text, quote):
        return None
    if isinstance(value, Measure):
        return _judge_measure(value, quote)
    reading = read_quote(quote, value.dimension)
    if isinstance(value, Estimate | RelativeChange):
        return _judge_effect(value, reading)
    return _judge_numbers(value, reading)


@lru_cache(maxsize=4096)
def read_quote(quote: str, dimension: str) -> QuoteReading:
    """The values of one dimension, the changes in words and the numbers that a quote states."""
    text = display(quote).replace("[…]", "\n")
    kind = _FINDERS.get(dimension)
    values = [value for value in _parsed(proposals(text, kind)) if value.dimension == dimension] if kind else []
    changes = [v for v in _parsed(_change_phrases(text)) if isinstance(v, RelativeChange)] if dimension == EFFECT else []
    changes += [value for value in values if isinstance(value, RelativeChange)]  # "VE 95% (...)", "95% effective"
    return QuoteReading(tuple(values), tuple(changes), tuple(_numbers(text)))


def _word_for_word(said: str, quote: str) -> bool:
    """Whether the quote holds the `says` itself, between word boundaries (case and white space aside)."""
    said, lowered = " ".join(said.lower().split()), " ".join(quote.lower().split())
    start = lowered.find(said)
    while start >= 0:
        end = start + len(said)
        if not (start and lowered[start - 1].isalnum()) and not (end < len(lowered) and lowered[end].isalnum()):
            return True
        start = lowered.find(said, start + 1)
    return False


def _plainly_stated(value: Measure, quote: str) -> bool:
    """Whether the quote holds a proportion's every number as written (the quick answer for most entries).

    A qualified proportion (`over 50%`) is left to the closer reading, since the
    quote's numbers alone cannot confirm it.
    """
    said = value.text.lower()
    if value.dimension != PROPORTION or _QUALIFIED.search(said):
        return False
    written = {clean_number(number) for number in _QUOTE_NUMBER.findall(quote)}
    wanted = [clean_number(number) for number in _QUOTE_NUMBER.findall(said)]
    return bool(wanted) and all(number in written for number in wanted)


def _parsed(saids: Iterable[str]) -> Iterator[Value]:
    for said in saids:
        try:
            yield parse(said)
        except ValueSyntaxError:
            continue


def _change_phrases(text: str) -> Iterator[str]:
    for _start, _end, says in change_statements(text):
        yield says


def change_statements(text: str) -> Iterator[tuple[int, int, str]]:
    """Changes in words a text states ("cut deaths by a third", "17% lower"): where, and as the value language
    writes them (`cut by a third`); the words naming what changed are left out."""
    for match in _BY_AMOUNT.finditer(text):
        low = max(0, match.start() - _LOOK_BACK)
        verb = _VERB_BEFORE.search(text, low, match.start())
        if verb is not None:
            yield verb.start(), match.end(), f"{verb[1].lower()} by {' '.join(match[1].split())}"
    for match in _CHANGE_WORD.finditer(text):
        low = max(0, match.start() - _LOOK_BACK)
        amount = _AMOUNT_BEFORE.search(text, low, match.start())
        if amount is not None:
            yield amount.start(), match.end(), f"{' '.join(amount[1].split())} {match[1].lower()}"
    for match in _MULTIPLIED.finditer(text):
        yield match.start(), match.end(), match[1].lower()


def _numbers(text: str) -> Iterator[Number]:
    """The numbers written in a text, with their precision (thousands separators and `·` read)."""
    for match in _QUOTE_NUMBER.finditer(text.replace("−", "-")):
        written = clean_number(match.group())
        decimals = len(written) - written.index(".") - 1 if "." in written else 0
        yield Number(float(written), written, decimals)


# ------------------------------------------------------------------ measures

def _judge_measure(value: Measure, quote: str) -> tuple[str, str] | None:
    if _plainly_stated(value, quote):
        return None
    reading = read_quote(quote, value.dimension)
    stated: list[Measure] = reading.of_type(Measure)
    if any(value.interval.overlaps(other.interval) or _same_point(value.interval, other.interval)
           for other in stated):
        return None
    if stated:
        return _contradiction(_shown_measure(value), _shown_measure(stated[0]), len(stated))
    return "quote-states-no-value", (
        f"the quote states no {value.dimension}, so it does not ground `says: {value.text}`; "
        "quote the words that state it")


def _shown_measure(value: Measure) -> str:
    """A measure as the message names it; with its percentage when it is a count."""
    return f"`{value.text}` ({value.describe()})" if value.count is not None else f"`{value.text}`"


def _same_point(a: Interval, b: Interval) -> bool:
    return a.is_point and b.is_point and abs(a.low - b.low) < 1e-9


def _contradiction(says: str, stated: str, count: int) -> tuple[str, str]:
    others = (f" (and {count - 1} other value{'s' if count > 2 else ''} of that kind, none of which fits)"
              if count > 1 else "")
    return "says-contradicts-quote", f"`says` gives {says}, but the quote states {stated}{others}"


# ------------------------------------------------------------------- effects

def _judge_effect(value: Estimate | RelativeChange, reading: QuoteReading) -> tuple[str, str] | None:
    estimates: list[Estimate] = reading.of_type(Estimate)
    if isinstance(value, Estimate):
        same = [stated for stated in estimates if _same_measure(stated, value)]
        if any(_estimates_match(value, stated) for stated in same):
            return None
        if same:
            return _contradiction(f"`{value.text}`", f"`{same[0].text}`", len(same))
        if _all_numbers_stated(_estimate_numbers(value), reading.numbers):
            return None
        if value.scale == "ratio" and reading.changes:
            fitting = [change for change in reading.changes if change.ratio.overlaps(value.estimate.rounding)]
            if fitting:
                return None
            return _contradiction(f"`{value.text}`", _shown_change(reading.changes[0]), len(reading.changes))
        return "quote-states-no-value", (
            f"the quote does not state {value.estimate.text}, the estimate of `says: {value.text}`; "
            "quote the words that state it")
    ratios = [stated.estimate.rounding for stated in estimates if stated.scale == "ratio"]
    if any(value.ratio.overlaps(ratio) for ratio in ratios):
        return None
    if any(value.ratio.overlaps(change.ratio) and _intervals_match(value, change) for change in reading.changes):
        return None
    if reading.changes:
        return _contradiction(_shown_change(value), _shown_change(reading.changes[0]), len(reading.changes))
    if _all_numbers_stated(list(_numbers(value.text)), reading.numbers):
        return None
    return "quote-states-no-value", (
        f"the quote states no change that fits `says: {value.text}`; quote the words that state it")


def _intervals_match(says: RelativeChange, stated: RelativeChange) -> bool:
    """An efficacy's interval, when both give one, must be the quote's at the rounding of both."""
    if says.ci is None or stated.ci is None:
        return True
    return _numbers_match(says.ci.low, stated.ci.low) and _numbers_match(says.ci.high, stated.ci.high)


def _shown_change(change: RelativeChange) -> str:
    return f"`{change.text}` (ratio {show_ratio(change.ratio)})"


def _same_measure(a: Estimate, b: Estimate) -> bool:
    """The same measure; RR is read as a risk or a rate ratio."""
    pair = {a.measure, b.measure}
    return len(pair) == 1 or pair == {"RR", "IRR"}


def _estimates_match(says: Estimate, stated: Estimate) -> bool:
    if not _numbers_match(says.estimate, stated.estimate):
        return False
    if says.ci is None or stated.ci is None:
        return True
    return _numbers_match(says.ci.low, stated.ci.low) and _numbers_match(says.ci.high, stated.ci.high)


def _estimate_numbers(value: Estimate) -> list[Number]:
    numbers = [value.estimate]
    if value.ci is not None:
        numbers += [value.ci.low, value.ci.high]
    return numbers


# ---------------------------------------------- two arms, tests, means, p-values

def _judge_numbers(value: Value, reading: QuoteReading) -> tuple[str, str] | None:
    """Each number of the `says` among the quote's; a test statistic, mean or two shares the quote states must fit."""
    wanted = _value_numbers(value)
    missing = _missing(wanted, reading.numbers)
    if not missing:
        return None
    # A contradiction only when each such value the quote states has a number the `says` lacks: a finder
    # may read a statistic without its p ("t(28) = 2.20 (p = .036)"), and that is no contradiction.
    same = reading.of_type(type(value)) if isinstance(value, TestStatistic | Mean | TwoPercents) else []
    if same and all(_missing(_value_numbers(other), tuple(wanted)) for other in same):
        return _contradiction(f"`{value.text}`", f"`{same[0].text}`", len(same))
    return "quote-states-no-value", (
        f"the quote does not state {', '.join(number.text for number in missing)} of `says: {value.text}`; "
        "quote the words that state it")


def _value_numbers(value: Value) -> list[Number]:
    """The numbers a quote must state: all those of the `says` but an interval's level and a mean's n,
    which reports give once for many results."""
    if isinstance(value, Mean):
        return [number for number in (value.mean, value.sd) if number is not None]
    return list(_numbers(_without_level(value.text)))


_LEVEL = re.compile(r"\d+(?:\.\d+)?\s*%\s*(?=CI\b|confidence)", re.IGNORECASE)


def _without_level(text: str) -> str:
    return _LEVEL.sub("", text)


def _all_numbers_stated(numbers: list[Number], stated: tuple[Number, ...]) -> bool:
    return bool(numbers) and not _missing(numbers, stated)


def _missing(numbers: list[Number], stated: tuple[Number, ...]) -> list[Number]:
    return [number for number in numbers if not any(_stated_number(number, other) for other in stated)]


def _numbers_match(a: Number, b: Number) -> bool:
    """Equal at the rounding of the less precise of the two."""
    step = max(a.step, b.step)
    return abs(a.value - b.value) <= step / 2 + 1e-12 * max(1.0, abs(a.value))


def _stated_number(a: Number, b: Number) -> bool:
    """A number of the `says` among a quote's numbers: equal, or equal but for a sign the quote words."""
    return _numbers_match(a, b) or _numbers_match(a, Number(-b.value, b.text, b.decimals))


# -------------------------------------------------------------------- stances

def _judge_stance(value: Stance, quote: str, statement: str) -> tuple[str, str] | None:
    if value.stance not in (NO, UNCERTAIN) or _NEGATION.search(statement):
        return None
    if _NEGATION.search(quote) or _DOUBT.search(quote):
        return None
    return "stance-contradicts-quote", (
        f"`says: {value.text}`, but the quote has no word that denies or doubts (such as not, no, never, "
        "unknown, may); check the stance against the quote and the claim's statement")
