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
