"""Make `sources/walking-trial.pdf`, the example's PDF, from the text below (run once; the PDF is committed).

The article is fictional, written for this example: no trial, journal or author
stands behind it. It is set with fpdf2's built-in Helvetica on two A4 pages,
line by line as given here, so that its text layer has what real PDFs have:
a word broken by a hyphen at a line end (`partici-` / `pants`), a citation
mark set as a superscript after a full stop, and a second page. Its dates are
fixed, so running this again gives the same file for the same fpdf2.

    python examples/documents/make.py
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TITLE = "A ten-minute walk after dinner and fasting glucose"
SUBTITLE = "A randomised trial in adults with prediabetes (fictional)"
PAGE_ONE = [
    "Journal of Everyday Medicine 2025; 3: 41-42 (made up).",
    "",
    "Methods. We randomly assigned 240 adults with prediabetes",
    "to walk for ten minutes after dinner every day or to keep",
    "their usual routine, and followed the partici-",
    "pants for twelve weeks.",
    "",
    "Results. Fasting glucose returned to the normal range in",
    "54 of 120 walkers (45%) and in 38 of 120 controls (32%):",
    "a risk ratio of 1.42 (95% CI 1.02 to 1.98), p = 0.04.",
]
#: Ends page one; its citation mark is set as a superscript after the full stop.
CITED = "Earlier trials of walking after meals found smaller effects."
PAGE_TWO = [
    "Harms. No walker stopped because of harm; 6 of 120",
    "walkers (5%) reported sore feet in the first week.",
    "",
    "Conclusion. A short walk after dinner may help, but a",
    "larger and longer trial is needed first.",
]


def make(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc))
    pdf.set_title(TITLE)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.set_xy(20, 20)
    pdf.cell(170, 8, TITLE)
    pdf.set_font("Helvetica", "I", 11)
    pdf.set_xy(20, 28)
    pdf.cell(170, 6, SUBTITLE)
    pdf.set_font("Helvetica", size=10)
    y = _lines(pdf, PAGE_ONE, 40)
    pdf.set_xy(20, y)
    pdf.cell(pdf.get_string_width(CITED), 5, CITED)
    pdf.char_vpos = "SUP"
    pdf.cell(0, 5, "3")
    pdf.char_vpos = "LINE"
    pdf.add_page()
    _lines(pdf, PAGE_TWO, 20)
    pdf.output(str(path))
    return path


def _lines(pdf: Any, lines: list[str], y: float) -> float:
    for line in lines:
        if line:
            pdf.set_xy(20, y)
            pdf.cell(170, 5, line)
        y += 5
    return y


if __name__ == "__main__":
    print(make(HERE / "sources" / "walking-trial.pdf"))
