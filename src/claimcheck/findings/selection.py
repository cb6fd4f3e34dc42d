"""Which finding codes a run reports: `select` and `ignore`, with ruff's precedence.

A selector is a code (`CC303`), a prefix of codes (`CC3`, `CC30`) or `ALL`.
Within one selection, selectors apply from the least specific (`ALL`) to the
most specific (a whole code), and at equal specificity `ignore` beats
`select`; so `--select CC3 --ignore CC303` reports the CC3xx codes but CC303,
and `--select CC303 --ignore CC3` reports CC303 alone. Selections are applied
in order, the configuration's first, then the command line's: a selection
with `select` starts afresh (the earlier ones are dropped, their `ignore` too),
one with only `ignore` removes codes from what came before. Without any
`select`, every code is reported.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimcheck.findings.rules import RULES

ALL = "ALL"


class SelectionError(ValueError):
    """A selector that names no rule."""


@dataclass(frozen=True)
class RuleSelection:
    """One source's choice of codes: `select` (None: keep what came before) and `ignore`."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()


def split_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """Selectors as given on the command line: repeated, or separated by commas."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def check_selector(selector: str) -> str:
    """The selector in its canonical form; SelectionError, with a suggestion, if it names no rule."""
    canonical = selector.strip().upper()
    if canonical == ALL or (canonical and any(code.startswith(canonical) for code in RULES)):
        return canonical
    close = difflib.get_close_matches(canonical, _selectors_of_length(len(canonical)), n=3, cutoff=0.6) \
        if canonical else []
    hint = f"; did you mean {', '.join(close)}?" if close else "; `claimcheck rules` lists the codes"
    raise SelectionError(f"unknown rule code or prefix `{selector}`{hint}")


def _selectors_of_length(length: int) -> list[str]:
    """Every valid selector as long as a mistyped one: its likely intended spellings."""
    prefixes = sorted({code[:length] for code in RULES if len(code) >= length})
    return [*prefixes, ALL] if length == len(ALL) else prefixes


def _codes(selector: str) -> list[str]:
    return list(RULES) if selector == ALL else [code for code in RULES if code.startswith(selector)]


def _specificity(selector: str) -> int:
    return 0 if selector == ALL else len(selector)


def enabled_codes(selections: Sequence[RuleSelection]) -> frozenset[str]:
    """The codes a run reports, after every selection in order."""
    enabled = set(RULES)
    for selection in selections:
        select = [check_selector(s) for s in selection.select or ()]
        ignore = [check_selector(s) for s in selection.ignore]
        updates: dict[str, bool] = {}
        for level in sorted({_specificity(s) for s in select + ignore}):
            for selector in select:
                if _specificity(selector) == level:
                    updates.update(dict.fromkeys(_codes(selector), True))
            for selector in ignore:
                if _specificity(selector) == level:
                    updates.update(dict.fromkeys(_codes(selector), False))
        if selection.select is not None:
            enabled = {code for code, on in updates.items() if on}
        else:
            enabled |= {code for code, on in updates.items() if on}
            enabled -= {code for code, on in updates.items() if not on}
    return frozenset(enabled)
