"""Helpers shared by the tests: write a registry, run the CLI, read findings."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Deterministic property tests, with no time limit per example: the suite runs on noisy shared machines.
settings.register_profile("deterministic", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("deterministic")

MINIMAL_SOURCES = """\
version: 1
sources:
  - id: study-a
    title: Study A
    type: study
    design: cohort
    sample_size: 30
  - id: news-a
    title: News A
    type: news
    cites: [study-a]
"""

#: One claim that MINIMAL_SOURCES supports cleanly (lines 12-18 after MINIMAL_SOURCES).
MINIMAL_CLAIM = """\
claims:
  - id: response
    statement: Share who responded
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 men"
"""


@pytest.fixture(autouse=True)
def outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the output of a plain run, even when the suite itself runs in CI or GitHub Actions."""
    for name in ("GITHUB_ACTIONS", "CI"):
        monkeypatch.delenv(name, raising=False)


def invoke(*args: str, env: Mapping[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=dict(env or {}), catch_exceptions=False)


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write claims.yaml (dedented) and any extra files into a fresh folder, and cd there."""
    monkeypatch.chdir(tmp_path)

    def write(text: str, files: Mapping[str, str | bytes] | None = None, name: str = "claims.yaml") -> Path:
        for relative, content in (files or {}).items():
            target = tmp_path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def json_of(output: str, key: str) -> Any:
    """The data of a JSON output: every one is `{"schema_version": 1, key: data}` (`conflicts` adds `not_checked`)."""
    document = json.loads(output)
    members = ["schema_version", key, "not_checked"] if key == "conflicts" else ["schema_version", key]
    assert list(document) == members and document["schema_version"] == 1, document
    return document[key]


def findings_of(path: Path | str = "claims.yaml", *extra: str) -> list[dict[str, Any]]:
    result = invoke("validate", str(path), "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json_of(result.output, "findings")
    return findings


def codes_at(path: Path | str = "claims.yaml") -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["code"]) for f in findings_of(path)]
