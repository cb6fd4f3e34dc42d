"""Output formats: one module each, all with the interface of `base.Format`.

This table is the registry of formats and of the views each renders. It is
read without importing the formats themselves, so that building the command
line (and `--help`, `--version`) stays cheap; `get` imports one on demand.
Adding a format is one module and one row here.

`auto`, the default of every command, is not a format but a choice made at
run time (`resolve`), as yamllint makes it: GitHub workflow commands inside
GitHub Actions (`GITHUB_ACTIONS=true`) where the view has them, else text,
which is coloured on a terminal and plain otherwise.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

from claimcheck.formats.base import (
    CANDIDATES,
    CLAIM,
    CLAIMS,
    CONFLICTS,
    COVERAGE,
    EVIDENCE_MAP,
    FINDINGS,
    SOF,
    SOURCES,
    STATISTICS,
    Format,
)

__all__ = ["AUTO", "CANDIDATES", "CLAIM", "CLAIMS", "CONFLICTS", "COVERAGE", "EVIDENCE_MAP", "FINDINGS", "FORMATS", "SOF", "SOURCES", "STATISTICS",
           "Format", "FormatInfo", "choices", "get", "get_info", "resolve"]

AUTO = "auto"


@dataclass(frozen=True)
class FormatInfo:
    name: str
    module: str
    views: frozenset[str]


_REPORTS = frozenset({CONFLICTS, CLAIMS, CLAIM, SOURCES})

FORMATS: tuple[FormatInfo, ...] = (
    FormatInfo("text", "claimcheck.formats.text", frozenset({FINDINGS, STATISTICS, CANDIDATES, COVERAGE}) | _REPORTS),
    FormatInfo("json", "claimcheck.formats.json",
               frozenset({FINDINGS, STATISTICS, CANDIDATES, COVERAGE, SOF}) | _REPORTS),
    FormatInfo("github", "claimcheck.formats.github", frozenset({FINDINGS, CONFLICTS})),
    FormatInfo("sarif", "claimcheck.formats.sarif", frozenset({FINDINGS, CONFLICTS})),
    FormatInfo("markdown", "claimcheck.formats.markdown", frozenset({CLAIMS, CONFLICTS, SOF})),
    FormatInfo("html", "claimcheck.formats.html", frozenset({EVIDENCE_MAP, SOF})),
    FormatInfo("csv", "claimcheck.formats.csv", frozenset({SOF})),
    FormatInfo("yaml", "claimcheck.formats.yaml", frozenset({CANDIDATES})),
)


def choices(view: str) -> tuple[str, ...]:
    """The names of the formats that render a view, in table order."""
    return tuple(info.name for info in FORMATS if view in info.views)


def resolve(name: str, view: str, environ: Mapping[str, str]) -> str:
    """The format to use: `name` itself, or for `auto` the one that fits where claimcheck runs."""
    if name != AUTO:
        return name
    in_actions = environ.get("GITHUB_ACTIONS") == "true"
    return "github" if in_actions and view in get_info("github").views else "text"


def get_info(name: str) -> FormatInfo:
    """The registry row of the format called `name` (StopIteration names a programming mistake)."""
    return next(info for info in FORMATS if info.name == name)


def get(name: str) -> Format:
    """The format called `name`, imported on first use."""
    info = get_info(name)
    module = importlib.import_module(info.module)
    fmt: Format = module.FORMAT
    return fmt
