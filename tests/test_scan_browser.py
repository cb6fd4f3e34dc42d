"""`claimcheck scan --format html` in a real headless browser (as the evidence map is tested)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import invoke
from test_report_browser import browser, problems  # noqa: F401 - the session's browser fixture
from test_scan import PAPER

pytestmark = pytest.mark.browser


def test_the_corpus_report_lists_documents_with_errors_first(browser: Any, tmp_path: Path,  # noqa: F811
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "a-clean.txt").write_text("Of 30 men, 11 of 30 men (37%) responded.\n", encoding="utf-8")
    (tmp_path / "papers" / "b-warning.txt").write_text("Fine but t(28) = 2.20, p = .02.\n", encoding="utf-8")
    (tmp_path / "papers" / "c-errors.txt").write_text(  # markup in a sentence shows as text, never runs
        PAPER.replace("responded,", "responded <img src=x onerror=alert(1)>,"), encoding="utf-8")
    (tmp_path / "papers" / "d-bad.txt").write_bytes(b"caf\xe9")
    result = invoke("scan", "papers", "--format", "html")
    page = tmp_path / "scan.html"
    page.write_text(result.output, encoding="utf-8")
    browser.get(page.as_uri())
    order = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.document h2')).map(h => h.textContent);")
    assert order == ["papers/c-errors.txt", "papers/b-warning.txt", "papers/d-bad.txt"]
    first = browser.execute_script("return document.querySelector('section.document li').innerText;")
    assert first.startswith("line 1, column 27 CC303 error `11/30 (40%)`: 11/30 is 36.67%")
    assert "Of the patients, 11 of 30 men (40%) responded <img src=x onerror=alert(1)>," in first
    summary = browser.execute_script("return document.querySelector('.summary').innerText;")
    assert "Scanned 4 documents" in summary and "1 document could not be read." in summary
    assert browser.execute_script("return document.querySelector('p.clean').textContent;") == (
        "1 other document with no finding.")
    assert problems(browser) == []
