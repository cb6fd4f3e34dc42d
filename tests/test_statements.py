"""Plain-language statements: GRADE's informative wording, one test a branch of the rule."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.judge.statements import Effect, plain_language, statement_for
from conftest import ROOT


@pytest.mark.parametrize(("certainty", "expected"), [
    ("high", "Halvorex reduces stroke."),
    ("moderate", "Halvorex probably reduces stroke."),
    ("low", "Halvorex may reduce stroke."),
    ("very-low", "We are very uncertain whether halvorex reduces stroke."),
])
def test_an_interval_that_excludes_no_effect(certainty: str, expected: str) -> None:
    assert plain_language(certainty, "reduces", False, "halvorex", "stroke") == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("certainty", "expected"), [
    ("high", "Halvorex results in little or no difference in stroke."),
    ("moderate", "Halvorex probably results in little or no difference in stroke."),
    ("low", "Halvorex may result in little or no difference in stroke."),
    ("very-low", "We are very uncertain whether halvorex reduces stroke."),
])
def test_an_interval_that_includes_no_effect(certainty: str, expected: str) -> None:
    assert plain_language(certainty, "reduces", True, "halvorex", "stroke") == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("certainty", "expected"), [
    ("high", "The intervention increases the outcome."),
    ("moderate", "The intervention probably increases the outcome."),
    ("low", "The intervention may increase the outcome."),
    ("very-low", "We are very uncertain whether the intervention increases the outcome."),
])
def test_an_increase_with_the_generic_words(certainty: str, expected: str) -> None:
    assert plain_language(certainty, "increases", False) == expected  # type: ignore[arg-type]


def test_an_estimate_at_no_effect() -> None:
    assert plain_language("moderate", "none", True) == "The intervention probably results in little or no difference in the outcome."
    assert plain_language("very-low", "none", True) == "We are very uncertain about the effect of the intervention on the outcome."


@pytest.mark.parametrize(("effect", "direction", "includes"), [
    (Effect(0.89, 0.81, 0.97, ratio=True), "reduces", False),
    (Effect(1.30, 0.90, 1.80, ratio=True), "increases", True),
    (Effect(-2.8, -5.0, -0.6, ratio=False), "reduces", False),
    (Effect(0.5, -0.2, 1.2, ratio=False), "increases", True),
    (Effect(1.0, 0.8, 1.2, ratio=True), "none", True),
])
def test_an_effect_reads_its_direction_and_interval(effect: Effect, direction: str, includes: bool) -> None:
    assert (effect.direction, effect.includes_null) == (direction, includes)


def test_statement_for_uses_generic_words_for_what_is_not_named() -> None:
    effect = Effect(0.89, 0.81, 0.97, ratio=True)
    assert statement_for("low", effect, "halvorex") == "Halvorex may reduce the outcome."
    assert statement_for("high", effect, None, "stroke") == "The intervention reduces stroke."


def test_show_prints_the_statement_in_every_format() -> None:
    example = str(ROOT / "examples" / "halvorex" / "claims.yaml")
    text = CliRunner().invoke(main, ["show", "stroke-risk", example, "--format", "text"]).output
    assert "In plain language\n  Halvorex reduces the two-year risk of a first stroke.\n" in text
    data = json.loads(CliRunner().invoke(main, ["show", "stroke-risk", example, "--format", "json"]).output)
    assert data["claim"]["plain_language"] == "Halvorex reduces the two-year risk of a first stroke."
    # a mean has no effect interval, so no statement
    data = json.loads(CliRunner().invoke(main, ["show", "quality-of-life", example, "--format", "json"]).output)
    assert data["claim"]["plain_language"] is None
