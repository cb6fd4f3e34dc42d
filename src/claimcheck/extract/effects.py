"""Effects and statistics: ratio measures and differences with their interval and p, test statistics, p-values, means.

`RR 0.83 (95% CI 0.75-0.93), p = 0.03`, `odds ratio 1.5 (95% confidence interval 1.1 to 2.0)`,
`t(28) = 2.20, p = .04`, `χ2(1) = 4.2, p = .04`, `p < 0.001`, `M = 3.48, SD = 1.20`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.extract.base import DASH, NUMBER, Hit, clean_number

KIND = "effect"
_FLAGS = re.IGNORECASE
_SIGNED = rf"[-−–]?{NUMBER}"
_NAMES = {
    "risk ratio": "RR", "relative risk": "RR", "rate ratio": "IRR", "incidence rate ratio": "IRR",
    "odds ratio": "OR", "hazard ratio": "HR", "mean difference": "MD", "risk difference": "RD",
    "adjusted odds ratio": "aOR", "adjusted hazard ratio": "aHR", "adjusted risk ratio": "aRR",
}
#: Written in capitals only (case-sensitive even in a case-insensitive pattern): "or" is a word.
_ABBREVIATIONS = r"(?-i:a?(?:RR|OR|HR|IRR)|MD|SMD|RD)"
_NAME = "|".join(sorted(map(re.escape, _NAMES), key=len, reverse=True))
_P = r"p\s*(?P<op><\s*=|[=<>≤])\s*(?P<pv>0?[.·]\d+|1(?:[.·]0+)?)"
_ESTIMATE = re.compile(
    rf"\b(?:(?P<word>{_NAME})|(?P<abbr>{_ABBREVIATIONS}))\b\s*(?:\((?:{_ABBREVIATIONS})\)\s*)?"
    rf"(?:of|was|were|is|=|:|,)?\s*(?P<est>{_SIGNED})\s*[,;(\[]\s*"
    rf"(?:(?P<level>\d{{2}}(?:\.\d)?)\s*%\s*(?:CI|confidence\s+interval)\s*[,:]?\s*)?"
    rf"(?P<lo>{_SIGNED})\s*(?:{DASH}|to|,)\s*(?P<hi>{_SIGNED})\s*[)\]]?(?:\s*[,;]?\s*{_P})?", _FLAGS)
_STATISTIC = re.compile(
    rf"(?<![\w.])(?P<stat>t|F|r|z|χ2|χ²|chi2|chi-square|chi²)\s*(?:\(\s*(?P<df>\d+(?:\.\d+)?(?:\s*,\s*\d+(?:\.\d+)?)?)"
    rf"\s*\))?\s*=\s*(?P<value>{_SIGNED})(?:\s*[,;]\s*{_P})?", re.UNICODE)
_P_ALONE = re.compile(rf"(?<![\w.])\(?\s*{_P}", _FLAGS)
_MEAN = re.compile(
    rf"(?<![\w.])M\s*=\s*(?P<m>{_SIGNED})\s*,\s*SD\s*=\s*(?P<sd>{NUMBER})(?:\s*,\s*n\s*=\s*(?P<n>\d+))?")
_STATISTIC_NAMES = {"χ2": "chi2", "χ²": "chi2", "chi2": "chi2", "chi-square": "chi2", "chi²": "chi2"}


#: Where an effect can be: an interval or an estimate's number after a bracket or comma, or a
#: statistic's value after its sign. Each pattern is searched only near these places, which the
#: engine finds quickly, since the set of characters they start with is known.
_BRACKET = re.compile(r"[(\[,;]\s*[-−–]?[\d.·]")
_SIGN = re.compile(r"[=<>≤]\s*[-−–]?[\d.·]")
_NEAR = ((_BRACKET, 80, 120, (_ESTIMATE,)), (_SIGN, 40, 80, (_STATISTIC, _P_ALONE, _MEAN)))


def find(text: str) -> Iterator[Hit]:
    matches: dict[tuple[int, int], tuple[re.Pattern[str], re.Match[str]]] = {}
    for anchor, before, after, patterns in _NEAR:
        for place in anchor.finditer(text):
            low, high = max(0, place.start() - before), min(len(text), place.end() + after)
            for pattern in patterns:
                for match in pattern.finditer(text, low, high):
                    if match.start() <= place.start() < match.end():
                        matches.setdefault(match.span(), (pattern, match))
    for pattern, match in matches.values():
        yield Hit(match.start(), match.end(), _says(pattern, match), KIND)


def _says(pattern: re.Pattern[str], match: re.Match[str]) -> str:
    if pattern is _ESTIMATE:
        return _estimate(match)
    if pattern is _STATISTIC:
        name = _STATISTIC_NAMES.get(match["stat"].lower(), match["stat"])
        says = name + (f"({', '.join(part.strip() for part in match['df'].split(','))})" if match["df"] else "")
        return says + f" = {_number(match['value'])}" + (_p(match) if match["pv"] else "")
    if pattern is _P_ALONE:
        return _p(match).lstrip(", ")
    return f"M = {_number(match['m'])}, SD = {clean_number(match['sd'])}" + (f", n = {match['n']}" if match["n"] else "")


def _estimate(match: re.Match[str]) -> str:
    name = _NAMES[" ".join(match["word"].lower().split())] if match["word"] else match["abbr"]
    low, high = _number(match["lo"]), _number(match["hi"])
    between = " to " if low.startswith("-") or high.startswith("-") else "-"
    level = match["level"] or "95"
    says = f"{name} {_number(match['est'])} ({level}% CI {low}{between}{high})"
    return says + (_p(match) if match["pv"] else "")


def _p(match: re.Match[str]) -> str:
    operator = "".join(match["op"].split()).replace("<=", "≤")
    return f", p {operator} {clean_number(match['pv'])}"


def _number(written: str) -> str:
    return clean_number(written).replace("−", "-").replace("–", "-")
