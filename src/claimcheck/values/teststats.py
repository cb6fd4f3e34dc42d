"""Test statistics as statcheck reads them: ``t(28) = 2.20, p = .04``, ``F(2, 57) = 3.10, p = .05``,
``chi2(1) = 4.20, p = .04`` (also ``χ2``, ``χ²``, with an optional ``N = 80``), ``r(48) = .30, p = .03``,
``z = 1.96, p = .05`` (also ``Z``), Cochran's ``Q(9) = 15.2, p = .09`` (a chi-square with its df, as
statcheck reads it); a bound ``t(28) < 2.2``; ``one-tailed`` (``one-sided``, ``directional``) marks a one-tailed p.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.values.base import EFFECT, SIGNED_NUMBER, Number, Said, ValueSyntaxError, read_number
from claimcheck.values.parts import PValue, read_tail

_TESTS = {"t": "t", "f": "F", "r": "r", "z": "z", "chi2": "chi2", "chi-square": "chi2", "chi-squared": "chi2",
          "chi²": "chi2", "chi^2": "chi2", "χ2": "chi2", "χ²": "chi2", "χ^2": "chi2", "x2": "chi2", "x²": "chi2", "q": "Q"}
#: How many degrees of freedom each test takes.
_DEGREES = {"t": 1, "r": 1, "F": 2, "chi2": 1, "z": 0, "Q": 1}
_ONE_TAILED = frozenset({"one-tailed", "one tailed", "one-sided", "one sided", "directional"})
_TWO_TAILED = frozenset({"two-tailed", "two tailed", "two-sided", "two sided"})

_TEST_PATTERN = "|".join(re.escape(name) for name in sorted(_TESTS, key=len, reverse=True))
_STATISTIC = re.compile(
    rf"^({_TEST_PATTERN})\s*(?:\(([^()]*)\))?\s*(<=|>=|=|<|>|≤|≥)\s*({SIGNED_NUMBER})(.*)$", re.IGNORECASE)
#: A chi-square's degrees of freedom and sample size, `1, N = 11,455` (the N may have thousands separators).
_CHI2_N = re.compile(r"^(\d+(?:\.\d+)?)\s*,\s*n\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)$", re.IGNORECASE)
_COMPARATORS = {"≤": "<=", "≥": ">="}


@dataclass(frozen=True)
class TestStatistic:
    """A reported test: its statistic, degrees of freedom, p-value and whether the p is one-tailed."""

    text: str = field(compare=False)
    test: str  # "t", "F", "chi2", "r", "z" or "Q"
    df: tuple[Number, ...]
    comparator: str
    statistic: Number
    p: PValue | None = None
    one_tailed: bool = False
    #: A chi-square's sample size, as in chi2(1, N = 80).
    n: int | None = None
    dimension: str = EFFECT

    __test__ = False  # not a pytest test class, despite its name

    @property
    def distribution(self) -> str:
        """The test whose distribution gives its p: Cochran's Q is a chi-square with its df."""
        return "chi2" if self.test == "Q" else self.test

    def describe(self) -> str:
        degrees = ", ".join(number.text for number in self.df)
        if self.n is not None:
            degrees += f", N = {self.n:,}"
        words = [self.test, f"({degrees})" if degrees else "", f" {self.comparator} {self.statistic.text}"]
        if self.p is not None:
            words.append(f", {self.p.describe()}")
        if self.one_tailed:
            words.append(", one-tailed")
        return "".join(words)

    def to_json(self) -> dict[str, Any]:
        return {"form": "test-statistic", "dimension": self.dimension, "test": self.test,
                "df": [number.to_json() for number in self.df], "n": self.n, "comparator": self.comparator,
                "statistic": self.statistic.to_json(), "p": self.p.to_json() if self.p is not None else None,
                "one_tailed": self.one_tailed}


def parse(said: Said) -> TestStatistic | None:
    match = _STATISTIC.match(said.text)
    if not match:
        return None
    name, degrees, comparator, statistic, tail_text = match.groups()
    test = _TESTS[name.lower()]
    df, n = _degrees(said.raw, test, degrees)
    tail = read_tail(tail_text, said.raw, markers=_ONE_TAILED | _TWO_TAILED, what=f"a {test} statistic")
    if tail.ci is not None:
        raise ValueSyntaxError(said.raw, f"`{said.raw}`: a test statistic takes a p-value, not an interval")
    one_tailed = any(marker in _ONE_TAILED for marker in tail.markers)
    return TestStatistic(said.raw, test, df, _COMPARATORS.get(comparator, comparator),
                         read_number(statistic, said.raw), tail.p, one_tailed, n)


def _degrees(raw: str, test: str, written: str | None) -> tuple[tuple[Number, ...], int | None]:
    with_n = _CHI2_N.match(written.strip()) if test == "chi2" and written else None
    if with_n:
        return (read_number(with_n.group(1), raw),), int(read_number(with_n.group(2), raw).value)
    parts = [part.strip() for part in written.split(",")] if written and written.strip() else []
    n = None
    expected = _DEGREES[test]
    if len(parts) != expected:
        wanted = {0: "no degrees of freedom", 1: "one number of degrees of freedom, as in t(28)",
                  2: "two numbers of degrees of freedom, as in F(2, 57)"}[expected]
        raise ValueSyntaxError(raw, f"`{raw}`: a {test} statistic takes {wanted}")
    return tuple(read_number(part, raw) for part in parts), n
