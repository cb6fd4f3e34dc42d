"""The real example, examples/hptn084: real documents about one trial, registered in their own words.

It must validate with no finding (one warning is silenced on purpose, with its reason in the
registry), and its verdicts, grade and provenance are pinned so that a change in how the value
language reads real wording shows here.
"""

from __future__ import annotations

import json

from conftest import ROOT, invoke

EXAMPLE = str(ROOT / "examples" / "hptn084" / "claims.yaml")


def test_it_validates_with_no_finding_and_nothing_silenced() -> None:
    result = invoke("validate", EXAMPLE)
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")


def test_it_has_no_conflict_nor_tension() -> None:
    result = invoke("conflicts", "--fail", "--fail-on", "tension", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "No conflicts or tensions."


def test_the_statement_and_the_abstract_agree_as_one_study() -> None:
    result = invoke("show", "cabotegravir-hiv-incidence", EXAMPLE, env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "cabotegravir-hiv-incidence  agree  ●●●○ moderate"
    import json

    pairs = json.loads(invoke("show", "cabotegravir-hiv-incidence", EXAMPLE, "--format", "json").output)["claim"]["pairs"]
    assert [pair["reason"] for pair in pairs] == [
        ("same study (`aids2022-abstract`), values match within rounding: `HR 0.11, 95% CI 0.05, 0.24` (HR 0.11) "
        "lies within `more effective than a daily oral PrEP regimen at preventing HIV acquisition` (a ratio of "
        "(0, 1)); both say the effect goes down")]
    assert "down 1 risk of bias: aids2022-abstract not peer reviewed" in result.output
    assert "documents: 2, independent studies: 1" in result.output


def test_every_claim_agrees_or_has_one_document_and_each_value_is_the_documents_own() -> None:
    data = json.loads(invoke("list", "--format", "json", EXAMPLE).output)
    status = {claim["claim"]: (claim["status"], claim["grade"]) for claim in data["claims"]}
    assert status == {
        "cabotegravir-hiv-incidence": ("agree", "moderate"),
        "cabotegravir-safety": ("agree", "moderate"),
        "unblinded-infections": ("single-source", "moderate"),
        "cumulative-incidence": ("single-source", "moderate"),
        "injection-site-reactions": ("single-source", "moderate"),
    }
    says = {(value["source"], value["says"]) for claim in data["claims"] for value in claim["values"]}
    assert ("aids2022-abstract", "HR 0.11, 95% CI 0.05, 0.24") in says
    assert ("aids2022-abstract", "twenty-three") in says
