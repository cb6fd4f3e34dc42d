"""`claimcheck scan` beside statcheck, on a case list of our own writing.

tests/data/statcheck_cases.csv holds 60 APA-style statistics written for this test, in the forms
statcheck's documentation describes (t, F, r, chi-square as χ2, X2 and chi2, z and Z, Cochran's Q,
bounds, `ns`, one-tailed markers, thousands separators, odd spacing, exponents). Its last three
columns are statcheck 1.4.0's answers (Debian's r-cran-statcheck, run here with default settings
on each line inside the sentence "We found that ... in the sample."): whether it extracts the
statistic, and its `error` and `decision_error`. `claimcheck scan` must find every statistic
statcheck finds and give the same verdicts, but for one principled difference: a p-value that the
text marks one-tailed is read as one-tailed, as statcheck does with `OneTailedTxt = TRUE` (checked
here too: with that setting statcheck agrees on both such cases).
"""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.scan.document import scan_text

CASES = Path(__file__).parent / "data" / "statcheck_cases.csv"
#: statcheck's verdicts with OneTailedTxt = TRUE, where they differ from its defaults.
ONE_TAILED = {"t(28) = 2.20, p = .02, one-tailed": ("FALSE", "FALSE"), "z = 1.64, p = .05, one-tailed": ("FALSE", "FALSE")}


def cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def ours(statistic: str) -> tuple[str, str] | None:
    rows = scan_text("case.txt", f"We found that {statistic} in the sample.\n").statistics
    if not rows:
        return None
    return ("TRUE" if rows[0].error else "FALSE", "TRUE" if rows[0].decision_error else "FALSE")


def test_scan_finds_every_statistic_statcheck_finds() -> None:
    extracted = [case for case in cases() if case["statcheck_extracts"] == "TRUE"]
    missed = [case["statistic"] for case in extracted if ours(case["statistic"]) is None]
    assert (len(extracted), missed) == (58, [])


def test_scan_gives_statcheck_s_verdicts() -> None:
    differ = []
    for case in cases():
        if case["statcheck_extracts"] != "TRUE":
            continue
        expected = ONE_TAILED.get(case["statistic"], (case["statcheck_error"], case["statcheck_decision_error"]))
        if ours(case["statistic"]) != expected:
            differ.append(case["statistic"])
    assert differ == []


def test_the_one_tailed_rule_is_the_only_difference_from_statcheck_s_defaults() -> None:
    defaults = {case["statistic"]: (case["statcheck_error"], case["statcheck_decision_error"]) for case in cases()}
    assert {statistic: defaults[statistic] for statistic in ONE_TAILED} == {
        "t(28) = 2.20, p = .02, one-tailed": ("TRUE", "FALSE"), "z = 1.64, p = .05, one-tailed": ("TRUE", "TRUE")}


def test_extract_proposes_every_statistic_statcheck_extracts() -> None:
    """Issue 22's measure: `extract` itself (not only `scan`) proposes the statistic, as a test statistic."""
    from claimcheck.extract import extract
    from claimcheck.values import TestStatistic, parse

    extracted = [case["statistic"] for case in cases() if case["statcheck_extracts"] == "TRUE"]
    proposed = [statistic for statistic in extracted
                if any(isinstance(parse(candidate.says), TestStatistic)
                       for candidate in extract(f"We found that {statistic} in the sample.\n"))]
    assert len(proposed) / len(extracted) >= 0.95
    assert sorted(set(extracted) - set(proposed)) == []


@given(test=st.sampled_from(["t", "F", "r", "z", "χ2"]), df1=st.integers(1, 5), df2=st.integers(2, 999),
       whole=st.integers(0, 40), hundredths=st.integers(0, 99), p=st.integers(1, 999),
       comparator=st.sampled_from(["=", "<", ">"]), one_tailed=st.booleans())
def test_extract_never_changes_a_statistic(test: str, df1: int, df2: int, whole: int, hundredths: int, p: int,
                                           comparator: str, one_tailed: bool) -> None:
    """Whatever a statistic's numbers, `extract` proposes the same statistic, degrees of freedom, p and tail."""
    from claimcheck.extract import extract
    from claimcheck.values import TestStatistic, parse

    value = f"{'.' if test == 'r' else str(whole) + '.'}{hundredths:02d}"
    degrees = {"t": f"({df2})", "r": f"({df2})", "F": f"({df1}, {df2})", "χ2": f"({df1})", "z": ""}[test]
    written = f"{test}{degrees} = {value}, p {comparator} .{p:03d}" + (", one-tailed" if one_tailed else "")
    proposals = [parse(c.says) for c in extract(f"The result was {written} in this sample.\n")]
    statistics = [v for v in proposals if isinstance(v, TestStatistic)]
    assert len(statistics) == 1, (written, [c.says for c in extract(f"The result was {written}.\n")])
    (read,) = statistics
    assert read.statistic.text.lstrip("0") == value.lstrip("0") or float(read.statistic.text) == float(value)
    assert [number.value for number in read.df] == {"t": [df2], "r": [df2], "F": [df1, df2], "χ2": [df1], "z": []}[test]
    assert read.p is not None and read.p.comparator == comparator and read.p.value is not None
    assert read.p.value.value == p / 1000 and read.one_tailed == one_tailed
