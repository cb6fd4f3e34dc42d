"""`claimcheck scan`: every check one document can settle, over a corpus, in every output, at any scale."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from claimcheck.scan import corpus
from claimcheck.scan.corpus import Cache, Summary, documents, scan_documents
from claimcheck.scan.document import scan_text, sentence_around
from conftest import invoke

#: A results paragraph with one slip of each kind `scan` checks, and statements that are right.
PAPER = """\
Results. Of the patients, 11 of 30 men (40%) responded, and 12 of 30 women (40%) did.
The difference was significant, t(28) = 2.20, p = .02, and F(1, 40) = 4.1, p < .05 held.
The second test was t(30) = 1.20, p = .03.
The risk ratio was 0.89 (95% CI 0.81 to 0.98), p = 0.002.
Scores averaged M = 3.45, SD = 1.20, n = 10.
"""


def findings(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in scan_text("paper.txt", text).findings]


def test_each_check_that_one_document_settles() -> None:
    assert findings(PAPER) == [
        (1, 27, "CC303"),   # 11/30 is 36.67%, not 40%
        (2, 33, "CC318"),   # t(28) = 2.20 gives p = .036, not .02
        (3, 21, "CC319"),   # t(30) = 1.20 gives p = .24: not significant, although p = .03 says so
        (4, 5, "CC315"),    # the interval gives p from .008 to .031, not .002
        (5, 17, "CC320"),   # no 10 whole numbers average 3.45 (GRIM)
    ]


def test_a_finding_says_what_was_recomputed_and_where() -> None:
    result = scan_text("paper.txt", PAPER)
    first = result.findings[0]
    assert (first.message, first.sentence) == (
        ("`11/30 (40%)`: 11/30 is 36.67%, outside [39.5, 40.5]%, the percentages that round to 40% (half up or half "
        "to even)"), "Of the patients, 11 of 30 men (40%) responded, and 12 of 30 women (40%) did.")
    assert result.statements == {"count with percentage": 2, "test statistic": 3, "estimate with interval": 1,
                                 "mean with n": 1}


def test_words_are_checked_against_a_ratio_in_the_same_sentence() -> None:
    text = "Halvorex cut strokes by a third (RR 0.89, 95% CI 0.81 to 0.98).\nIt cut falls by a third.\n"  # no ratio beside
    assert [f.code for f in scan_text("release.txt", text).findings] == ["CC322"]


def test_statements_that_fit_give_no_finding() -> None:
    text = "Of 30 men, 11 of 30 men (37%) responded; t(28) = 2.20, p = .04; RR 0.89 (95% CI 0.81 to 0.98), p = 0.02.\n"
    assert findings(text) == []


@pytest.fixture
def papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "papers" / "more").mkdir(parents=True)
    (tmp_path / "papers" / "a.txt").write_text(PAPER, encoding="utf-8")
    (tmp_path / "papers" / "more" / "b.md").write_text("Of 30 men, 11 of 30 men (37%) responded.\n", encoding="utf-8")
    (tmp_path / "papers" / "more" / "c.txt").write_bytes(b"caf\xe9")
    (tmp_path / "papers" / "notes.rst").write_text("11 of 30 men (40%)\n", encoding="utf-8")
    return tmp_path / "papers"


def test_the_text_output_and_its_summary(papers: Path) -> None:
    result = invoke("scan", "papers")
    assert result.exit_code == 1
    assert result.output == (
        "papers/a.txt:1:27: CC303 [error] `11/30 (40%)`: 11/30 is 36.67%, outside [39.5, 40.5]%, the percentages "
        "that round to 40% (half up or half to even) (percent-mismatch)\n"
        "    Of the patients, 11 of 30 men (40%) responded, and 12 of 30 women (40%) did.\n"
        "papers/a.txt:2:33: CC318 [warning] `t(28) = 2.20, p = .02`: t(28) = 2.20 gives two-tailed p = 0.036 (any "
        "value from 2.195 to 2.205 gives 0.036 to 0.037); the text says p = .02 (statcheck-inconsistency)\n"
        "    The difference was significant, t(28) = 2.20, p = .02, and F(1, 40) = 4.1, p < .05 held.\n"
        "papers/a.txt:3:21: CC319 [error] `t(30) = 1.20, p = .03`: t(30) = 1.20 gives two-tailed p = 0.24 (any value "
        "from 1.195 to 1.205 gives 0.238 to 0.241); the text says p = .03: the two fall on either side of 0.05 "
        "(statcheck-decision-error)\n"
        "    The second test was t(30) = 1.20, p = .03.\n"
        "papers/a.txt:4:5: CC315 [warning] `RR 0.89 (95% CI 0.81-0.98), p = 0.002`: the interval 0.81 to 0.98 implies "
        "p from 0.008 to 0.031 (Altman and Bland's method, at the rounding of every number); the text says p = 0.002; "
        "a 99% interval with these ends would fit it (p-interval-mismatch)\n"
        "    The risk ratio was 0.89 (95% CI 0.81 to 0.98), p = 0.002.\n"
        "papers/a.txt:5:17: CC320 [error] `M = 3.45, SD = 1.20, n = 10`: no 10 whole-number answers have a mean that "
        "rounds to 3.45; the nearest possible means are 3.40 and 3.50 (GRIM) (grim-inconsistent)\n"
        "    Scores averaged M = 3.45, SD = 1.20, n = 10.\n"
        "papers/more/c.txt: cannot be read: not UTF-8 text (byte offset 3)\n"
        "\n"
        "Scanned 3 documents: checked 3 test statistics, 1 estimate with interval, 3 counts with percentages, "
        "1 mean with n.\n"
        "Found 3 errors and 2 warnings. In 1 of 3 documents.\n"
        "Test statistics: 2 inconsistent p-values in 1 document; 1 decision error in 1 document.\n"
        "1 document could not be read.\n")


@pytest.mark.parametrize("args, code", [
    ((), 1), (("--exit-zero",), 0), (("--fail-on", "never"), 0), (("--ignore", "CC303,CC319,CC320"), 0),
    (("--ignore", "CC303,CC319,CC320", "--fail-on", "warning"), 1), (("--select", "CC318"), 0),
])
def test_exit_codes_follow_fail_on_and_the_selection(papers: Path, args: tuple[str, ...], code: int) -> None:
    assert invoke("scan", "papers", *args).exit_code == code


def test_selection_keeps_only_the_chosen_codes(papers: Path) -> None:
    data = json.loads(invoke("scan", "papers", "--select", "CC31", "--format", "json").output)
    assert [f["code"] for d in data["documents"] for f in d["findings"]] == ["CC318", "CC319", "CC315"]


@pytest.mark.parametrize("args, message", [
    (("nowhere",), "claimcheck: error: nowhere: no such file or directory\n"),
    (("papers", "--select", "CC9O"), ("claimcheck: error: unknown rule code or prefix `CC9O`; `claimcheck rules` "
                                      "lists the codes\n")),
])
def test_usage_errors(papers: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke("scan", *args)
    assert (result.exit_code, result.output) == (2, message)


def test_glob_chooses_the_files_of_a_folder(papers: Path) -> None:
    assert documents(["papers"]) == ["papers/a.txt", "papers/more/b.md", "papers/more/c.txt"]
    assert documents(["papers"], ("*.rst",)) == ["papers/notes.rst"]
    assert documents(["papers/notes.rst", "papers"], ("*.rst",)) == ["papers/notes.rst"]  # each document once
    data = json.loads(invoke("scan", "papers", "--glob", "*.rst", "--format", "json").output)
    assert data["summary"]["documents"] == 1 and data["documents"][0]["findings"][0]["code"] == "CC303"


def test_json_holds_the_documents_with_findings_and_the_summary(papers: Path) -> None:
    data = json.loads(invoke("scan", "papers", "--format", "json").output)
    assert [d["document"] for d in data["documents"]] == ["papers/a.txt", "papers/more/c.txt"]
    assert data["summary"] == {
        "documents": 3, "findings": 5, "errors": 3, "warnings": 2,
        "statements": {"test statistic": 3, "estimate with interval": 1, "count with percentage": 3, "mean with n": 1,
                       "two-arm counts": 0},
        "statcheck_inconsistencies": 2, "statcheck_decision_errors": 1, "documents_with_findings": 1,
        "documents_with_inconsistency": 1, "documents_with_decision_error": 1,
        "unreadable": [{"document": "papers/more/c.txt", "reason": "not UTF-8 text (byte offset 3)"}]}


def test_jsonl_streams_a_record_per_document_then_the_summary(papers: Path) -> None:
    records = [json.loads(line) for line in invoke("scan", "papers", "--format", "jsonl").output.splitlines()]
    assert [(r["type"], r.get("document")) for r in records] == [
        ("document", "papers/a.txt"), ("document", "papers/more/b.md"), ("document", "papers/more/c.txt"),
        ("summary", None)]
    assert records[1]["findings"] == [] and records[1]["statements"]["count with percentage"] == 1


def test_csv_has_a_row_per_test_statistic_with_statcheck_s_columns(papers: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("scan", "papers", "--format", "csv").output)))
    assert [(r["statistic"], r["test"], r["df1"], r["df2"], r["value"], r["reported_comparison"], r["reported_p"],
             r["error"], r["decision_error"]) for r in rows] == [
        ("t(28) = 2.20, p = .02", "t", "NA", "28", "2.2", "=", "0.02", "TRUE", "FALSE"),
        ("F(1, 40) = 4.1, p < .05", "F", "1", "40", "4.1", "<", "0.05", "FALSE", "FALSE"),
        ("t(30) = 1.20, p = .03", "t", "NA", "30", "1.2", "=", "0.03", "TRUE", "TRUE")]
    # scipy.stats.t.sf(2.20, 28) * 2 = 0.036225...; scipy.stats.f.sf(4.1, 1, 40) = 0.049594...
    # scipy.stats.t.sf(1.20, 30) * 2 = 0.23953...
    assert [round(float(r["computed_p"]), 5) for r in rows] == [0.03623, 0.04959, 0.23953]


def test_sarif_locates_each_finding_in_its_document(papers: Path) -> None:
    log = json.loads(invoke("scan", "papers", "--format", "sarif").output)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("CC303", "papers/a.txt", 1), ("CC318", "papers/a.txt", 2), ("CC319", "papers/a.txt", 3),
        ("CC315", "papers/a.txt", 4), ("CC320", "papers/a.txt", 5)]


def test_processes_give_the_same_output_as_one(papers: Path) -> None:
    for name in "defgh":
        (papers / f"{name}.txt").write_text(PAPER.replace("11 of 30", f"1{ord(name) % 10} of 30"), encoding="utf-8")
    one = invoke("scan", "papers", "--jobs", "1", "--format", "jsonl").output
    assert invoke("scan", "papers", "--jobs", "2", "--format", "jsonl").output == one


def test_the_cache_reads_only_new_or_changed_documents(papers: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[str] = []
    real = corpus.scan_text

    def counting(name: str, text: str):  # type: ignore[no-untyped-def]
        scanned.append(name)
        return real(name, text)

    monkeypatch.setattr(corpus, "scan_text", counting)
    first = invoke("scan", "papers", "--jobs", "1", "--cache", ".cache", "--format", "json").output
    assert scanned == ["papers/a.txt", "papers/more/b.md"]  # c.txt cannot be read: never cached
    scanned.clear()
    assert invoke("scan", "papers", "--jobs", "1", "--cache", ".cache", "--format", "json").output == first
    assert scanned == []
    (papers / "more" / "b.md").write_text("Now 11 of 30 men (40%) responded.\n", encoding="utf-8")
    (papers / "new.txt").write_text("Nothing.\n", encoding="utf-8")
    invoke("scan", "papers", "--jobs", "1", "--cache", ".cache")
    assert scanned == ["papers/more/b.md", "papers/new.txt"]


def test_a_damaged_or_half_written_cache_entry_is_scanned_again(papers: Path) -> None:
    cache = Cache(Path(".cache"))
    first = list(scan_documents(["papers/a.txt"], cache=cache))
    key = cache.key("papers/a.txt")
    assert key is not None
    entry = Path(".cache") / key[:2] / f"{key}.json"
    entry.write_text('{"document": "papers/a.txt", "err', encoding="utf-8")
    assert list(scan_documents(["papers/a.txt"], cache=cache)) == first
    assert not [name for name in os.listdir(entry.parent) if name.endswith(".tmp")]


def test_a_document_moved_keeps_its_cached_result_under_its_new_name(papers: Path) -> None:
    cache = Cache(Path(".cache"))
    list(scan_documents(["papers/a.txt"], cache=cache))
    (papers / "a.txt").rename(papers / "renamed.txt")
    [result] = scan_documents(["papers/renamed.txt"], cache=cache)
    assert result.document == "papers/renamed.txt" and len(result.findings) == 5


def test_the_summary_counts_statcheck_s_headline_figures() -> None:
    summary = Summary()
    summary.add(scan_text("a.txt", PAPER))
    summary.add(scan_text("b.txt", "Fine: t(28) = 2.20, p = .04.\n"))
    assert (summary.documents, summary.inconsistencies, summary.decision_errors, summary.documents_with_inconsistency,
            summary.statements["test statistic"]) == (2, 2, 1, 1, 4)


def test_a_dask_cluster_gives_the_same_output_as_a_local_run(papers: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        on_cluster = invoke("scan", "papers", "--dask", cluster.scheduler_address, "--format", "jsonl")
    assert on_cluster.exit_code == 1
    assert on_cluster.output == invoke("scan", "papers", "--jobs", "1", "--format", "jsonl").output


def test_an_unreachable_scheduler_is_a_usage_error(papers: Path) -> None:
    pytest.importorskip("distributed")
    result = invoke("scan", "papers", "--dask", "tcp://127.0.0.1:9")
    assert result.exit_code == 2 and result.output.startswith(
        "claimcheck: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def test_a_sentence_with_two_ratios_pairs_no_words_with_either() -> None:
    text = "Deaths were 17% lower (HR 0.83, 95% CI 0.75 to 0.93) and admissions 40% lower (HR 0.60, 95% CI 0.50 to 0.72).\n"
    assert findings(text) == []


def _pdf(path: Path, pages: list[list[str]]) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    for lines in pages:
        pdf.add_page()
        for number, line in enumerate(lines):
            pdf.set_xy(15, 15 + 6 * number)
            pdf.cell(180, 5, line)
    pdf.output(str(path))


def test_pdf_and_web_pages_are_scanned_as_a_reader_sees_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fpdf")
    pytest.importorskip("pypdfium2")
    pytest.importorskip("lxml")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "papers").mkdir()
    _pdf(tmp_path / "papers" / "paper.pdf", [["Methods are described elsewhere."],
                                             ["Recall improved, t(28) = 2.20, p = .02, as expected."]])
    (tmp_path / "papers" / "page.html").write_text(
        "<!DOCTYPE html><html><body><nav>Home | t(9) = 9.99, p = .99</nav><main><h1>Results</h1>"
        "<p>Of the patients, 11 of 30 men (40%) responded.</p></main></body></html>", encoding="utf-8")
    (tmp_path / "papers" / "broken.pdf").write_bytes(b"%PDF-1.7\n%broken")
    result = invoke("scan", "papers")
    lines = result.output.splitlines()
    assert lines[:4] == [
        ("papers/broken.pdf: cannot be read: cannot be read as a PDF (data format error); the file may be truncated or "
        "damaged"),
        ("papers/page.html (line 2): CC303 [error] `11/30 (40%)`: 11/30 is 36.67%, outside [39.5, 40.5]%, the "
        "percentages that round to 40% (half up or half to even) (percent-mismatch)"),
        "    Of the patients, 11 of 30 men (40%) responded.",
        ("papers/paper.pdf (p. 2, line 1): CC318 [warning] `t(28) = 2.20, p = .02`: t(28) = 2.20 gives two-tailed "
        "p = 0.036 (any value from 2.195 to 2.205 gives 0.036 to 0.037); the text says p = .02 "
        "(statcheck-inconsistency)")]
    rows = list(csv.DictReader(io.StringIO(invoke("scan", "papers", "--format", "csv").output)))
    assert [(r["document"], r["line"], r["location"]) for r in rows] == [("papers/paper.pdf", "2", "p. 2, line 1")]


@pytest.mark.parametrize("text, blocks, sentence", [
    ("We tested 48 students. In the first session 19 of\n48 students (45%) recalled the list. Then\n", False,
     "In the first session 19 of 48 students (45%) recalled the list."),          # a wrapped line is one sentence
    ("Results\nOf 48 students, 19 of 48 (45%) recalled it.\n", True, "Of 48 students, 19 of 48 (45%) recalled it."),
    ("The value was p = .02. Next came 19 of 48 (45%).\n\nNew paragraph.", False, "Next came 19 of 48 (45%)."),
])
def test_the_sentence_shown_is_the_one_a_reader_reads(text: str, blocks: bool, sentence: str) -> None:
    start = text.index("19 of")
    assert sentence_around(text, start, start + 5, blocks) == sentence


def test_a_document_over_its_time_limit_is_reported_and_the_scan_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fpdf")
    pytest.importorskip("pypdfium2")
    from claimcheck.registry.documents import base

    monkeypatch.chdir(tmp_path)
    (tmp_path / "papers").mkdir()
    _pdf(tmp_path / "papers" / "slow.pdf", [["t(28) = 2.20, p = .02"], ["More."]])
    (tmp_path / "papers" / "fine.txt").write_text("t(28) = 2.20, p = .02\n", encoding="utf-8")
    clock = iter(range(0, 10_000, 20))  # every look at the clock is 20 seconds later
    monkeypatch.setattr(base, "monotonic", lambda: next(clock))
    result = invoke("scan", "papers", "--jobs", "1", "--limit", "document-seconds=30")
    assert result.output.splitlines()[:2] == [
        ("papers/fine.txt:1:1: CC318 [warning] `t(28) = 2.20, p = .02`: t(28) = 2.20 gives two-tailed p = 0.036 "
        "(any value from 2.195 to 2.205 gives 0.036 to 0.037); the text says p = .02 (statcheck-inconsistency)"),
        "    t(28) = 2.20, p = .02"]
    assert "papers/slow.pdf: cannot be read: took more than 30 seconds to read" in result.output


def test_scan_takes_only_the_document_time_limit(papers: Path) -> None:
    result = invoke("scan", "papers", "--limit", "depth=3")
    assert (result.exit_code, result.output) == (
        2, "claimcheck: error: scan takes only the limit `document-seconds`; got `depth`\n")


def test_the_scan_cache_keeps_a_document_s_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("lxml")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "papers").mkdir()
    fragment = "<h1>Results</h1>\n<p>Scores rose,\nt(28) = 2.20, p = .36.</p>\n"
    (tmp_path / "papers" / "frag.html").write_text(fragment, encoding="utf-8")
    (tmp_path / "papers" / "frag.md").write_text(fragment, encoding="utf-8")
    uncached = invoke("scan", "papers", "--jobs", "1", "--format", "json").output
    invoke("scan", "papers", "--jobs", "1", "--cache", ".cache")
    assert invoke("scan", "papers", "--jobs", "1", "--cache", ".cache", "--format", "json").output == uncached


@pytest.mark.parametrize("text", [
    # A reviewer's reproducers: words and a ratio in one sentence, but about different things.
    "Mortality was lower with treatment (HR 0.83, 95% CI 0.75-0.93), although costs were 20% higher.\n",
    "Deaths were halved in the first year; over five years the hazard ratio was 0.83 (95% CI 0.75-0.93).\n",
])
def test_words_and_a_ratio_apart_in_a_sentence_are_not_paired(text: str) -> None:
    assert findings(text) == []


def test_a_ratio_rounded_down_to_zero_is_no_error() -> None:
    assert findings("The odds ratio was 0.10 (95% CI 0.00 to 0.52).\n") == []
