"""Output formats: one module each, all with the interface of `base.Format`.

This table is the registry of formats and of the views each renders. It is
read without importing the formats themselves, so that building the command
line (and `--help`, `--version`) stays cheap; `get` imports one on demand.
Adding a format is one module and one row here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from claimcheck.formats.base import CLAIM, CLAIMS, CONFLICTS, FINDINGS, SOURCES, Format

__all__ = ["CLAIM", "CLAIMS", "CONFLICTS", "FINDINGS", "FORMATS", "SOURCES", "Format", "FormatInfo", "choices", "get",
           "get_info"]


@dataclass(frozen=True)
class FormatInfo:
    name: str
    module: str
    views: frozenset[str]


_REPORTS = frozenset({CONFLICTS, CLAIMS, CLAIM, SOURCES})

FORMATS: tuple[FormatInfo, ...] = (
    FormatInfo("text", "claimcheck.formats.text", frozenset({FINDINGS}) | _REPORTS),
    FormatInfo("json", "claimcheck.formats.json", frozenset({FINDINGS}) | _REPORTS),
    FormatInfo("github", "claimcheck.formats.github", frozenset({FINDINGS, CONFLICTS})),
)


def choices(view: str) -> tuple[str, ...]:
    """The names of the formats that render a view, in table order."""
    return tuple(info.name for info in FORMATS if view in info.views)


def get_info(name: str) -> FormatInfo:
    """The registry row of the format called `name` (StopIteration names a programming mistake)."""
    return next(info for info in FORMATS if info.name == name)


def get(name: str) -> Format:
    """The format called `name`, imported on first use."""
    info = get_info(name)
    module = importlib.import_module(info.module)
    fmt: Format = module.FORMAT
    return fmt
