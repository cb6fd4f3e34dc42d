"""Relative changes in words, read as the interval of ratios (treatment over control) they commit to.

* a percentage follows its precision: ``reduced by 18%`` is a reduction in
  [17.5, 18.5)%, so the ratio (0.815, 0.825]; ``increased by 20%`` is [1.195, 1.205);
* a fraction word is within 5 points of the baseline, as for proportions:
  ``cut by a third`` is a reduction in [28.33, 38.33]%, the ratio [0.617, 0.717];
  ``halved`` is ``reduced by half``, [0.45, 0.55];
* a fold follows the precision of its number: ``2-fold`` (``doubled``,
  ``twice``) is [1.5, 2.5), ``2.5-fold`` is [2.45, 2.55); ``2-fold lower`` is
  the reciprocal, (0.4, 0.667];
* qualifiers work as for proportions: ``about`` widens (``nearly``, ``almost``
  too), bounds are exact: ``more than halved`` is [0, 0.5);
* ``reduced`` or ``increased`` alone commit to a direction: (0, 1) or (1, inf);
* ``no difference`` (``no change``, ``no effect``, ``no association``,
  ``unchanged``) commits to the null, a ratio of 1.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from claimcheck.values.base import EFFECT, SIGNED_NUMBER, Interval, Said, ValueSyntaxError, read_number
from claimcheck.values.measures import FRACTIONS, approximate_width, fraction_interval, split_qualifier
from claimcheck.values.parts import ConfidenceInterval, PValue, read_tail

DECREASE, INCREASE, NO_CHANGE = "decrease", "increase", "none"

_DECREASE_VERBS = ("reduce", "reduced", "reduces", "reducing", "cut", "cuts", "cutting", "lower", "lowered",
                   "lowers", "lowering", "decrease", "decreased", "decreases", "decreasing", "drop", "dropped",
                   "drops", "fell", "fall", "falls", "fallen", "decline", "declined", "declines", "slashed",
                   "slash", "slashes")
_INCREASE_VERBS = ("increase", "increased", "increases", "increasing", "raise", "raised", "raises", "raising",
                   "rose", "rise", "rises", "risen", "boost", "boosted", "boosts", "grew", "grow", "grows",
                   "grown")
_DECREASE_WORDS = ("relative risk reduction", "relative reduction", "lower", "less", "fewer", "reduction",
                   "decrease", "drop", "fall", "decline", "smaller")
_INCREASE_WORDS = ("relative increase", "higher", "more", "greater", "increase", "rise", "larger")
_NULL_WORDS = {"no difference", "no change", "no effect", "no association", "unchanged"}
_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
_MULTIPLIER_VERBS = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4}
_NEARLY = ("nearly ", "almost ")
_QUALIFIER_WORDS = {"approx": "about", ">": "more than", ">=": "at least", "<": "less than", "<=": "up to"}
#: Words may name what changed between the verb and "by": "cut deaths by a third".
#: A word there may hold digits when hyphenated: "reduced the 28-day mortality rate by 17%".
_OBJECT = r"(?:\s+(?!by\b)(?:[^\s\d]+|\d+-[^\s\d][^\s]*)){0,6}"

_VERB_BY = re.compile(rf"^({'|'.join(_DECREASE_VERBS + _INCREASE_VERBS)}){_OBJECT}\s+by\s+(.+)$")
_VERB_ALONE = re.compile(rf"^({'|'.join(_DECREASE_VERBS + _INCREASE_VERBS)}){_OBJECT}$")
_AMOUNT_WORD = re.compile(
    rf"^(.+?)\s+({'|'.join(_DECREASE_WORDS + _INCREASE_WORDS)})(?:\s+[^\d]*)?$")
#: How often a dose is taken: "twice daily" and "2 times a day" are a frequency, not a 2-fold change.
_FREQUENCY = r"(?!\s+(?:daily|a\s+day|per\s+day|a\s+week|weekly|per\s+week|a\s+month|monthly|nightly|an?\s+hour|hourly)\b)"
_FOLD = re.compile(
    rf"^({SIGNED_NUMBER}|{'|'.join(_FOLD_WORDS)})\s*-?\s*(?:fold|times{_FREQUENCY})"
    rf"(?:\s+({'|'.join(_DECREASE_WORDS + _INCREASE_WORDS)}|increased|decreased|reduced))?(?:\s+[^\d]*)?$")
_TWICE = re.compile(rf"^twice{_FREQUENCY}(?:\s+[^\d]*)?$")
_MULTIPLIER = re.compile(rf"^(halved|{'|'.join(_MULTIPLIER_VERBS)})(?:\s+[^\d]*)?$")
#: Efficacy and relative risk reduction, each 1 minus a ratio: `VE 95%` is a ratio of 0.05.
_EFFICACY_NAMES = {"ve": "efficacy", "vaccine efficacy": "efficacy", "efficacy": "efficacy",
                   "vaccine effectiveness": "efficacy", "effectiveness": "efficacy",
                   "rrr": "RRR", "relative risk reduction": "RRR", "relative reduction": "RRR"}
_EFFICACY = re.compile(
    rf"^({'|'.join(sorted(map(re.escape, _EFFICACY_NAMES), key=len, reverse=True))})\s*(?:of|was|:|=|,)?\s*"
    rf"((?:[^\d(\[,;]*?)\s*{SIGNED_NUMBER}\s*%)\s*((?:[(\[,;].*)?)$")
_EFFECTIVE = re.compile(r"^(.+?%)\s+(?:effective|efficacious|efficacy|effectiveness|protection|protective)$")
#: A percent sign after an interval's end, dropped to read the ends (`10-38%`, `10% to 38%`).
_INTERVAL_PERCENT = re.compile(r"(\d)\s*%(?=\s*(?:[-–—]|to\b|[,;)\]]|$))")
_RRR = re.compile(r"^(?:rrr|relative risk reduction)\s*[:=]?\s*(.+)$")
_PERCENT = re.compile(rf"^({SIGNED_NUMBER})\s*%$")
_ANNOTATION = re.compile(r"^(.*?)\s*\(ratio ([\[(][^()\[\]]*[\])])\)$")


@dataclass(frozen=True)
class RelativeChange:
    """A change in words: its direction and the ratios (treatment over control) it commits to.

    ``words`` is the canonical wording (``reduced by a third``); two changes are
    equal when their direction and ratio interval are.
    """

    text: str = field(compare=False)
    direction: str  # "decrease", "increase" or "none"
    ratio: Interval
    words: str = field(compare=False)
    dimension: str = EFFECT
    #: The interval written beside an efficacy or a relative risk reduction, in percent as written
    #: (`VE 95% (95% CI 90.3-97.6)`): a reduction of 90.3% to 97.6%, so a ratio of 0.024 to 0.097.
    ci: ConfidenceInterval | None = None
    #: The p-value written beside an efficacy or a relative risk reduction.
    p: PValue | None = None
    #: Words that report an adjusted ratio (`reduced mortality by 17%, adjusted`): held to an adjusted
    #: estimate's value, and only to a crude one's direction.
    adjusted: bool = False

    def describe(self) -> str:
        interval = f" ({self.ci.describe()})" if self.ci is not None else ""
        p = f", {self.p.describe()}" if self.p is not None else ""
        adjusted = ", adjusted" if self.adjusted else ""
        return f"{self.words}{interval}{p}{adjusted} (ratio {show_ratio(self.ratio)})"

    @property
    def ratio_interval(self) -> tuple[float, float] | None:
        """The interval's ends as ratios, low to high (1 minus each reduction): None without an interval."""
        if self.ci is None:
            return None
        sign = -1 if self.direction == DECREASE else 1
        ends = sorted(float(1 + sign * end.exact() / 100) for end in (self.ci.low, self.ci.high))
        return ends[0], ends[1]

    def to_json(self) -> dict[str, Any]:
        return {"form": "relative-change", "dimension": self.dimension, "direction": self.direction,
                "ratio": self.ratio.to_json(), "words": self.words,
                "ci": self.ci.to_json() if self.ci is not None else None,
                "p": self.p.to_json() if self.p is not None else None, "adjusted": self.adjusted}


def parse(said: Said) -> RelativeChange | None:
    text = said.lowered.replace("·", ".")
    annotation = _ANNOTATION.match(text)
    if annotation:
        text = annotation.group(1)
    change = _change(said.raw, text)
    if change is not None and annotation and annotation.group(2) != show_ratio(change.ratio):
        raise ValueSyntaxError(said.raw, (
            f"`{said.raw}`: the ratio in parentheses is not the one the words commit to, "
            f"{show_ratio(change.ratio)}; write the words alone"))
    return change


#: An adjusted change: `adjusted, reduced by 17%`, `an adjusted 17% reduction`, `reduced by 17%, adjusted`,
#: `reduced by 17% (adjusted)`.
_ADJUSTED_BEFORE = re.compile(r"^(?:an?\s+)?(?:[a-z]+-|fully\s+|multivariable\s+)?adjusted(?:\s*[:,]\s*|\s+)(.+)$")
_ADJUSTED_AFTER = re.compile(r"^(.+?)(?:\s*,\s*|\s+)\(?(?:[a-z]+-|fully\s+|multivariable\s+)?adjusted\)?$")


def _change(raw: str, text: str) -> RelativeChange | None:
    for marked in (_ADJUSTED_BEFORE, _ADJUSTED_AFTER):
        match = marked.match(text)
        if match:
            change = _unmarked(raw, match.group(1))
            if change is None or change.direction == NO_CHANGE:
                return None
            return replace(change, adjusted=True)
    return _unmarked(raw, text)


def _unmarked(raw: str, text: str) -> RelativeChange | None:
    if text in _NULL_WORDS:
        return RelativeChange(raw, NO_CHANGE, Interval(1.0, 1.0, True, True), "no difference")
    approximate = text.startswith(_NEARLY)
    if approximate:
        text = text.split(" ", 1)[1]
    for reader in (_efficacy, _effective, _verb_by, _rrr, _amount_word, _fold, _multiplier, _verb_alone,
                   _more_effective):
        change = reader(raw, text, approximate)
        if change is not None:
            return change
    return None


def _efficacy(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    """``VE 95% (95% CI 90.3-97.6)``, ``efficacy of 95%``, ``RRR 25% (95% CI 10-38%)``: 1 minus a ratio."""
    match = _EFFICACY.match(text)
    if not match:
        return None
    name, amount, tail_text = match.groups()
    change = _amount(raw, amount, DECREASE, approximate)
    if change is None:
        return None
    tail = read_tail(_INTERVAL_PERCENT.sub(r"\1", tail_text), raw, what=f"{_EFFICACY_NAMES[name]}")
    words = f"{_EFFICACY_NAMES[name]} {change.words.split(' by ', 1)[1]}"
    return replace(change, words=words, ci=tail.ci, p=tail.p)


def _effective(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    """``95% effective``, ``about 90% efficacy``, ``95% protection``: a reduction of the risk by that share."""
    match = _EFFECTIVE.match(text)
    if not match:
        return None
    change = _amount(raw, match.group(1), DECREASE, approximate)
    if change is None:
        return None
    return replace(change, words=f"{change.words.split(' by ', 1)[1]} effective")


def _verb_by(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    match = _VERB_BY.match(text)
    if not match:
        return None
    direction = DECREASE if match.group(1) in _DECREASE_VERBS else INCREASE
    return _amount(raw, match.group(2), direction, approximate)


def _rrr(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    match = _RRR.match(text)
    return _amount(raw, match.group(1), DECREASE, approximate) if match else None


def _amount_word(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    """``20% lower``, ``a third lower``, ``an 18% reduction``, ``20% higher risk``."""
    for candidate in (text, text.split(" ", 1)[1]) if text.startswith(("a ", "an ")) else (text,):
        match = _AMOUNT_WORD.match(candidate)
        if match:
            direction = DECREASE if match.group(2) in _DECREASE_WORDS else INCREASE
            change = _amount(raw, match.group(1), direction, approximate)
            if change is not None:
                return change
    return None


def _verb_alone(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    match = _VERB_ALONE.match(text)
    if not match or approximate:
        return None
    if match.group(1) in _DECREASE_VERBS:
        return RelativeChange(raw, DECREASE, Interval(0.0, 1.0, False, False), "reduced")
    return RelativeChange(raw, INCREASE, Interval(1.0, math.inf, False, False), "increased")


#: "more effective than a daily pill at preventing HIV acquisition": a direction, the outcome prevented.
_MORE_EFFECTIVE = re.compile(r"^more effective(?:\s+than\s+.+?)?\s+(?:at|in)\s+(?:preventing|reducing|lowering)\b.*$")


def _more_effective(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    if approximate or not _MORE_EFFECTIVE.match(text):
        return None
    return RelativeChange(raw, DECREASE, Interval(0.0, 1.0, False, False), "more effective at preventing")


def _amount(raw: str, amount: str, direction: str, approximate: bool) -> RelativeChange | None:
    """A change by a percentage or a fraction word of the baseline, in a direction."""
    qualifier, rest = split_qualifier(amount.strip())
    if approximate:
        if qualifier is not None:
            return None
        qualifier = "approx"
    ceiling = 100.0 if direction == DECREASE else math.inf
    percent = _PERCENT.match(rest)
    if percent:
        number = read_number(percent.group(1), raw)
        if number.value < 0:
            raise ValueSyntaxError(raw, f"`{raw}`: a change by a negative percentage; say the direction in words")
        exact = number.exact()
        half = Fraction(1, 2) * Fraction(10) ** -number.decimals
        if qualifier is None:
            change = _exact_interval(exact - half, exact + half, True, False)
        elif qualifier == "approx":
            width = Fraction(approximate_width(number))
            change = _exact_interval(exact - width, exact + width, True, True)
        else:
            change = _bound(qualifier, float(exact), ceiling)
        written = f"{number.text}%"
    elif rest in FRACTIONS:
        change = fraction_interval(qualifier, FRACTIONS[rest], ceiling)
        written = rest
    else:
        return None
    change = Interval(max(change.low, 0.0), change.high, change.low_closed or change.low < 0, change.high_closed)
    if direction == DECREASE and change.low <= 100 < change.high:
        change = Interval(change.low, 100.0, change.low_closed, True)  # a reduction stops at 100%
    verb = "reduced" if direction == DECREASE else "increased"
    words = f"{verb} by {_qualifier_words(qualifier)}{written}"
    return RelativeChange(raw, direction, _ratio_of_change(change, direction), words)


def _exact_interval(low: Fraction, high: Fraction, low_closed: bool, high_closed: bool) -> Interval:
    return Interval(float(low), float(high), low_closed, high_closed)


def _bound(qualifier: str, x: float, ceiling: float) -> Interval:
    if qualifier == ">":
        return Interval(x, ceiling, False, ceiling != math.inf)
    if qualifier == ">=":
        return Interval(x, ceiling, True, ceiling != math.inf)
    return Interval(0.0, x, True, qualifier == "<=")


def _ratio_of_change(change: Interval, direction: str) -> Interval:
    """A change in percent of the baseline as a ratio: a reduction of [17.5, 18.5)% is (0.815, 0.825]."""
    if direction == DECREASE:
        return Interval(_one_minus(change.high), _one_minus(change.low), change.high_closed, change.low_closed)
    return Interval(_one_plus(change.low), _one_plus(change.high), change.low_closed, change.high_closed)


def _one_minus(percent: float) -> float:
    return float(1 - Fraction(percent) / 100)


def _one_plus(percent: float) -> float:
    return math.inf if math.isinf(percent) else float(1 + Fraction(percent) / 100)


def _fold(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    twice = _TWICE.match(text)
    match = None if twice else _FOLD.match(text)
    qualifier = "approx" if approximate else None
    if not (twice or match):
        qualifier, rest = split_qualifier(text)
        if qualifier is None or approximate:
            return None
        twice = _TWICE.match(rest)
        match = None if twice else _FOLD.match(rest)
        if not (twice or match):
            return None
    if twice:
        return _folded(raw, 2.0, 0, qualifier, INCREASE, "2")
    assert match is not None
    written, word = match.group(1), match.group(2)
    direction = DECREASE if word in (*_DECREASE_WORDS, "decreased", "reduced") else INCREASE
    if written in _FOLD_WORDS:
        return _folded(raw, float(_FOLD_WORDS[written]), 0, qualifier, direction, str(_FOLD_WORDS[written]))
    number = read_number(written, raw)
    if number.value <= 1:
        raise ValueSyntaxError(raw, f"`{raw}`: a fold change of {written} is ambiguous; write the ratio "
                                    "(RR 0.5) or the change in percent (reduced by 50%)")
    return _folded(raw, number.value, number.decimals, qualifier, direction, number.text)


def _multiplier(raw: str, text: str, approximate: bool) -> RelativeChange | None:
    qualifier, rest = split_qualifier(text)
    if approximate:
        if qualifier is not None:
            return None
        qualifier = "approx"
    match = _MULTIPLIER.match(rest)
    if not match:
        return None
    if match.group(1) == "halved":
        return _amount(raw, f"{_qualifier_words(qualifier)}half", DECREASE, False)
    fold = _MULTIPLIER_VERBS[match.group(1)]
    return _folded(raw, float(fold), 0, qualifier, INCREASE, str(fold))


def _folded(raw: str, fold: float, decimals: int, qualifier: str | None, direction: str,
            written: str) -> RelativeChange:
    half = 0.5 * 10.0 ** -decimals
    if qualifier is None:
        ratio = Interval(fold - half, fold + half, True, False)
    elif qualifier == "approx":
        width = max(0.1 * fold, 2 * half)
        ratio = Interval(fold - width, fold + width, True, True)
    else:
        ratio = _bound(qualifier, fold, math.inf)
        if qualifier in ("<", "<="):
            ratio = Interval(1.0, fold, False, qualifier == "<=")  # "less than 2-fold" is still higher
    if direction == DECREASE:
        ratio = Interval(1 / ratio.high, 1 / ratio.low, ratio.high_closed and not math.isinf(ratio.high),
                         ratio.low_closed)
    words = f"{_qualifier_words(qualifier)}{written}-fold {'lower' if direction == DECREASE else 'higher'}"
    return RelativeChange(raw, direction, ratio, words)


def show_ratio(interval: Interval) -> str:
    """A ratio interval to four significant digits, enough to show the rounding of the words."""
    if interval.is_point:
        return _four(interval.low)
    left = "[" if interval.low_closed else "("
    right = "]" if interval.high_closed else ")"
    return f"{left}{_four(interval.low)}, {_four(interval.high)}{right}"


def _four(x: float) -> str:
    return "inf" if math.isinf(x) else f"{x:.4g}"


def _qualifier_words(qualifier: str | None) -> str:
    return f"{_QUALIFIER_WORDS[qualifier]} " if qualifier else ""
