"""Proportions: `11 of 30`, `11 out of 30 men (37%)`, `11/30`, `37%`, `30-40%`, `< 10%`, `over half of men`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.extract.base import LEAD_NUMBER, NUMBER, PEOPLE, RANGE, Hit, bound_before, clean_number, is_number
from claimcheck.values.words import NUMBER_WORDS

KIND = "proportion"
_NUMBER_WORDS = "|".join(sorted((re.escape(word) for word in NUMBER_WORDS if word != "hundred"), key=len, reverse=True))
_PERCENT = r"\s*(?:%|percent\b|per\s+cent\b)"
_STATED = rf"\s*\(\s*(?P<p>{NUMBER}){_PERCENT}\s*\)"
_FLAGS = re.IGNORECASE

_K_OF_N = re.compile(
    rf"(?P<k>\d(?<![\w.,/]\d)[\d,]*)\s+(?:out\s+of|of|in)\s+(?:the\s+|all\s+|these\s+)?(?P<n>\d[\d,]*)(?![\w.,/%]|\s*%)"
    rf"(?:(?:\s+[a-z][\w-]*){{0,3}}?{_STATED})?", _FLAGS)
#: "1 in 5": one of about every five, as the value language reads it, not the count 1/5.
_ONE_IN = re.compile(r"1\s+in\s+\d[\d,]*$")
#: "eleven of thirty volunteers", "one in five adults": numbers in words, about people. Found from the
#: word between the numbers (a quick scan for a literal), then the number before it and the people after it.
_WORD_OF_N = re.compile(r"(?:of|in)\s+(?P<every>every\s+)?(?P<n>[a-z]+(?:-[a-z]+)?)", _FLAGS)
_WORD_K_BEFORE = re.compile(rf"(?<![\w-])(?P<k>{_NUMBER_WORDS})\s+(?P<out>out\s+)?\Z", _FLAGS)
_PEOPLE_AFTER = re.compile(rf"(?:\s+[a-z][\w-]*){{0,2}}?\s+{PEOPLE}\b", _FLAGS)
_SLASH = re.compile(rf"(?P<k>\d(?<![\w.,/]\d)\d*)\s?/\s?(?P<n>\d+)(?![\w/]|[.,]\d)(?:{_STATED})?")
#: "30 men, and 11 of them": the total first, the count after.
_TOTAL_THEN_COUNT = re.compile(
    r"(?P<n>\d(?<![\w.,]\d)[\d,]*)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2},?\s+and\s+(?P<k>\d[\d,]*)\s+of\s+"
    r"(?:them|these|those)\b", _FLAGS)
# A percentage may follow a letter directly where a scraped table lost its separators
# ("Hypospermatogenesis30-40%"), so only a digit or a decimal point before it is refused.
_PERCENT_RANGE = re.compile(rf"(?P<a>{LEAD_NUMBER})(?:{_PERCENT})?{RANGE}(?P<b>{NUMBER}){_PERCENT}", _FLAGS)
_ONE_PERCENT = re.compile(rf"(?P<a>{LEAD_NUMBER}){_PERCENT}", _FLAGS)
#: A percentage that is not a proportion: a confidence level, or a relative change.
_NOT_A_PROPORTION_AFTER = re.compile(
    r"\s*(?:CI\b|confidence|credible|prediction|uncertainty|effective|efficacious|efficacy\b|protect)", _FLAGS)
#: The high end of a range (`30-40%`), a proportion only with its low end, as the range finder reads it.
_RANGE_END_BEFORE = re.compile(rf"\d\s*(?:%|percent|per\s+cent)?{RANGE}$", _FLAGS)
#: The ends of an interval or a range of a statistic, not a proportion of their own: `95% CI 40-51%`.
_INTERVAL_BEFORE = re.compile(r"(?:\bCI|confidence\s+interval|\bIQR|interquartile\s+range)\s*[:,]?\s*$", _FLAGS)
_NOT_A_PROPORTION_BEFORE = re.compile(
    r"(?:reduc|increas|decreas|lower|rais|cut|drop|declin|fell|rose|fall|ris|grew|grow|improv)\w*\s+(?:by\s+)?$",
    _FLAGS)
#: A relative change with what changed between the verb and "by" ("reduced the 28-day mortality rate by 17%"),
#: or an efficacy ("VE 95%", "efficacy of 95%"): 1 minus a ratio, not a proportion of people.
_CHANGE_OR_EFFICACY_BEFORE = re.compile(
    r"(?:\b(?:reduc|increas|decreas|lower|rais|cut|drop|declin|fell|rose|fall|ris|grew|grow|improv)\w*"
    r"(?:\s+(?!by\b)[\w'’-]+){0,6}\s+by|\b(?:VE|RRR|efficacy|effectiveness|relative\s+risk\s+reduction)"
    r"(?:\s+(?:of|was|is))?\s*[:=,]?)\s+(?:(?:about|nearly|almost|approximately|roughly)\s+)?$", _FLAGS)

#: A change from a baseline, `fell from 18% to 12%`: the effect finder proposes it whole, never as a range.
_CHANGE_FROM_BEFORE = re.compile(r"\b(?:fell|dropped|declined|decreased|rose|increased|climbed)\s+from\s+$", _FLAGS)

_QUANTIFIERS = {
    "over half": "over half", "more than half": "over half", "over a third": "over a third",
    "more than a third": "over a third", "about half": "about half", "around half": "about half",
    "nearly half": "about half", "almost half": "about half", "roughly half": "about half",
    "half": "half", "a third": "a third", "about a third": "a third", "the vast majority": "majority",
    "the majority": "majority", "a majority": "majority", "majority": "majority", "most": "most",
    "all": "all", "none": "none", "few": "few", "a few": "few", "some": "some",
}
#: A quantifier word about people; the match is the word alone, so that a percentage beside it
#: (`over half (54%) of men`) is a candidate of its own.
_QUANTIFIER = re.compile(
    r"(?<![\w-])(?<!not\s)(?P<q>" + "|".join(sorted(map(re.escape, _QUANTIFIERS), key=len, reverse=True)) + r")"
    rf"(?=\s+(?:\(\s*{NUMBER}{_PERCENT}\s*\)\s+)?(?:of\s+(?:the\s+|these\s+|those\s+|our\s+)?)?"
    rf"(?:[a-z][\w-]*\s+){{0,2}}?{PEOPLE}\b)", _FLAGS)


def find(text: str) -> Iterator[Hit]:
    yield from _counts(text)
    yield from _ranges(text)
    yield from _percentages(text)
    yield from _quantifiers(text)


def find_counts(text: str) -> Iterator[Hit]:
    """Only the counts (`11 of 30`, `11/30 (37%)`): the proportions a document can be checked against itself by."""
    yield from _counts(text)


def _count_says(k: str, n: str, stated: str | None) -> str | None:
    count, total = int(clean_number(k)), int(clean_number(n))
    if total == 0 or count > total:
        return None
    return f"{count}/{total}" + (f" ({clean_number(stated)}%)" if stated else "")


def _counts(text: str) -> Iterator[Hit]:
    for pattern in (_K_OF_N, _SLASH):
        for match in pattern.finditer(text):
            if _ONE_IN.match(match.group()):
                yield Hit(match.start(), match.end(), f"1 in {clean_number(match['n'])}", KIND)
                continue
            says = _count_says(match["k"], match["n"], match["p"])
            if says is not None:
                yield Hit(match.start(), match.end(), says, KIND)
    yield from _counts_in_words(text)
    for match in _TOTAL_THEN_COUNT.finditer(text):
        says = _count_says(match["k"], match["n"], None)
        if says is not None:
            yield Hit(match.start(), match.end(), says, KIND)


def _counts_in_words(text: str) -> Iterator[Hit]:
    """`eleven of thirty volunteers` as `eleven of thirty`; `one in five adults` as `one in five`."""
    for match in _WORD_OF_N.finditer(text):
        start, n_word = match.start(), match["n"].lower()
        if n_word not in NUMBER_WORDS or (start and text[start - 1].isalnum()):
            continue
        before = _WORD_K_BEFORE.search(text, max(0, start - 20), start)
        if before is None or not _PEOPLE_AFTER.match(text, match.end()):
            continue
        k_word = before["k"].lower()
        k, n = NUMBER_WORDS[k_word], NUMBER_WORDS[n_word]
        if text[start].lower() == "i":
            if k == 1 and n > 1 and not before["out"]:
                yield Hit(before.start(), match.end(), f"{k_word} in {n_word}", KIND)
        elif 0 < n and k <= n and not match["every"]:
            yield Hit(before.start(), match.end(), f"{k_word} of {n_word}", KIND)


def _ranges(text: str) -> Iterator[Hit]:
    for match in _PERCENT_RANGE.finditer(text):
        if not is_number(match["a"]) or _NOT_A_PROPORTION_AFTER.match(text, match.end()):
            continue
        if any(pattern.search(text, max(0, match.start() - 32), match.start())
               for pattern in (_INTERVAL_BEFORE, _CHANGE_FROM_BEFORE)):
            continue
        start, bound, _symbol = bound_before(text, match.start())
        says = f"{bound} " if bound else ""
        yield Hit(start, match.end(), f"{says}{clean_number(match['a'])}-{clean_number(match['b'])}%", KIND)


def _percentages(text: str) -> Iterator[Hit]:
    for match in _ONE_PERCENT.finditer(text):
        if not is_number(match["a"]) or _NOT_A_PROPORTION_AFTER.match(text, match.end()):
            continue
        before = max(0, match.start() - 32)
        if any(pattern.search(text, before, match.start())
               for pattern in (_NOT_A_PROPORTION_BEFORE, _INTERVAL_BEFORE, _RANGE_END_BEFORE, _CHANGE_FROM_BEFORE)):
            continue
        if _CHANGE_OR_EFFICACY_BEFORE.search(text, max(0, match.start() - 80), match.start()):
            continue
        number = clean_number(match["a"])
        start, bound, symbol = bound_before(text, match.start())
        if symbol in ("<", ">"):
            says = f"{symbol}{number}%"  # as the document writes it: `< 10%` proposes `<10%`
        else:
            says = f"{bound} {number}%" if bound else f"{number}%"
        yield Hit(start, match.end(), says, KIND)


def _quantifiers(text: str) -> Iterator[Hit]:
    for match in _QUANTIFIER.finditer(text):
        word = " ".join(match["q"].lower().split())
        yield Hit(match.start(), match.end(), _QUANTIFIERS[word], KIND)


