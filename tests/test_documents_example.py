"""examples/documents: a registry whose sources are a PDF and a saved web page, as the README shows it."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from claimcheck.registry.documents import extract
from conftest import ROOT, invoke, json_of

EXAMPLE = ROOT / "examples" / "documents"
REGISTRY = str(EXAMPLE / "claims.yaml")
PDF = EXAMPLE / "sources" / "walking-trial.pdf"
PAGE = EXAMPLE / "sources" / "walking-news.html"


def _make_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_documents_example", EXAMPLE / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_is_clean_with_its_pdf_pinned() -> None:
    result = invoke("validate", "--strict", "--no-cache", REGISTRY)
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")
    assert f"sha256: {hashlib.sha256(PDF.read_bytes()).hexdigest()}" in (EXAMPLE / "claims.yaml").read_text()


def test_the_committed_pdf_is_what_make_py_writes(tmp_path: Path) -> None:
    """The same text, page by page (another fpdf2 may write other bytes; the same one writes the same)."""
    made = _make_module().make(tmp_path / "walking-trial.pdf")
    assert extract("made.pdf", made.read_bytes()) == extract("committed.pdf", PDF.read_bytes())


def test_quotes_are_located_by_page_and_line_in_the_pdf_and_by_line_in_the_page() -> None:
    locations = {}
    for claim in ("walkers-normal-glucose", "walking-effect", "sore-feet"):
        result = invoke("show", claim, REGISTRY, "--no-cache", "--format", "json")
        for entry in json_of(result.output, "claim")["evidence"]:
            locations[claim, entry["source"]] = entry["location"]
    assert locations == {
        ("walkers-normal-glucose", "walking-trial"): "p. 1, line 7",
        ("walkers-normal-glucose", "walking-news"): "line 4",
        ("walking-effect", "walking-trial"): "p. 1, line 9",
        ("walking-effect", "walking-news"): "line 6",
        ("sore-feet", "walking-trial"): "p. 2, line 1",
    }


def test_the_news_storys_doubled_conflicts_with_the_trials_ratio() -> None:
    result = invoke("conflicts", REGISTRY, "--no-cache", "--fail")
    assert result.exit_code == 1
    assert result.output.splitlines()[-6:] == [
        "    a. walking-trial says RR 1.42 (95% CI 1.02 to 1.98), p = 0.04",
        '       "a risk ratio of 1.42 (95% CI 1.02 to 1.98), p = 0.04" (p. 1, line 9)',
        "    b. walking-news says doubled",
        '       "the evening walk doubled their chances" (line 6)',
        "",
        "1 conflict between pairs of quotes.",
    ]


def test_the_pdfs_hyphen_and_citation_mark_are_mended() -> None:
    lines = invoke("text", "walking-trial", "--registry", REGISTRY, "--no-cache").output.splitlines()
    assert lines[5:10] == [
        " p. 1, line 6 | their usual routine, and followed the participants for twelve weeks.",
        " p. 1, line 7 | Results. Fasting glucose returned to the normal range in",
        " p. 1, line 8 | 54 of 120 walkers (45%) and in 38 of 120 controls (32%):",
        " p. 1, line 9 | a risk ratio of 1.42 (95% CI 1.02 to 1.98), p = 0.04.",
        "p. 1, line 10 | Earlier trials of walking after meals found smaller effects.",
    ]
    assert lines[-1] == " p. 2, line 4 | larger and longer trial is needed first."


@pytest.mark.parametrize("hidden", ["We and our 312 partners use cookies", "Accept all", "Daily Health Digest",
                                    "Share on Facebook", "walking cuts diabetes risk by 90%",
                                    "Do you really need 10,000 steps?", "Sign up", "All rights reserved"])
def test_the_web_page_gives_its_article_alone(hidden: str) -> None:
    text = extract(PAGE.name, PAGE.read_bytes()).text
    assert text.splitlines()[0] == "A stroll after supper doubles the chance of normal blood sugar"
    assert hidden not in text


# --- examples/documents/real: a real article (CC BY 2.0) as its publisher's saved page ---------------------------

REAL = EXAMPLE / "real"


def test_the_real_article_is_clean_and_pinned() -> None:
    result = invoke("validate", "--strict", "--no-cache", str(REAL))
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")
    page = REAL / "sources" / "orme-2014-ijbnpa.html"
    assert hashlib.sha256(page.read_bytes()).hexdigest() in (REAL / "claims.yaml").read_text()
    assert hashlib.sha256(page.read_bytes()).hexdigest() in (REAL / "README.md").read_text()


def test_the_real_page_is_read_as_utf8_without_its_scripts_and_advertising() -> None:
    text = extract("page.html", (REAL / "sources" / "orme-2014-ijbnpa.html").read_bytes()).text
    lines = text.splitlines()
    assert "Authors\u2019 contributions" in lines and "\u00e2\u0080" not in text
    assert lines[13] == ("Combined influence of epoch length, cut-point and bout duration on "
                         "accelerometry-derived physical activity")
    for hidden in ("OAS_AD", "_gaq", "jsonLoaders", "window.bmcIsMobile", "adstream"):
        assert hidden not in text, hidden
    entries = {}
    for claim in ("ten-minute-bouts", "epoch-length-effect", "obese-share"):
        result = invoke("show", claim, str(REAL), "--no-cache", "--format", "json")
        entries[claim] = json_of(result.output, "claim")["evidence"][0]["location"]
    assert entries == {"ten-minute-bouts": "line 77", "epoch-length-effect": "line 69", "obese-share": "line 63"}
