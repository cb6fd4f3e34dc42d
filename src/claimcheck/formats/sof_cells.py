"""The summary-of-findings table's columns and footnotes, shared by its markdown, HTML and csv forms.

Every cell is worked out here from `views/sof.py`'s rows, so the three forms hold the same text;
each form only escapes and lays it out. Footnotes are lettered across the whole table (a, b, c...,
then aa, ab...) in the order their rows come, as GRADEpro letters them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claimcheck.formats.base import Rows

Cell = Callable[[dict[str, Any]], str]

HEADERS = ("Outcome", "Participants (studies)", "Relative effect (95% CI)", "Risk with control",
           "Risk with intervention", "Risk difference", "Certainty", "What happens")


def _per_1000(row: dict[str, Any], field: str) -> str:
    absolute = row["absolute"]
    if absolute is None:
        return "—"
    if field == "control":
        return f"{round(absolute['control_per_1000']):,} per 1,000"
    centre, low, high = (round(x) for x in absolute["intervention_per_1000"])
    return f"{centre:,} per 1,000 ({low:,} to {high:,})"


def letter(number: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa."""
    word = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        word = chr(ord("a") + rest) + word
    return word


@dataclass(frozen=True)
class Table:
    """The table's rows as text cells, each row's footnote letters, and the footnotes themselves."""

    rows: list[list[str]]
    letters: list[list[str]]
    notes: list[tuple[str, str]]


def table(rows: Rows) -> Table:
    cells: list[list[str]] = []
    letters: list[list[str]] = []
    notes: list[tuple[str, str]] = []
    for row in rows:
        mine = []
        for footnote in row["footnotes"]:
            mine.append(letter(len(notes)))
            notes.append((mine[-1], footnote))
        letters.append(mine)
        cells.append([
            row["outcome"],
            row["participants_shown"],
            row["relative"]["shown"] if row["relative"] else "—",
            _per_1000(row, "control"),
            _per_1000(row, "intervention"),
            row["absolute"]["shown"] if row["absolute"] else "—",
            row["certainty_shown"],
            row["plain_language"] or "—",
        ])
    return Table(cells, letters, notes)


CERTAINTY_COLUMN = HEADERS.index("Certainty")
