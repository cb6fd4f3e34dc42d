"""Effects and statistics: ratio measures and differences with their interval and p, test statistics, p-values, means.

`RR 0.83 (95% CI 0.75-0.93), p = 0.03`, `odds ratio 1.5 (95% confidence interval 1.1 to 2.0)`,
`t(28) = 2.20, p = .04`, `χ2(1) = 4.2, p = .04`, `p < 0.001`, `M = 3.48, SD = 1.20`; two arms in percent,
`29.0% vs 40.7%`, and a change from a baseline, `fell from 25.7% to 22.9%`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.extract.base import DASH, NUMBER, Hit, bound_before, clean_number

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
#: A p-value's number as written, whole (so that `p = 1.03` is never read as `p = 1.0`, nor `.5e-3` as `.5`):
#: a decimal, or a mantissa with an exponent (`2.1e-5`, `2.1 × 10⁻⁵`).
_P_NUMBER = (r"(?:\d(?:[.·]\d+)?(?:\s?[eE][-−]?\d+|\s?[×x]\s?10\^?[-−⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)|[.·]\d+[eE][-−]?\d+"
             r"|[01]?[.·]\d+|[01])(?![\d·]|[.·]\d)")
_P = rf"p\s*(?P<op><\s*=|[=<>≤≥])\s*(?P<pv>{_P_NUMBER})"
_ESTIMATE = re.compile(
    rf"\b(?P<adj>(?:[a-z]+-|fully\s+|multivariable\s+)?adjusted\s+)?(?:(?P<word>{_NAME})|(?P<abbr>{_ABBREVIATIONS}))\b\s*(?:\((?:{_ABBREVIATIONS})\)\s*)?"
    rf"(?:of|was|were|is|=|:|,)?\s*(?P<est>{_SIGNED})\s*[,;(\[]\s*"
    rf"(?:(?P<level>\d{{2}}(?:\.\d)?)\s*%\s*(?:CI|confidence\s+interval)\s*[,:]?\s*)?"
    rf"(?P<lo>{_SIGNED})\s*(?:{DASH}|to|,)\s*(?P<hi>{_SIGNED})\s*[)\]]?(?:\s*[,;]?\s*{_P})?", _FLAGS)
_DF = r"\d+(?:\.\d+)?(?:\s*,\s*(?:\d+(?:\.\d+)?(?![\d,])|N\s*=\s*(?:\d{1,3}(?:,\d{3})+|\d+)))?"
#: One-tailed p as statcheck marks it, kept with the statistic.
_ONE_TAILED = r"one[- ]tailed|one[- ]sided"
_STATISTIC = re.compile(
    rf"(?<![\w.])(?P<stat>t|F|r|z|Z|Q|χ2|χ²|chi2|chi-square|chi²|X2|X²)\s*(?:\(\s*(?P<df>{_DF})\s*\))?"
    rf"\s*(?P<cmp>[=<>≤≥])\s*(?P<value>{_SIGNED})(?![\d·]|[.·]\d)"
    rf"(?:\s*[,;]\s*(?:{_P}|(?P<ns>ns|n\.s\.)(?!\w)))?(?:\s*[,;]?\s*\(?(?P<tails>{_ONE_TAILED})\)?)?", re.UNICODE)
_P_ALONE = re.compile(rf"(?<![\w.])\(?\s*{_P}", _FLAGS)
_MEAN = re.compile(
    rf"(?<![\w.])M\s*=\s*(?P<m>{_SIGNED})\s*,\s*SD\s*=\s*(?P<sd>{NUMBER})(?:\s*,\s*n\s*=\s*(?P<n>\d+))?")
#: Efficacy and relative risk reduction in percent, with their interval: `VE 95% (95% CI 90.3-97.6)`.
_EFFICACY_NAMES = {"ve": "VE", "vaccine efficacy": "efficacy", "efficacy": "efficacy", "vaccine effectiveness":
                   "efficacy", "rrr": "RRR", "relative risk reduction": "RRR"}
_EFFICACY = re.compile(
    rf"\b(?P<name>{'|'.join(sorted(map(re.escape, _EFFICACY_NAMES), key=len, reverse=True))})\b\s*"
    rf"(?:of|was|is|=|:|,)?\s*(?P<est>{_SIGNED})\s*%\s*[,;(\[]\s*"
    rf"(?:(?P<level>\d{{2}}(?:\.\d)?)\s*%\s*(?:CI|confidence\s+interval)\s*[,:]?\s*)?"
    rf"(?P<lo>{_SIGNED})\s*%?\s*(?:{DASH}|to|,)\s*(?P<hi>{_SIGNED})\s*%?\s*[)\]]", _FLAGS)
#: A relative change with what changed between the verb and "by": "cut deaths by 35%",
#: "reduced the 28-day mortality rate by 17%" (proposed as written, which the value language reads).
_CHANGE_VERBS = ("reduced|reduces|cut|cuts|lowered|lowers|decreased|decreases|increased|increases|raised|raises")
_CHANGE = re.compile(
    rf"\b(?P<verb>{_CHANGE_VERBS})(?P<object>(?:\s+(?!by\b)(?:[a-z][\w'’]*|\d+-[a-z][\w-]*)){{0,6}}?)\s+by\s+"
    rf"(?P<bound>(?:about|nearly|almost|more than|at least)\s+)?(?P<amount>{NUMBER})\s*%", _FLAGS)
_BY = re.compile(r"\bby\s+(?:about\s+|nearly\s+|almost\s+|more than\s+|at least\s+)?[\d.·]", re.IGNORECASE)
#: "95% effective", "about 90% effective": a reduction of the risk by that share.
_EFFECTIVE = re.compile(rf"(?<![\w.·])(?P<est>{NUMBER})\s*%\s+(?P<word>effective|efficacious)\b", _FLAGS)
#: Two arms in percent, each perhaps with its counts: `29.0% vs 40.7%`, `22.9% (482/2104) versus 25.7% (1110/4321)`.
_COUNTS = r"(?:\s*\(\s*(?P<{0}k>\d+)\s*/\s*(?P<{0}n>\d+)\s*\))?"
_PERCENT_ARMS = re.compile(
    rf"(?<![\w.·,])(?P<t>{NUMBER})\s*%{_COUNTS.format('t')}\s+(?:vs\.?|versus|compared\s+with)\s+"
    rf"(?P<c>{NUMBER})\s*%{_COUNTS.format('c')}", _FLAGS)
#: A change from a baseline: `fell from 25.7% to 22.9%`.
_FROM_TO = re.compile(
    rf"\b(?P<verb>fell|dropped|declined|decreased|rose|increased|climbed)\s+from\s+(?P<a>{NUMBER})\s*%\s+to\s+"
    rf"(?P<b>{NUMBER})\s*%", _FLAGS)
_STATISTIC_NAMES = {"χ2": "chi2", "χ²": "chi2", "chi2": "chi2", "chi-square": "chi2", "chi²": "chi2", "x2": "chi2",
                    "x²": "chi2"}


#: Where an effect can be: an interval or an estimate's number after a bracket or comma, or a
#: statistic's value after its sign. Each pattern is searched only near these places, which the
#: engine finds quickly, since the set of characters they start with is known.
_BRACKET = re.compile(r"[(\[,;]\s*[-−–]?[\d.·]")
_SIGN = re.compile(r"[=<>≤≥]\s*[-−–]?[\d.·]")
_PERCENT_WORD = re.compile(r"%\s+eff", re.IGNORECASE)
_VERSUS = re.compile(r"%(?:\s*\(\d+\s*/\s*\d+\))?\s+(?:vs\.?|versus|compared\s+with)\s", re.IGNORECASE)
_FROM = re.compile(r"from\s+[\d.·]", re.IGNORECASE)
_NEAR = ((_BRACKET, 80, 120, (_ESTIMATE, _EFFICACY)), (_SIGN, 40, 80, (_STATISTIC, _P_ALONE, _MEAN)),
         (_PERCENT_WORD, 12, 20, (_EFFECTIVE,)), (_BY, 80, 24, (_CHANGE,)),
         (_VERSUS, 12, 40, (_PERCENT_ARMS,)), (_FROM, 14, 30, (_FROM_TO,)))


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
        if pattern is _EFFECTIVE:
            start, bound, _symbol = bound_before(text, match.start())
            yield Hit(start, match.end(), f"{bound} {_says(pattern, match)}".lstrip(), KIND)
            continue
        yield Hit(match.start(), match.end(), _says(pattern, match), KIND)


def _says(pattern: re.Pattern[str], match: re.Match[str]) -> str:
    if pattern is _ESTIMATE:
        return _estimate(match)
    if pattern is _STATISTIC:
        return _statistic(match)
    if pattern is _EFFICACY:
        name = _EFFICACY_NAMES[" ".join(match["name"].lower().split())]
        low, high = _number(match["lo"]), _number(match["hi"])
        between = " to " if low.startswith("-") or high.startswith("-") else "-"
        return f"{name} {_number(match['est'])}% ({match['level'] or '95'}% CI {low}{between}{high})"
    if pattern is _CHANGE:
        words = " ".join(f"{match['verb']}{match['object']}".split())
        bound = " ".join((match["bound"] or "").split()).lower()
        return f"{words} by {bound + ' ' if bound else ''}{clean_number(match['amount'])}%"
    if pattern is _EFFECTIVE:
        return f"{clean_number(match['est'])}% effective"
    if pattern is _PERCENT_ARMS:
        return " vs ".join(f"{clean_number(match[arm])}%" + (f" ({match[arm + 'k']}/{match[arm + 'n']})"
                                                             if match[arm + "k"] else "") for arm in "tc")
    if pattern is _FROM_TO:
        return f"{match['verb'].lower()} from {clean_number(match['a'])}% to {clean_number(match['b'])}%"
    if pattern is _P_ALONE:
        return _p(match).lstrip(", ")
    return f"M = {_number(match['m'])}, SD = {clean_number(match['sd'])}" + (f", n = {match['n']}" if match["n"] else "")


def _statistic(match: re.Match[str]) -> str:
    """`t(28) = 2.20, p = .04`, `chi2(1, N = 11,455) = 16.78`, `t(28) < 2.2, ns`, `..., one-tailed`."""
    name = _STATISTIC_NAMES.get(match["stat"].lower(), match["stat"].lower() if match["stat"] == "Z" else match["stat"])
    degrees = ""
    if match["df"]:
        df = re.sub(r"\s*=\s*", " = ", " ".join(match["df"].split()))
        degrees = "(" + re.sub(r"^([\d.]+)\s*,\s*", r"\1, ", df) + ")"
    operator = match["cmp"]
    says = f"{name}{degrees} {operator} {_number(match['value'])}"
    if match["pv"]:
        says += _p(match)
    elif match["ns"]:
        says += ", ns"
    if match["tails"]:
        says += ", one-tailed"
    return says


def _estimate(match: re.Match[str]) -> str:
    name = _NAMES[" ".join(match["word"].lower().split())] if match["word"] else match["abbr"]
    low, high = _number(match["lo"]), _number(match["hi"])
    between = " to " if low.startswith("-") or high.startswith("-") else "-"
    level = match["level"] or "95"
    adjusted = "adjusted " if match["adj"] and not name.startswith("a") else ""
    says = f"{adjusted}{name} {_number(match['est'])} ({level}% CI {low}{between}{high})"
    return says + (_p(match) if match["pv"] else "")


def _p(match: re.Match[str]) -> str:
    operator = "".join(match["op"].split()).replace("<=", "≤")
    return f", p {operator} {' '.join(clean_number(match['pv']).split())}"


def _number(written: str) -> str:
    return clean_number(written).replace("−", "-").replace("–", "-")
