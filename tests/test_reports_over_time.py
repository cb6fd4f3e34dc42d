"""One study reported over time (issue 22): the source types users register, risk of bias, `supersedes`."""

from __future__ import annotations

import pytest

from conftest import invoke
from test_grading import graded, source


def with_field(text: str, line: str) -> str:
    """A source of `test_grading.source` with one more field."""
    return text.replace("    cites:", f"    {line}\n    cites:", 1)


# ------------------------------------------------------------ source types


@pytest.mark.parametrize("kind", ["press-release", "commentary"])
def test_a_press_release_or_a_commentary_is_not_a_study(registry, kind: str) -> None:
    result = graded(registry, [source("s", design="rct"), source("p", kind, cites=("s",))], ("p", "yes"))
    assert result["reasons"] == ["starts high: best design rct (s)",
                                 f"down 1 indirectness: known only second-hand: p ({kind})", "= moderate"]
    alone = graded(registry, [source("p", kind)], ("p", "yes"))
    assert alone["reasons"][0] == "starts very-low: no primary source (no registered study at the root of p)"


def test_a_preprint_is_a_study_rated_down_for_risk_of_bias(registry) -> None:
    result = graded(registry, [source("pre", "preprint", design="rct")], ("pre", "yes"))
    assert result["reasons"] == ["starts high: best design rct (pre)", "down 1 risk of bias: pre preprint",
                                 "= moderate"]


def test_an_erratum_is_a_type_of_its_own(registry) -> None:
    registry("version: 1\nsources:\n" + source("e", "erratum") + "claims: []\n")
    assert invoke("validate", "claims.yaml").output == (
        "claims.yaml:3:9: CC209 [warning] source `e` is not quoted by any claim nor cited by a source that is "
        "(unused-source)\nFound 1 warning.\n")


# ------------------------------------------------------------ risk of bias


@pytest.mark.parametrize("judgement, reasons", [
    ("high", ["starts high: best design rct (s)", "down 1 risk of bias: s high risk of bias (RoB 2)", "= moderate"]),
    ("some-concerns", ["starts high: best design rct (s)", "= high"]),
    ("low", ["starts high: best design rct (s)", "= high"]),
])
def test_a_study_judged_at_high_risk_of_bias_is_rated_down(registry, judgement: str, reasons: list[str]) -> None:
    study = with_field(source("s", design="rct"), f"risk_of_bias: {judgement}")
    assert graded(registry, [study], ("s", "yes"))["reasons"] == reasons


def test_risk_of_bias_takes_the_rob_2_words(registry) -> None:
    registry("version: 1\nsources:\n" + with_field(source("s", design="rct"), "risk_of_bias: medium")
             + "claims: []\n")
    output = invoke("validate", "claims.yaml", "--select", "CC204").output
    assert output.splitlines()[0] == (
        "claims.yaml:7:19: CC204 [error] `risk_of_bias` must be one of: low, some-concerns, high; got the text "
        "`medium` (invalid-choice)")
