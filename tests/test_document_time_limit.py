"""A document is read within a time limit (`document-seconds`): a hostile PDF cannot hold a run for ever.

The clock is claimcheck's own (`documents.base.monotonic`), replaced here by one
that moves only when the test says, so that the tests take no time and give the
same answer on any machine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimcheck.registry.documents import TimeLimitExceeded, base, extract, pdf
from claimcheck.registry.limits import DEFAULT_LIMITS
from conftest import invoke
from document_fixtures import ARTICLE_HTML, ARTICLE_JATS, article_pdf
from document_fixtures import PDF_REGISTRY as REGISTRY

STOPPED = ("`path: paper.pdf` took more than 15 seconds to read, so claimcheck stopped at page 2 of 2 "
           "(`--limit document-seconds=N` raises the limit)")


@pytest.fixture
def slow_pages(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A clock on which each PDF page takes 20 seconds to read, and nothing else takes any time."""
    now = [0.0]
    read_page = pdf._page_text

    def page_text(*args: Any) -> str:
        text = read_page(*args)
        now[0] += 20
        return text

    monkeypatch.setattr(base, "monotonic", lambda: now[0])
    monkeypatch.setattr(pdf, "_page_text", page_text)
    return now


def test_the_default_limit_is_30_seconds() -> None:
    assert DEFAULT_LIMITS.document_seconds == 30


def test_a_pdf_read_past_its_time_is_cc104_and_read_again_next_time(registry: Callable[..., Path],
                                                                    tmp_path: Path, slow_pages: list[float]) -> None:
    article_pdf(tmp_path / "paper.pdf")
    registry(REGISTRY)
    result = invoke("validate", "--limit", "document-seconds=15")
    assert (result.exit_code, result.output) == (
        1, f"claims.yaml:8:11: CC104 [error] {STOPPED} (source-file-unreadable)\nFound 1 error.\n")
    assert slow_pages == [20.0]  # page 1 was read, page 2 never begun
    # Not kept in the cache: under the default 30 seconds (page 2 begins at 20) the PDF is read whole, then kept.
    assert (invoke("validate").exit_code, slow_pages) == (0, [60.0])
    assert (invoke("validate").exit_code, slow_pages) == (0, [60.0])  # from the cache: no page read


def test_the_limit_is_checked_before_each_page(tmp_path: Path, slow_pages: list[float]) -> None:
    raw = article_pdf(tmp_path / "paper.pdf").read_bytes()
    with pytest.raises(TimeLimitExceeded) as stopped:
        extract("paper.pdf", raw, seconds=15)
    assert stopped.value.message == ("took more than 15 seconds to read, so claimcheck stopped at page 2 of 2 "
                                     "(`--limit document-seconds=N` raises the limit)")
    assert extract("paper.pdf", raw, seconds=None).pages == (1, 15)  # no limit at all


def test_the_limit_is_checked_between_the_bands_of_a_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A page of many bands (runs across the gutter) is stopped inside it, not after it."""
    raw = article_pdf(tmp_path / "paper.pdf").read_bytes()
    calls = [0.0]

    def clock() -> float:  # each reading of the clock takes 10 seconds
        calls[0] += 10
        return calls[0]

    monkeypatch.setattr(base, "monotonic", clock)
    with pytest.raises(TimeLimitExceeded, match="stopped at page 1 of 2"):
        extract("paper.pdf", raw, seconds=25)


@pytest.mark.parametrize(("name", "content"), [("page.html", ARTICLE_HTML), ("article.xml", ARTICLE_JATS)])
def test_a_web_page_or_article_is_stopped_after_parsing(monkeypatch: pytest.MonkeyPatch, name: str,
                                                        content: str) -> None:
    calls = [0.0]

    def clock() -> float:
        calls[0] += 20
        return calls[0]

    monkeypatch.setattr(base, "monotonic", clock)
    with pytest.raises(TimeLimitExceeded) as stopped:
        extract(name, content.encode(), seconds=15)
    assert stopped.value.message == ("took more than 15 seconds to read, so claimcheck stopped after parsing it "
                                     "(`--limit document-seconds=N` raises the limit)")


def test_text_and_extract_keep_the_limit(registry: Callable[..., Path], tmp_path: Path,
                                         slow_pages: list[float]) -> None:
    article_pdf(tmp_path / "paper.pdf")
    registry("version: 1\nsources: []\n")
    for command in ("text", "extract"):
        result = invoke(command, "paper.pdf", "--limit", "document-seconds=15")
        assert (result.exit_code, result.output) == (
            2, f"claimcheck: error: paper.pdf: {STOPPED.removeprefix('`path: paper.pdf` ')}\n"), command


def test_the_limit_is_a_positive_whole_number_of_seconds(registry: Callable[..., Path]) -> None:
    registry("version: 1\nsources: []\n")
    for value, message in (("0", "must be positive; got 0"), ("30s", "must be a whole number of seconds; got `30s`"),
                           ("30M", "is a number of seconds, without a unit; got `30M`")):
        result = invoke("validate", "--limit", f"document-seconds={value}")
        assert (result.exit_code, result.output) == (2, f"claimcheck: error: limit `document-seconds` {message}\n")
