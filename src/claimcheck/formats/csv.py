"""CSV: the summary-of-findings table for a spreadsheet, one row per claim, footnotes in a last column.

Cells that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a
carriage return) get a leading apostrophe, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
import io

from claimcheck.formats.base import Format, Output, Rows, printable
from claimcheck.formats.sof_cells import HEADERS, table

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    value = printable(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def render_sof(rows: Rows) -> str:
    laid = table(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Claim", *HEADERS, "Footnotes"])
    for row, cells, letters in zip(rows, laid.rows, laid.letters):
        notes = dict(laid.notes)
        footnotes = " ".join(f"{mark}. {notes[mark]}" for mark in letters)
        writer.writerow([cell(row["claim"]), *(cell(c) for c in cells), cell(footnotes)])
    return buffer.getvalue()


class CsvFormat(Format):
    name = "csv"

    def summary_of_findings(self, rows: Rows, out: Output) -> None:
        out.write(render_sof(rows))


FORMAT = CsvFormat()
