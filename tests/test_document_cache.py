"""The cache of extracted texts (registry/documents/cache.py): hit, miss, a changed file, a damaged entry,
two runs at once, and the ways to place it or turn it off."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.registry.documents import DocumentProblem, Extracted
from claimcheck.registry.documents.cache import DocumentCache, version_key
from conftest import findings_of, invoke
from document_fixtures import PDF_REGISTRY as REGISTRY
from document_fixtures import article_pdf

PASSED = (0, "All checks passed.\n")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entry(folder: Path, path: Path) -> Path:
    return folder / version_key() / f"{_sha(path)}.json"


@pytest.fixture
def pdf_registry(registry: Callable[..., Path], tmp_path: Path) -> Path:
    pdf = article_pdf(tmp_path / "paper.pdf")
    registry(REGISTRY)
    return pdf


def _no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any reading of a PDF fail loudly, to show that a run took its text from the cache."""
    def refuse(raw: bytes, deadline: object = None) -> Extracted:
        raise AssertionError("the PDF was read again")

    from claimcheck.registry.documents import pdf

    monkeypatch.setattr(pdf, "extract", refuse)


def test_a_second_run_reads_the_text_from_the_cache(pdf_registry: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert (invoke("validate").exit_code, invoke("validate").output) == PASSED
    entry = _entry(tmp_path / ".claimcheck-cache", pdf_registry)
    stored = json.loads(entry.read_text(encoding="utf-8"))
    assert list(stored) == ["claimcheck", "sha256", "kind", "text", "pages", "sections"]
    assert (stored["claimcheck"], stored["sha256"], stored["kind"], stored["pages"]) == (
        "0.1.0+r2", _sha(pdf_registry), "pdf", [1, 15])
    assert stored["text"].startswith("Halvorex and mortality in a fictional cohort\nIn this cohort of 412 adults")
    assert (tmp_path / ".claimcheck-cache" / ".gitignore").read_text(encoding="utf-8") == (
        "# Made by claimcheck: the cache is never committed.\n*\n")
    assert (tmp_path / ".claimcheck-cache" / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55\n")
    _no_extraction(monkeypatch)
    result = invoke("validate")
    assert (result.exit_code, result.output) == PASSED
    assert invoke("text", "paper").output.splitlines()[4] == " p. 1, line 5 | Deaths fell from 18% to 12% (hazard"


def test_a_changed_file_is_read_afresh(pdf_registry: Path, tmp_path: Path) -> None:
    invoke("validate")
    old = _entry(tmp_path / ".claimcheck-cache", pdf_registry)
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 5, "Deaths fell (hazard ratio 0.70, 95% CI 0.51 to 0.85).")
    pdf.output(str(pdf_registry))
    result = invoke("validate", "--select", "CC101")
    assert result.exit_code == 1 and "CC101 [error] quote not found in the text of `paper`" in result.output
    assert old.is_file() and _entry(tmp_path / ".claimcheck-cache", pdf_registry).is_file()


@pytest.mark.parametrize("damage", [
    b"",                                    # a zero-length entry (a crash before its bytes reached the disk)
    b'{"claimcheck": "0.1.0+r2", "sha',      # cut short
    b"\xff\xfe not utf-8",
    b"[1, 2]",
    b'{"claimcheck": "0.0.1+r1", "sha256": "x", "kind": "pdf", "text": "", "pages": [], "sections": []}',
])
def test_a_damaged_entry_is_read_again_and_rewritten(pdf_registry: Path, tmp_path: Path, damage: bytes) -> None:
    invoke("validate")
    entry = _entry(tmp_path / ".claimcheck-cache", pdf_registry)
    whole = entry.read_bytes()
    entry.write_bytes(damage)
    assert (invoke("validate").exit_code, invoke("validate").output) == PASSED
    assert entry.read_bytes() == whole


@pytest.mark.parametrize("data", [
    {"kind": "exe", "text": "x", "pages": [], "sections": []},
    {"kind": "pdf", "text": 3, "pages": [], "sections": []},
    {"kind": "pdf", "text": "x", "pages": [True], "sections": []},
    {"kind": "jats", "text": "x", "pages": [], "sections": [[1]]},
    {"kind": "pdf", "text": "x", "pages": []},
    {"problem": 7},
])
def test_an_entry_that_does_not_hold_what_it_should_is_not_used(tmp_path: Path, data: dict[str, object]) -> None:
    cache = DocumentCache(tmp_path / "cache")
    cache.put("a" * 64, Extracted("x", "pdf"))
    cache.path("a" * 64).write_text(json.dumps({"claimcheck": version_key(), "sha256": "a" * 64, **data}))
    assert cache.get("a" * 64) is None


def test_an_entry_under_another_files_name_is_not_used(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "cache")
    cache.put("a" * 64, Extracted("x", "pdf", (1,)))
    cache.path("a" * 64).rename(cache.path("b" * 64))
    assert cache.get("b" * 64) is None
    cache.put("c" * 64, Extracted("y", "jats", (), ((2, "Methods"),)))
    assert cache.get("c" * 64) == Extracted("y", "jats", (), ((2, "Methods"),))


def test_a_bad_document_is_remembered_too(registry: Callable[..., Path], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")
    registry(REGISTRY)
    first = invoke("validate", "--select", "CC104").output
    assert "CC104 [error] `path: paper.pdf` cannot be read as a PDF (data format error)" in first
    _no_extraction(monkeypatch)
    assert invoke("validate", "--select", "CC104").output == first


def test_a_missing_library_is_not_remembered(pdf_registry: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pypdfium2" else real(name, *a))
    assert "needs pypdfium2, which is not installed" in invoke("validate").output
    assert not (tmp_path / ".claimcheck-cache" / version_key()).exists() or not any(
        (tmp_path / ".claimcheck-cache" / version_key()).iterdir())


def test_no_cache_writes_nothing_and_reads_nothing(pdf_registry: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert (invoke("validate", "--no-cache").exit_code, invoke("validate", "--no-cache").output) == PASSED
    assert not (tmp_path / ".claimcheck-cache").exists()
    (tmp_path / "claimcheck.toml").write_text("cache = false\n", encoding="utf-8")
    assert invoke("validate").output == "All checks passed.\n"
    assert not (tmp_path / ".claimcheck-cache").exists()
    invoke("validate", "--cache")  # the flag wins over the configuration
    assert _entry(tmp_path / ".claimcheck-cache", pdf_registry).is_file()
    _no_extraction(monkeypatch)
    assert "AssertionError: the PDF was read again" in invoke("validate", "--no-cache").output


def test_the_cache_folder_is_configurable(pdf_registry: Path, tmp_path: Path) -> None:
    invoke("validate", "--cache-dir", "elsewhere/cache")
    assert _entry(tmp_path / "elsewhere" / "cache", pdf_registry).is_file()
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "claimcheck.toml").write_text('cache-dir = "../kept"\n', encoding="utf-8")
    invoke("validate", "--config", "conf/claimcheck.toml")
    assert _entry(tmp_path / "kept", pdf_registry).is_file()
    assert not (tmp_path / ".claimcheck-cache").exists()


def test_a_folder_of_the_users_is_not_marked(pdf_registry: Path, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    invoke("validate", "--cache-dir", "mine")
    assert sorted(path.name for path in (tmp_path / "mine").iterdir()) == [version_key()]


def test_a_cache_that_cannot_be_written_is_passed_over(pdf_registry: Path, tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file, not a folder", encoding="utf-8")
    result = invoke("validate", "--cache-dir", "blocked/cache")
    assert (result.exit_code, result.output) == PASSED


def test_a_wrong_cache_dir_in_the_configuration_is_located(pdf_registry: Path, tmp_path: Path) -> None:
    (tmp_path / "claimcheck.toml").write_text("cache-dir = 3\n", encoding="utf-8")
    result = invoke("validate")
    assert (result.exit_code, result.output) == (
        2, ("claimcheck: error: claimcheck.toml:1:13: `cache-dir` must be a folder's path, relative to this file; "
            "got the number `3`\n"))


def test_writers_and_readers_at_once_see_whole_entries_or_none(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "cache")
    digest = "d" * 64
    entries = [Extracted("line\n" * size, "pdf", (1,)) for size in (10, 50_000)]
    seen: list[Extracted | DocumentProblem | None] = []
    stop = threading.Event()

    def write(entry: Extracted) -> None:
        for _ in range(60):
            cache.put(digest, entry)

    def read() -> None:
        while not stop.is_set():
            seen.append(cache.get(digest))

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(entry,)) for entry in entries]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    reader.join()
    assert {entry for entry in seen if entry is not None} <= set(entries)
    assert cache.get(digest) in entries
    assert [path.name for path in cache.entries.iterdir()] == [f"{digest}.json"]  # no temporary file left


def test_two_runs_at_once_both_pass_and_leave_whole_entries(registry: Callable[..., Path], tmp_path: Path) -> None:
    sources = "".join(f"  - id: paper-{n}\n    title: Paper {n}\n    type: study\n    design: cohort\n"
                      f"    sample_size: 40\n    path: paper-{n}.pdf\n"
                      for n in range(6))
    for n in range(6):
        article_pdf(tmp_path / f"paper-{n}.pdf")
        (tmp_path / f"paper-{n}.pdf").write_bytes((tmp_path / f"paper-{n}.pdf").read_bytes() + f"%{n}\n".encode())
    registry(f"version: 1\nsources:\n{sources}claims: []\n")
    command = [sys.executable, "-m", "claimcheck", "validate", "-q", "--select", "CC1"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [(run.communicate()[0], run.returncode) for run in runs]
    assert outputs == [("", 0)] * 2  # -q: nothing on success
    cache = DocumentCache(tmp_path / ".claimcheck-cache")
    assert all(isinstance(cache.get(_sha(tmp_path / f"paper-{n}.pdf")), Extracted) for n in range(6))
    assert len(list(cache.entries.iterdir())) == 6


def test_the_same_bytes_under_another_format_s_name_have_their_own_entry(registry: Callable[..., Path],
                                                                           tmp_path: Path) -> None:
    # A reviewer's reproducer: a.html and b.xml hold the same bytes, which are read as two formats.
    page = b"<div><p>11 of 30 men</p></div>"
    (tmp_path / "a.html").write_bytes(page)
    (tmp_path / "b.xml").write_bytes(page)
    registry("version: 1\nsources:\n  - id: art\n    title: A\n    type: other\n    path: b.xml\n"
             "  - id: page\n    title: P\n    type: other\n    path: a.html\n"
             "claims:\n  - id: c\n    statement: S\n    evidence:\n      - source: page\n        says: 11/30\n"
             "        quote: \"11 of 30 men\"\n")
    uncached = [f["code"] for f in findings_of("claims.yaml", "--no-cache")]
    assert [f["code"] for f in findings_of()] == uncached == [f["code"] for f in findings_of()]
