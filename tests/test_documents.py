"""Documents as users have them: PDF, web pages and JATS XML as sources, read as a reader sees them.

The documents are made at test time (tests/document_fixtures.py says how).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.registry.documents import DocumentProblem, MissingLibrary, detect, extract
from claimcheck.registry.documents.repair import reader_text
from claimcheck.registry.quotes import SourceText
from conftest import invoke, json_of
from document_fixtures import ARTICLE_HTML, ARTICLE_JATS, article_pdf

REGISTRY = """\
version: 1
sources:
  - id: paper
    title: The paper
    type: study
    design: cohort
    sample_size: 412
    path: {path}
claims:
  - id: mortality
    statement: Halvorex and mortality
    evidence:
      - source: paper
        says: HR 0.66 (95% CI 0.51-0.85)
        quote: "{quote}"
"""


def _text(name: str, raw: bytes) -> str:
    return extract(name, raw).text


# --- recognising a format ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "head", "kind"), [
    ("paper.pdf", b"%PDF-1.7\n", "pdf"),
    ("paper.bin", b"%PDF-1.4\n", "pdf"),  # by content, whatever the name
    ("page.txt", b"<!DOCTYPE html><html>", "html"),
    ("page.htm", b"hello", "html"),
    ("article", b'<?xml version="1.0"?><article>', "jats"),
    ("article.nxml", b"<article/>", "jats"),
    ("notes.md", b"# Notes", "text"),
    ("notes", b"plain words", "text"),
])
def test_a_format_is_recognised_by_content_then_by_name(name: str, head: bytes, kind: str) -> None:
    assert detect(name, head) == kind


# --- each format ----------------------------------------------------------------------------------------------------

def test_a_two_column_pdf_is_read_column_by_column_with_pages(tmp_path: Path) -> None:
    extracted = extract("a.pdf", article_pdf(tmp_path / "a.pdf").read_bytes())
    assert extracted.text == (
        "Halvorex and mortality in a fictional cohort\n"
        "In this cohort of 412 adults, halvorex\n"
        "reduced all-cause mortality\n"
        "by a third over two years.\n"
        "Deaths fell from 18% to 12% (hazard\n"
        "ratio 0.66, 95% CI 0.51 to 0.85).\n"
        "The effect was seen in all groups.\n"
        "Similar results were seen in older adults.\n"
        "Adverse events were rare and mild.\n"
        "Nausea was the most common side\n"
        "effect, reported by 4% of patients.\n"
        "No patient stopped treatment early\n"
        "because of harm.\n"
        "Larger trials are needed.\n"
        "Funding came from a fictional foundation.\n")
    assert extracted.pages == (1, 15)
    assert [extracted.location(line) for line in (1, 3, 14, 15)] == [
        "p. 1, line 1", "p. 1, line 3", "p. 1, line 14", "p. 2, line 1"]


def test_a_web_page_keeps_its_main_content_only() -> None:
    assert _text("page.html", ARTICLE_HTML.encode()) == (
        "Halvorex cuts deaths by a third\n"
        "In a cohort of 412 adults, halvorex reduced all-cause mortality by a third over two years. Deaths fell from "
        "18% to 12% (hazard ratio 0.66, 95% CI 0.51–0.85).\n"
        "The findings were seen in all groups; the change was -6 percentage points.\n"
        "Group Deaths\n"
        "Halvorex 12%\n")


def test_a_jats_article_keeps_body_tables_and_captions_not_references() -> None:
    extracted = extract("article.xml", ARTICLE_JATS.encode())
    assert extracted.text == (
        "Halvorex and mortality in a fictional cohort\n"
        "Halvorex reduced all-cause mortality by a third.\n"
        "Methods\n"
        "We followed 412 adults for two years.\n"
        "Results\n"
        "Deaths fell from 18% to 12% (hazard ratio 0.66, 95% CI 0.51 to 0.85). The effect was seen in all groups.\n"
        "Table 1\n"
        "Deaths by group.\n"
        "Group Deaths\n"
        "Halvorex 12%\n"
        "Placebo 18%\n"
        "Figure 1\n"
        "Survival over two years.\n")
    assert [extracted.location(line) for line in (2, 4, 10)] == ["line 2", "line 4, in Methods", "line 10, in Results"]


def test_plain_text_is_read_as_it_is() -> None:
    extracted = extract("notes.txt", "mortal-\nity fell.12 \u00a0".encode())
    assert (extracted.text, extracted.location(2)) == ("mortal-\nity fell.12 \u00a0", "line 2")


# --- the text a reader sees -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "seen"), [
    ("the \ufb01ndings \ufb02owed", "the findings flowed"),            # ligatures
    ("mortal\u00adity", "mortality"),                                # soft hyphen
    ("18%\u00a0to 12%\u2009CI\u202fwide", "18% to 12% CI wide"),     # non-breaking, thin, narrow spaces
    ("a change of \u22126 points", "a change of -6 points"),         # minus sign
    ("AUC 0.83\u00b2\u00b3 overall", "AUC 0.83 overall"),            # superscript marks after a number
    ("lower mortality.\u00b9\u00b2 Next", "lower mortality. Next"),  # after a word's punctuation
    ("2\u00d710\u2079 cells in 5 cm\u00b2", "2\u00d710\u2079 cells in 5 cm\u00b2"),  # a power and a unit are kept
    ("simulat\x02\ning the run", "simulating the run"),             # PDFium's soft hyphen at a line end
])
def test_repairs_of_every_extracted_document(raw: str, seen: str) -> None:
    assert reader_text(raw) == seen


@pytest.mark.parametrize(("raw", "seen"), [
    ("reduced mortality.12 The rest", "reduced mortality. The rest"),
    ("the risk,3,4 and", "the risk, and"),
    ("all-cause mortal-\nity by a third", "all-cause mortality\nby a third"),
    ("a long-\nterm use; long-term care", "a long-\nterm use; long-term care"),  # a compound keeps its hyphen
    ("in 2010.12 patients", "in 2010.12 patients"),  # a number after a number is no citation mark
])
def test_repairs_of_pdf_text(raw: str, seen: str) -> None:
    assert reader_text(raw, pdf=True) == seen


@pytest.mark.parametrize("quote", [
    "halvorex reduced all-cause mortality by a third over two years",  # across a line and a hyphen break
    "Deaths fell from 18% to 12% (hazard ratio 0.66, 95% CI 0.51 to 0.85). The effect",
    "Similar results were seen in older adults. Adverse events",  # the citation mark gone, into column two
])
def test_a_quote_copied_from_the_pdf_viewer_is_found(tmp_path: Path, quote: str) -> None:
    text = SourceText(_text("a.pdf", article_pdf(tmp_path / "a.pdf").read_bytes()))
    assert text.find(quote) is not None


def test_a_quote_copied_from_the_browser_is_found() -> None:
    text = SourceText(_text("page.html", ARTICLE_HTML.encode()))
    assert text.find("over two years. Deaths fell from 18%\u00a0to 12% (hazard ratio 0.66, 95% CI 0.51\u20130.85)")
    assert text.find("The \ufb01ndings were seen in all groups; the change was \u22126 percentage points")
    assert text.find("We use cookies") is None and text.find("Share on Facebook") is None


# --- through validate -----------------------------------------------------------------------------------------------

def test_validate_checks_quotes_against_a_pdf(registry: Callable[..., Path], tmp_path: Path) -> None:
    article_pdf(tmp_path / "paper.pdf")
    registry(REGISTRY.format(path="paper.pdf", quote="hazard ratio 0.66, 95% CI 0.51 to 0.85"))
    result = invoke("validate", "--select", "CC3")
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")


@pytest.mark.parametrize(("name", "content", "quote"), [
    ("page.html", ARTICLE_HTML, "hazard ratio 0.66, 95% CI 0.51–0.85"),
    ("article.xml", ARTICLE_JATS, "hazard ratio 0.66, 95% CI 0.51 to 0.85"),
])
def test_validate_checks_quotes_against_a_web_page_and_jats(registry: Callable[..., Path], name: str,
                                                            content: str, quote: str) -> None:
    registry(REGISTRY.format(path=name, quote=quote), {name: content})
    result = invoke("validate", "--select", "CC3")
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")


# --- bad documents are findings -------------------------------------------------------------------------------------

def _encrypted_pdf(path: Path) -> bytes:
    import pypdf

    article_pdf(path)
    writer = pypdf.PdfWriter(clone_from=str(path))
    writer.encrypt("secret")
    writer.write(str(path))
    return path.read_bytes()


def _scanned_pdf(path: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50, style="F")  # a page with marks but no text layer
    pdf.output(str(path))
    return path.read_bytes()


@pytest.mark.parametrize(("name", "make", "message"), [
    ("enc.pdf", _encrypted_pdf, "is encrypted (it needs a password); give claimcheck a copy without one"),
    ("scan.pdf", _scanned_pdf, ("has no text layer (a scanned document?); claimcheck does not do OCR, so give it a "
                                "PDF with text, or the text itself")),
    ("cut.pdf", lambda path: article_pdf(path).read_bytes()[:400],
     "cannot be read as a PDF (data format error); the file may be truncated or damaged"),
    ("empty.html", lambda path: b"<html><body><nav>Home</nav><script>x()</script></body></html>",
     "has no main text (nothing is left once navigation, scripts and banners are dropped)"),
    ("feed.xml", lambda path: b'<?xml version="1.0"?><rss><channel/></rss>',
     "is XML but not a JATS article (its root element is <rss>, not <article>)"),
    ("broken.xml", lambda path: b'<?xml version="1.0"?><article><body><p>cut',
     "is not well-formed XML (line 1, column 43: Premature end of data in tag p line 1)"),
    ("bomb.xml", lambda path: b'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "aaaaaaaaaa">]>'
                              b"<article><body><p>&a;&a;</p></body></article>",
     "is a JATS article with no text (no title, abstract or body)"),
])
def test_a_bad_document_is_a_located_finding(registry: Callable[..., Path], tmp_path: Path, name: str,
                                              make: Callable[[Path], bytes], message: str) -> None:
    raw = make(tmp_path / name)
    (tmp_path / name).write_bytes(raw)
    registry(REGISTRY.format(path=name, quote="hazard ratio 0.66"))
    result = invoke("validate", "--select", "CC1")
    assert result.exit_code == 1
    assert f"claims.yaml:8:11: CC104 [error] `path: {name}` {message} (source-file-unreadable)" in result.output, \
        result.output


def test_a_missing_library_names_the_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pypdfium2" else real(name, *a))
    with pytest.raises(MissingLibrary) as caught:
        extract("a.pdf", b"%PDF-1.7\n")
    assert caught.value.message == ("reading a PDF needs pypdfium2, which is not installed "
                                    "(`pip install 'claimcheck[pdf]'` installs it)")
    assert isinstance(caught.value, DocumentProblem)


# --- a text-only registry imports none of the formats' libraries ------------------------------------------------------

PROBE = """
import json, sys
from claimcheck.cli import main
try:
    main(["validate"], prog_name="claimcheck")
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def test_a_text_only_registry_imports_no_document_library(registry: Callable[..., Path]) -> None:
    path = registry(REGISTRY.format(path="paper.txt", quote="hazard ratio 0.66"),
                    {"paper.txt": "The hazard ratio 0.66 (0.51 to 0.85)."})
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                            cwd=path.parent)
    loaded = {name.split(".")[0] for name in __import__("json").loads(result.stderr)}
    assert sorted(loaded & {"lxml", "pypdfium2", "pypdf", "fpdf"}) == []
    assert "claimcheck.registry.documents.pdf" not in result.stderr


# --- locations ------------------------------------------------------------------------------------------------------

def _pdf_registry(registry: Callable[..., Path], tmp_path: Path, quote: str) -> None:
    article_pdf(tmp_path / "paper.pdf")
    registry(REGISTRY.format(path="paper.pdf", quote=quote))


def test_a_missed_quote_in_a_pdf_points_to_a_page_and_line(registry: Callable[..., Path], tmp_path: Path) -> None:
    _pdf_registry(registry, tmp_path, "hazard ratio 0.66, 95% CI 0.51 to 0.86")
    result = invoke("validate", "--select", "CC101")
    assert result.output == (
        "claims.yaml:15:16: CC101 [error] quote not found in the text of `paper` (paper.pdf); closest passage, "
        "p. 1, line 5 (89% alike): \"(hazard ratio 0.66, 95% CI 0.51 to 0.85). The effect\"; it differs at \"0.86\" "
        "(the text: \"0.85). The effect\") (quote-not-found)\nFound 1 error.\n")


def test_show_and_conflicts_json_give_a_pdf_quote_its_page(registry: Callable[..., Path], tmp_path: Path) -> None:
    _pdf_registry(registry, tmp_path, "hazard ratio 0.66, 95% CI 0.51 to 0.85")
    shown = " ".join(invoke("show", "mortality").output.split())
    assert "1. paper says HR 0.66 (95% CI 0.51-0.85) = HR 0.66 (95% CI 0.51 to 0.85) (p. 1, line 5)" in shown
    entry = json_of(invoke("show", "mortality", "--format", "json").output, "claim")["evidence"][0]
    assert (entry["line"], entry["location"]) == (5, "p. 1, line 5")


def test_extract_and_coverage_read_an_unregistered_and_a_registered_pdf(registry: Callable[..., Path],
                                                                        tmp_path: Path) -> None:
    _pdf_registry(registry, tmp_path, "hazard ratio 0.66, 95% CI 0.51 to 0.85")
    assert invoke("extract", "paper.pdf").output.splitlines()[:2] == [
        "paper.pdf:5:8: (p. 1, line 5) effect fell from 18% to 12%",
        "    \"Deaths fell from 18% to 12% (hazard\""]
    covered = json_of(invoke("coverage", "--format", "json").output, "coverage")
    assert [c["location"] for c in covered["sources"][0]["uncovered"]] == ["p. 1, line 5", "p. 1, line 11",
                                                                            "p. 1, line 14"]


def test_a_jats_quote_is_located_by_its_section(registry: Callable[..., Path]) -> None:
    registry(REGISTRY.format(path="article.xml", quote="hazard ratio 0.66, 95% CI 0.51 to 0.85"),
             {"article.xml": ARTICLE_JATS})
    entry = json_of(invoke("show", "mortality", "--format", "json").output, "claim")["evidence"][0]
    assert (entry["line"], entry["location"]) == (6, "line 6, in Results")


def test_extract_of_a_bad_document_is_a_usage_error(registry: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path / "cut.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")
    result = invoke("extract", "cut.pdf")
    assert (result.exit_code, result.output) == (
        2, ("claimcheck: error: cut.pdf: cannot be read as a PDF (data format error); the file may be truncated or "
           "damaged\n"))


# --- claimcheck text ------------------------------------------------------------------------------------------------

def test_text_prints_what_claimcheck_reads_with_locations(registry: Callable[..., Path], tmp_path: Path) -> None:
    _pdf_registry(registry, tmp_path, "hazard ratio 0.66, 95% CI 0.51 to 0.85")
    by_id = invoke("text", "paper")
    assert by_id.exit_code == 0
    assert by_id.output.splitlines()[4:6] == [" p. 1, line 5 | Deaths fell from 18% to 12% (hazard",
                                              " p. 1, line 6 | ratio 0.66, 95% CI 0.51 to 0.85)."]
    assert by_id.output.splitlines()[-2:] == ["p. 1, line 14 | Larger trials are needed.",
                                              " p. 2, line 1 | Funding came from a fictional foundation."]
    assert invoke("text", "paper.pdf").output == by_id.output


def test_text_of_a_jats_article_names_each_lines_section(registry: Callable[..., Path]) -> None:
    registry("version: 1\nsources: []\n", {"article.xml": ARTICLE_JATS})
    assert invoke("text", "article.xml").output.splitlines()[1:5] == [
        "             line 2 | Halvorex reduced all-cause mortality by a third.",
        " line 3, in Methods | Methods",
        " line 4, in Methods | We followed 412 adults for two years.",
        " line 5, in Results | Results"]


@pytest.mark.parametrize("head", [b"", b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'])
def test_a_web_page_in_utf8_is_read_as_utf8_whatever_it_declares(head: bytes) -> None:
    """Many saved pages declare no character set (the real example's did not); read as Latin-1, `’` became `â€™`."""
    raw = b"<html><head>" + head + "</head><body><p>Authors\u2019 contributions: 95%\u2009CI</p></body></html>".encode()
    assert _text("page.html", raw) == "Authors\u2019 contributions: 95% CI\n"


def test_a_web_page_in_latin1_keeps_its_declared_character_set() -> None:
    raw = '<html><head><meta charset="iso-8859-1"></head><body><p>caf\u00e9 au lait</p></body></html>'.encode("latin-1")
    assert _text("page.html", raw) == "caf\u00e9 au lait\n"
