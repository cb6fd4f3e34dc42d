"""`claimcheck extract` and `claimcheck coverage`: each form a document writes, with the `says` it proposes."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.extract import extract
from claimcheck.extract.coverage import recall, same_value
from claimcheck.registry.quotes import SourceText
from claimcheck.validate.run import validate_file
from claimcheck.values import parse
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, ROOT, invoke, json_of


def found(text: str) -> list[tuple[str, str, str]]:
    """(kind, proposed says, the words that state it) of each candidate."""
    return [(candidate.kind, candidate.says, candidate.words) for candidate in extract(text)]


# ------------------------------------------------------- one sentence a form

@pytest.mark.parametrize("sentence, expected", [
    # proportions: counts, percentages, ranges, bounds
    ("We found that 11 out of 30 men (37%) responded.", [("proportion", "11/30 (37%)", "11 out of 30 men (37%)")]),
    ("Only 4 of 25 relapsed.", [("proportion", "4/25", "4 of 25")]),
    ("Relapse: 4/25 in the first year.", [("proportion", "4/25", "4/25")]),
    ("The study involved 30 men, and 11 of them responded.",
     [("proportion", "11/30", "30 men, and 11 of them"), ("count", "30", "30 men")]),
    ("A rash was seen in 12.5% of users.", [("proportion", "12.5%", "12.5%")]),
    ("It happens in 10–15 percent of cases.", [("proportion", "10-15%", "10–15 percent")]),
    ("Response was over 50% in this group.", [("proportion", "over 50%", "over 50%")]),
    ("Fewer than 10% stopped treatment.", [("proportion", "under 10%", "Fewer than 10%")]),
    ("Rashes affect at least 20% of users.", [("proportion", "at least 20%", "at least 20%")]),
    ("Up to 30% of people notice it.", [("proportion", "up to 30%", "Up to 30%")]),
    ("About 1% of men have this issue.", [("proportion", "about 1%", "About 1%")]),
    ("Severe depression in < 1%.", [("proportion", "<1%", "< 1%")]),
    ("It failed in less than 5% of cases.", [("proportion", "under 5%", "less than 5%")]),
    ("Of those treated, 11 of the 30 men improved.", [("proportion", "11/30", "11 of the 30")]),
    ("Response: 45.5% (95% CI 40-51%).", [("proportion", "45.5%", "45.5%")]),  # the interval is no proportion
    ("Efficacy reached >90% after a week.", [("proportion", ">90%", ">90%")]),
    # quantifier words about people
    ("Most patients improved.", [("proportion", "most", "Most")]),
    ("The majority of participants finished.", [("proportion", "majority", "The majority")]),
    ("Over half of the women responded.", [("proportion", "over half", "Over half")]),
    ("It helps over a third of patients with NOA.", [("proportion", "over a third", "over a third")]),
    ("All patients were followed.", [("proportion", "all", "All")]),
    ("None of the men conceived.", [("proportion", "none", "None")]),
    ("Not all patients respond.", []),
    # counts of people
    ("The trial enrolled 2,104 adults.", [("count", "2104", "2,104 adults")]),
    ("Scores were similar (n = 25).", [("count", "25", "n = 25")]),
    # durations
    ("Sperm production takes around 74 days.", [("duration", "about 74 days", "around 74 days")]),
    ("Treat for 3 to 6 months.", [("duration", "3-6 months", "3 to 6 months")]),
    ("Continue for at least 3 to 6 months.", [("duration", "at least 3-6 months", "at least 3 to 6 months")]),
    ("Some need up to 9 months.", [("duration", "up to 9 months", "up to 9 months")]),
    ("During my 30-year career, I saw this.", [("duration", "30 years", "30-year")]),
    ("He took it for half a year.", [("duration", "6 months", "half a year")]),
    ("Results take a few months, usually 3 to 6, to appear.", [("duration", "3-6 months", "usually 3 to 6")]),
    ("With over 20 years of experience.", [("duration", "over 20 years", "over 20 years")]),
    # doses
    ("Patients took 20 mg twice a day.", [("dose", "40 mg/day", "20 mg twice a day")]),
    ("He took 10 mg each day.", [("dose", "10 mg/day", "10 mg each day")]),
    ("Use 0.5 mg for each kg of body weight per day.",
     [("dose", "0.5 mg/kg/day", "0.5 mg for each kg of body weight per day")]),
    ("A single 100 mg tablet.", [("dose", "100 mg", "100 mg")]),
    ("A dose of 0.5 mg per kg.", []),  # a per-kilogram dose is stated in the value language only per day
    # effects, intervals, p-values, test statistics, means
    ("The rate ratio was 0.83 (95% CI 0.75-0.93), p = 0.03.",
     [("effect", "IRR 0.83 (95% CI 0.75-0.93), p = 0.03", "rate ratio was 0.83 (95% CI 0.75-0.93), p = 0.03")]),
    ("Stroke: HR 0.77 (95% CI 0.64 to 0.93).", [("effect", "HR 0.77 (95% CI 0.64-0.93)", "HR 0.77 (95% CI 0.64 to 0.93)")]),
    ("The odds ratio was 1.5 (95% confidence interval 1.1 to 2.0).",
     [("effect", "OR 1.5 (95% CI 1.1-2.0)", "odds ratio was 1.5 (95% confidence interval 1.1 to 2.0)")]),
    ("Mean difference -2.1 (95% CI -3.0 to -1.2).",
     [("effect", "MD -2.1 (95% CI -3.0 to -1.2)", "Mean difference -2.1 (95% CI -3.0 to -1.2)")]),
    ("They took 20 or 40 (25%-30%) doses.", [("proportion", "25-30%", "25%-30%")]),  # "or" is no odds ratio
    ("Scores differed, t(28) = 2.20, p = .04.", [("effect", "t(28) = 2.20, p = .04", "t(28) = 2.20, p = .04")]),
    ("The difference was significant (p < 0.001).", [("effect", "p < 0.001", "(p < 0.001")]),
    ("Anxiety was M = 3.48, SD = 1.20, n = 25.", [("effect", "M = 3.48, SD = 1.20, n = 25", "M = 3.48, SD = 1.20, n = 25")]),
    # stances
    ("There’s no known risk.", [("stance", "no", "no known risk")]),
    ("It is not recommended for children.", [("stance", "no", "is not recommended")]),
    ("The long-term safety remains unknown.", [("stance", "uncertain", "remains unknown")]),
    ("The drug should not be used outside trials.", [("stance", "no", "should not be used")]),
    ("Its use has been linked to depression.", [("stance", "yes", "has been linked to")]),
])
def test_each_form_proposes_its_says(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(sentence) == expected


def test_every_proposal_is_in_the_value_language() -> None:
    text = (ROOT / "sources" / "blog-accutane-azoospermia-aksoy.txt").read_text(encoding="utf-8")
    for candidate in extract(text):
        parse(candidate.says)


# ---------------------------------------------- text as scraped from the web

SCRAPED_TABLE = ("Testicular HistologyResponse RateInterpretation\n"
                 "Maturation Arrest (MA)54%The highest response\n"
                 "Hypospermatogenesis30-40%Reduced but present\n"
                 "Sertoli-Cell Only (SCO)< 10%Absence of germ cells\n")


def test_a_table_whose_separators_were_lost() -> None:
    candidates = extract(SCRAPED_TABLE)
    assert [(c.line, c.column, c.says, c.quote) for c in candidates] == [
        (2, 23, "54%", "Maturation Arrest (MA) 54%"),
        (3, 20, "30-40%", "Hypospermatogenesis 30-40%"),
        (4, 24, "<10%", "Sertoli-Cell Only (SCO)< 10%"),
    ]
    text = SourceText(SCRAPED_TABLE)
    assert all(text.find(candidate.quote) for candidate in candidates)


def test_typographic_dashes_and_quotes_and_numbers_split_by_line_breaks() -> None:
    text = "“It works,” she said: 3–6\nmonths of treatment helped 11 out\nof 30 men (37%)."
    assert found(text) == [("duration", "3-6 months", "3–6 months"),
                           ("proportion", "11/30 (37%)", "11 out of 30 men (37%)")]
    candidates = extract(text)
    assert [(c.line, c.column) for c in candidates] == [(1, 23), (2, 28)]
    assert candidates[1].quote == "months of treatment helped 11 out of 30 men (37%)."


def test_a_page_scraped_into_one_line_gives_short_quotes_and_sentences() -> None:
    text = ("word " * 300 + "11 of 30 men ") * 3  # no full stop anywhere
    candidates = extract(text)
    assert [c.says for c in candidates] == ["11/30"] * 3
    for candidate in candidates:
        assert len(candidate.quote) <= 160 and "11 of 30" in candidate.quote
        assert len(candidate.sentence) <= 602 and candidate.sentence.startswith("…word")
        assert SourceText(text).find(candidate.quote) is not None


# A short, made-up trial report for these tests (no real trial is described).
FICTIONAL_REPORT = """\
Zendrovir for winter colds: a made-up trial
In all, 240 adults took part. Of them, 58 out of 120 (48%) on zendrovir and 71 of 120 on placebo
had symptoms after 5 days. The risk ratio was 0.82 (95% CI 0.64 to 1.04), p = 0.10.
Most participants took 200 mg twice a day for up to 7 days; about 3% stopped early.
Whether zendrovir shortens colds remains unknown, and it is not recommended for children.
"""


def test_a_text_that_mixes_the_forms() -> None:
    assert [(c.line, c.kind, c.says) for c in extract(FICTIONAL_REPORT)] == [
        (2, "count", "240"),
        (2, "proportion", "58/120 (48%)"),
        (2, "proportion", "71/120"),
        (3, "duration", "5 days"),
        (3, "effect", "RR 0.82 (95% CI 0.64-1.04), p = 0.10"),
        (4, "proportion", "most"),
        (4, "dose", "400 mg/day"),
        (4, "duration", "up to 7 days"),
        (4, "proportion", "about 3%"),
        (5, "stance", "uncertain"),
        (5, "stance", "no"),
    ]


@given(st.text(alphabet=st.sampled_from("0123456789 .,%-–/()<>~ofutmgdaysinwekh\n"), max_size=80))
def test_any_text_gives_candidates_whose_quotes_validate_accepts(text: str) -> None:
    source = SourceText(text)
    for candidate in extract(text):
        assert source.find(candidate.quote) is not None, candidate
        assert 0 <= candidate.start < candidate.end <= len(text)
        parse(candidate.says)


# -------------------------------------------- the bundled corpus and registry

def test_extraction_finds_the_bundled_registrys_quantitative_evidence() -> None:
    index = validate_file(ROOT / "claims.yaml").index
    assert index is not None
    result = recall(index)
    assert result.total >= 30, "the registry's quantitative evidence entries with a text"
    assert result.percent >= 95, result.missed


def test_same_value_compares_meanings_not_spellings() -> None:
    assert same_value(parse("3-6 months"), "3 to 6 months")
    assert same_value(parse("about 1%"), "~1%")
    assert same_value(parse("11/30"), "11 of 30")
    assert same_value(parse("0.5 mg/kg/day"), "0.5 mg/kg per day")
    assert not same_value(parse("11/30"), "11/30 (37%)")
    assert not same_value(parse("54%"), "55%")


# ------------------------------------------------------------- the commands

def test_extract_text_output_is_one_line_a_candidate(registry) -> None:
    registry(MINIMAL_SOURCES + "    path: texts/news.txt\n" + MINIMAL_CLAIM,
             {"texts/news.txt": "Of them, 11 of 30 men responded.\nAbout 5% of men had a rash.\n"})
    result = invoke("extract", "news-a")
    assert result.exit_code == 0
    assert result.output == (
        "texts/news.txt:1:10: proportion 11/30\n"
        '    "Of them, 11 of 30 men responded."\n'
        "texts/news.txt:2:1: proportion about 5%\n"
        '    "About 5% of men had a rash."\n'
        "2 candidate claims in 1 document\n")


def test_extract_names_a_registered_text_by_its_path_from_here(registry) -> None:
    registry(MINIMAL_SOURCES + "    path: texts/news.txt\n" + MINIMAL_CLAIM,
             {"review/texts/news.txt": "It took 74 days."}, name="review/claims.yaml")
    result = invoke("extract", "news-a", "--registry", "review/claims.yaml")
    assert result.output.startswith("review/texts/news.txt:1:9: duration 74 days\n")


def test_extract_json_names_source_and_place(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM, {"notes.txt": "It took 74 days."})
    data = json_of(invoke("extract", "notes.txt", "--format", "json").output, "extraction")
    assert data == {"documents": [{"source": None, "path": "notes.txt", "candidates": [
        {"line": 1, "location": "line 1", "column": 9, "kind": "duration", "says": "74 days", "quote": "It took 74 days.",
         "words": "74 days", "sentence": "It took 74 days."}]}], "candidates": 1}


def test_extract_yaml_stubs_validate_once_their_placeholders_are_filled(registry, tmp_path: Path) -> None:
    text = "Of them, 11 of 30 men responded. It took 74 days. Use of the drug should not be used in pregnancy.\n"
    registry("version: 1\n", {"texts/report.txt": text})
    stubs = invoke("extract", "texts/report.txt", "--format", "yaml").output
    assert stubs.count("  - id: TODO-report-") == 3 and "statement: \"TODO:" in stubs
    assert invoke("validate", "--format", "json").exit_code == 0
    filled = stubs.replace("TODO-report-", "claim-").replace("\"TODO: the document's title\"", "A report")
    filled = filled.replace("TODO: what the document claims", "What the report claims")
    (tmp_path / "claims.yaml").write_text("version: 1\n" + filled, encoding="utf-8")
    assert yaml.safe_load(filled)["sources"][0] == {"id": "report", "title": "A report", "type": "other",
                                                     "path": "texts/report.txt"}
    result = invoke("validate")
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")


def test_extract_writes_a_file_only_when_asked_to_replace_it(registry, tmp_path: Path) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM, {"notes.txt": "It took 74 days.", "stubs.yaml": "kept\n"})
    refused = invoke("extract", "notes.txt", "--format", "yaml", "-o", "stubs.yaml")
    assert refused.exit_code == 2 and "stubs.yaml" in refused.output
    assert (tmp_path / "stubs.yaml").read_text() == "kept\n"
    written = invoke("extract", "notes.txt", "-o", "stubs.yaml", "--force")  # YAML, as the name says
    assert (written.exit_code, written.output) == (0, "Wrote 1 candidate claim to stubs.yaml\n")
    assert "says: \"74 days\"" in (tmp_path / "stubs.yaml").read_text()


@pytest.mark.parametrize("files, name, message", [
    ({}, "nowhere", "claimcheck: error: nowhere: no such file nor a registered source id\n"),
    ({"latin.txt": b"caf\xe9"}, "latin.txt", "claimcheck: error: latin.txt: is not UTF-8 text (byte offset 3)\n"),
    ({"folder/a.txt": "x"}, "folder", "claimcheck: error: folder: is a directory, not a text file\n"),
])
def test_extract_refuses_what_it_cannot_read(registry, files: dict, name: str, message: str) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM, files)
    result = invoke("extract", name)
    assert (result.exit_code, result.output) == (2, message)


def test_extract_of_a_source_without_a_text(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM)
    result = invoke("extract", "study-a")
    assert (result.exit_code, result.output) == (
        2, "claimcheck: error: source `study-a` has no readable text (`path`); `claimcheck validate` says why\n")


def test_coverage_of_the_bundled_registry_is_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = invoke("coverage", "--min", "100", "--format", "json")
    data = json_of(result.output, "coverage")
    assert result.exit_code == 0 and data["passed"] and data["percent"] == 100
    assert data["candidates"] >= 70 and all(not source["uncovered"] for source in data["sources"])


def test_coverage_lists_the_gaps_and_fails_below_the_minimum(registry) -> None:
    registry(MINIMAL_SOURCES + "    path: texts/news.txt\n" + MINIMAL_CLAIM
             + "left_out:\n  - source: news-a\n    quote: It took 74 days.\n    reason: Not about the claim.\n",
             {"texts/news.txt": "Of them, 11 of 30 men responded.\nAbout 5% of men had a rash. It took 74 days.\n"})
    result = invoke("coverage", "--min", "90")
    assert result.exit_code == 1
    assert result.output == (
        "  source   candidates   covered   left out   coverage\n"
        " ─────────────────────────────────────────────────────\n"
        "  news-a            3         2          1      66.7%\n"
        "  total             3         2          1      66.7%\n"
        "\n"
        "Not covered (register each, or add it to `left_out:` with a reason):\n"
        "  texts/news.txt:2:1: proportion about 5%\n"
        '      "About 5% of men had a rash."\n'
        "Coverage 66.7% fails the minimum of 90.0%.\n")
    assert invoke("coverage", "--min", "60").exit_code == 0


def test_coverage_of_a_registry_with_errors_says_so_and_exits_1(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("11/30", "several"))
    result = invoke("coverage")
    assert result.exit_code == 1 and "CC301" not in result.output
    assert result.output.endswith("claimcheck: 1 claim not checked for 1 error in claims.yaml; "
                                  "`claimcheck validate claims.yaml` lists them\n")
    assert invoke("coverage", "--exit-zero").exit_code == 0


def test_the_command_offers_every_kind_of_candidate() -> None:
    from claimcheck.extract import KINDS

    command = importlib.import_module("claimcheck.cli.extract")  # the package's `extract` is the click command
    assert command.KINDS == KINDS


def test_extract_kind_filter_and_json_lines_are_json(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM, {"notes.txt": "Of them, 11 of 30 men took 20 mg for 74 days."})
    data = json.loads(invoke("extract", "notes.txt", "--kind", "dose", "--format", "json").output)
    assert [c["says"] for c in data["extraction"]["documents"][0]["candidates"]] == ["20 mg"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_extract_refuses_a_fifo_at_once(registry, tmp_path: Path) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM)
    os.mkfifo(tmp_path / "pipe.txt")
    result = invoke("extract", "pipe.txt")  # opening it for reading would wait for a writer
    assert (result.exit_code, result.output) == (
        2, "claimcheck: error: pipe.txt: is not a regular file (a FIFO); claimcheck reads texts from files only\n")
