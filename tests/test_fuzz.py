"""The fuzzing harness: a short seeded slice of a campaign, and proof that it catches what it looks for."""

from __future__ import annotations

import random
from pathlib import Path

import click
import pytest

from claimcheck.cli import main
from claimcheck.fuzz.__main__ import main as fuzz_main
from claimcheck.fuzz.campaign import COMMANDS, Settings, _prepare, _texts_beside, all_runs, campaign
from claimcheck.fuzz.inputs import _change_all, _mangled_quote, generated_registry, make_input, mutate_structure
from claimcheck.fuzz.minimise import minimise
from claimcheck.fuzz.runner import _json_findings, run
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, ROOT


def test_a_seeded_slice_of_a_campaign_finds_nothing() -> None:
    runs = all_runs()
    settings = Settings(seed=7, count=2 * len(runs), seconds=None, workers=2, timeout=30, memory_mib=2048,
                        base=ROOT / "claims.yaml")
    tally = campaign(settings)
    assert (tally.inputs, tally.runs) == (2 * len(runs), 2 * len(runs))
    assert [(f.number, f.args, f.kind, f.detail) for f in tally.failures] == []
    assert set(tally.exits) <= {0, 1, 2}


def test_every_command_has_a_row_and_every_format_is_run() -> None:
    assert set(COMMANDS) == set(main.commands)
    runs = all_runs()
    assert ("validate", "--format", "sarif") in runs and ("conflicts", "--all", "--format", "markdown") in runs
    assert ("show", "claim-0", "--format", "json") in runs


def test_a_command_without_a_row_stops_the_campaign(monkeypatch) -> None:
    monkeypatch.setitem(main.commands, "new-command", click.Command("new-command"))
    with pytest.raises(SystemExit, match="no row in COMMANDS for new-command"):
        all_runs()


def test_inputs_are_reproducible_from_seed_and_number() -> None:
    base = (ROOT / "claims.yaml").read_text(encoding="utf-8")
    first, _texts = make_input(3, 41, base, {})
    again, _texts = make_input(3, 41, base, {})
    assert (first.data, first.how) == (again.data, again.how)


def test_a_generated_registry_is_valid(tmp_path: Path) -> None:
    import random

    text, texts = generated_registry(random.Random(5))
    for relative, content in texts.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(content, encoding="utf-8")
    outcome = run(tmp_path, text.encode(), ("validate", "--format", "json"), 30, 2048)
    assert (outcome.exit_code, outcome.failure) == (0, None)


def test_the_harness_reports_an_internal_error_and_minimises_the_input(tmp_path: Path, monkeypatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("planted")

    monkeypatch.setattr("claimcheck.views.report.list_rows", broken)  # the forked child inherits the fault
    registry = (MINIMAL_SOURCES + "".join(f"# padding {i}\n" for i in range(16)) + MINIMAL_CLAIM).encode()
    outcome = run(tmp_path, registry, ("list", "--format", "json"), 30, 2048)
    assert (outcome.exit_code, outcome.failure) == (3, "exit code 3")
    assert outcome.stderr.startswith("claimcheck: internal error in `list`: RuntimeError: planted")
    smallest = minimise(registry, lambda data: run(tmp_path, data, ("list",), 30, 2048).failure == "exit code 3",
                        max_tries=40)
    assert b"padding" not in smallest and run(tmp_path, smallest, ("list",), 30, 2048).failure == "exit code 3"


def test_the_harness_reports_a_hang(tmp_path: Path, monkeypatch) -> None:
    import time

    monkeypatch.setattr("claimcheck.views.report.list_rows", lambda *_a, **_k: time.sleep(60))
    _prepare(tmp_path, _texts_beside(ROOT / "claims.yaml"))
    outcome = run(tmp_path, (ROOT / "claims.yaml").read_bytes(), ("list",), 0.5, 2048)
    assert (outcome.timed_out, outcome.failure) == (True, "time limit")


def test_a_finding_outside_the_file_is_reported() -> None:
    stdout = '{"schema_version": 1, "findings": [{"code": "CC002", "line": 3, "column": 1}]}'
    assert _json_findings(stdout, b"version: 1\nclaims: [") == (
        ["CC002"], ["CC002 at 3:1 (the file has 2 lines)"])
    assert _json_findings(stdout.replace('"line": 3', '"line": 2').replace('"column": 1', '"column": 10'),
                          b"version: 1\nclaims: [")[1] == []


def test_the_command_line_prints_the_figures(tmp_path: Path, capsys) -> None:
    code = fuzz_main(["--count", "5", "--workers", "1", "--registry", str(ROOT / "claims.yaml"), "--json",
                      "--out", str(tmp_path / "failures")])
    output = capsys.readouterr().out
    assert code == 0 and '"inputs": 5' in output and '"tracebacks": 0' in output


def test_says_and_quotes_are_mutated_independently() -> None:
    rng = random.Random(3)
    data = {"claims": [{"evidence": [{"says": "11/30", "quote": "11 of 30 men"} for _ in range(20)]}]}
    entries = data["claims"][0]["evidence"]
    _change_all(data, "quote", lambda quote: _mangled_quote(rng, quote), rng)
    changed = [entry for entry in entries if entry["quote"] != "11 of 30 men"]
    assert changed and all(entry["says"] == "11/30" for entry in changed)
    kinds = {mutate_structure(random.Random(seed), {"claims": [{"evidence": [{"says": "x", "quote": "y"}]}]})[1]
             for seed in range(200)}
    assert {"says", "quote", "says-and-quote"} <= kinds


# --- documents: PDFs, web pages and JATS articles, whole and damaged ------------------------------------------------

@pytest.mark.parametrize(("kind", "text"), [
    ("pdf", "a (b) \\ c\nsecond line é\n"),
    ("html", "Article\na (b) \\ c\nsecond line é\na 1%\n"),
    ("jats", "Article\nResults\na (b) \\ c\nsecond line é\nTable 1\na 1%\nA figure.\n"),
])
def test_a_whole_document_gives_back_its_text(kind: str, text: str) -> None:
    from claimcheck.fuzz.documents import FORMATS
    from claimcheck.registry.documents import extract

    extracted = extract("doc-0.txt", FORMATS[kind]("a (b) \\ c\nsecond line é"))
    assert (extracted.kind, extracted.text) == (kind, text)


def test_a_generated_registry_over_whole_documents_is_valid(tmp_path: Path) -> None:
    from claimcheck.fuzz.documents import FORMATS

    text, texts = generated_registry(random.Random(7))
    for kind, make in FORMATS.items():
        files = {**texts, "sources/doc-0.txt": make(texts["sources/doc-0.txt"])}
        _prepare(tmp_path, files)
        outcome = run(tmp_path, text.encode(), ("validate", "--format", "json"), 30, 2048)
        assert (kind, outcome.exit_code, outcome.failure) == (kind, 0, None)


def test_a_share_of_inputs_hold_a_document_and_registries_are_as_before() -> None:
    from claimcheck.fuzz.inputs import _registry_input

    base = (ROOT / "claims.yaml").read_text(encoding="utf-8")
    texts = _texts_beside(ROOT / "claims.yaml")
    made = [make_input(1, number, base, texts) for number in range(200)]
    with_documents = [item.how for item, _files in made if "+document:" in item.how]
    assert len(with_documents) == 66  # of 200; DOCUMENT_SHARE is 0.3
    assert {how.split("+document:")[1].split("+")[0] for how in with_documents} == {"pdf", "html", "jats"}
    assert all(item.data == _registry_input(1, item.number, base, texts)[0].data for item, _files in made)
    assert all(isinstance(files["sources/doc-0.txt"], bytes) for item, files in made
               if "+document:" in item.how and "sources/doc-0.txt" in files)


def test_a_damaged_document_is_a_finding_or_a_text_never_an_exception() -> None:
    from claimcheck.fuzz.documents import damaged_document
    from claimcheck.registry.loader import TextProblem, read_document
    from claimcheck.registry.quotes import SourceText

    problems = set()
    for number in range(150):
        raw, _how = damaged_document(random.Random(number), "Deaths fell from 18% to 12%.\nA second line.\n" * 3)
        read = read_document("doc-0.txt", raw, "`path: doc-0.txt`")
        assert isinstance(read, (SourceText, TextProblem))
        if isinstance(read, TextProblem):
            problems.add(read.rule_name)
    assert problems == {"source-file-unreadable"}


def test_a_pdf_page_that_cannot_be_loaded_is_a_finding() -> None:
    """Found by the campaign (seed 19, input 1118): PDFium opened the file but refused its second page."""
    from claimcheck.fuzz.documents import as_pdf
    from claimcheck.registry.loader import TextProblem, read_document

    raw = as_pdf("\n".join(f"line {i}" for i in range(60)))
    page = raw.rfind(b"<< /Type /Page ")
    read = read_document("doc-0.pdf", raw[:page] + b"[ /Type /Page " + raw[page + 15:], "`path: doc-0.pdf`")
    assert isinstance(read, TextProblem)
    assert read.message == ("`path: doc-0.pdf` cannot be read as a PDF (page 2: failed to load page); the file may "
                            "be truncated or damaged")
