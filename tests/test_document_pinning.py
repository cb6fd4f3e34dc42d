"""A source's `sha256`: the document its quotes were checked against, and a warning when the file changes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import invoke, json_of
from document_fixtures import article_pdf

REGISTRY = """\
version: 1
sources:
  - id: paper
    title: The paper
    type: study
    design: cohort
    sample_size: 412
    path: {path}
    sha256: {sha256}
  - id: lost
    title: A lost paper
    type: news
    path: gone.txt
claims:
  - id: mortality
    statement: Halvorex and mortality
    evidence:
      - source: paper
        says: HR 0.66 (95% CI 0.51-0.85)
        quote: "hazard ratio 0.66, 95% CI 0.51 to 0.85"
      - source: lost
        says: HR 0.66 (95% CI 0.51-0.85)
        quote: "hazard ratio 0.66, 95% CI 0.51 to 0.85"
"""
TEXT = "Deaths fell (hazard ratio 0.66, 95% CI 0.51 to 0.85).\n"
TEXT_SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def test_a_pinned_document_that_has_not_changed_passes(registry: Callable[..., Path]) -> None:
    registry(REGISTRY.format(path="paper.txt", sha256=TEXT_SHA), {"paper.txt": TEXT})
    assert invoke("validate", "--select", "CC106").output == "All checks passed.\n"
    registry(REGISTRY.format(path="paper.txt", sha256=TEXT_SHA.upper()), {"paper.txt": TEXT})
    assert invoke("validate", "--select", "CC106").output == "All checks passed.\n"


def test_a_changed_document_is_a_warning_naming_both_hashes(registry: Callable[..., Path], tmp_path: Path) -> None:
    pdf = article_pdf(tmp_path / "paper.pdf")
    now = hashlib.sha256(pdf.read_bytes()).hexdigest()
    registry(REGISTRY.format(path="paper.pdf", sha256=TEXT_SHA))
    result = invoke("validate", "--select", "CC106")
    assert (result.exit_code, result.output) == (0, (
        f"claims.yaml:9:13: CC106 [warning] `paper.pdf` has changed since its quotes were checked: its SHA-256 is "
        f"now {now[:12]}…, not {TEXT_SHA[:12]}… as `sha256` says; read the quotes again in it, then give `sha256` "
        "its new hash (`claimcheck sources --format json`) (document-changed)\nFound 1 warning.\n"))
    assert invoke("validate", "--select", "CC106", "--strict").exit_code == 1


def test_a_changed_document_is_warned_of_from_the_cache_too(registry: Callable[..., Path], tmp_path: Path) -> None:
    article_pdf(tmp_path / "paper.pdf")
    registry(REGISTRY.format(path="paper.pdf", sha256="0" * 64))
    first = invoke("validate", "--select", "CC106").output
    assert (tmp_path / ".claimcheck-cache").is_dir()
    assert invoke("validate", "--select", "CC106").output == first
    assert "CC106 [warning]" in first


@pytest.mark.parametrize("value", ["abc", "sha256:" + TEXT_SHA, TEXT_SHA[:-1] + "g", "12345"])
def test_a_malformed_hash_is_a_format_error(registry: Callable[..., Path], value: str) -> None:
    registry(REGISTRY.format(path="paper.txt", sha256=f'"{value}"'), {"paper.txt": TEXT})
    result = invoke("validate", "--select", "CC2")
    assert ("claims.yaml:9:13: CC205 [error] `sha256` must be a SHA-256 hash: 64 hexadecimal digits, as "
            "`claimcheck sources --format json` gives it") in result.output, result.output


def test_sources_json_gives_each_documents_hash(registry: Callable[..., Path], tmp_path: Path) -> None:
    pdf = article_pdf(tmp_path / "paper.pdf")
    registry(REGISTRY.format(path="paper.pdf", sha256=TEXT_SHA))
    rows = json_of(invoke("sources", "--format", "json", "--exit-zero").stdout, "sources")
    assert [(row["source"], row["sha256"]) for row in rows] == [
        ("paper", hashlib.sha256(pdf.read_bytes()).hexdigest()), ("lost", None)]
