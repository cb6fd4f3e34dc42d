"""PDF: the text layer, page by page, read with PDFium (pypdfium2).

Each page's text runs are read in PDFium's order, except on a page set in two
columns: when a vertical gutter splits the page's text runs into a left and a
right column, each band between runs that span the gutter (a title, a wide
table) is read left column first, then right column. Within limits: at most
`MAX_PAGES` pages are read, and the time limit (`Deadline`) is checked
before each page and between the bands of a two-column page, so reading stops
within a page's time of the limit. An encrypted PDF, one that PDFium cannot
open, and one whose pages hold no text (a scan: claimcheck does no OCR) are
refused with a message that says so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claimcheck.registry.documents.base import NO_DEADLINE, Deadline, DocumentProblem, Extracted, require
from claimcheck.registry.documents.repair import reader_text

#: Pages read at most; a longer PDF is refused (a hostile file cannot make claimcheck read for ever).
MAX_PAGES = 5_000
#: Share of a page's text runs that must lie wholly on one side of a gutter for the page to count as two columns.
COLUMN_SHARE = 0.8


@dataclass(frozen=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float


def extract(raw: bytes, deadline: Deadline = NO_DEADLINE) -> Extracted:
    require("pypdfium2", "a PDF", "pypdfium2", "pdf")
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(raw)
    except pypdfium2.PdfiumError as error:
        raise DocumentProblem(_open_problem(str(error))) from None
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise DocumentProblem(f"has {pages:,} pages; claimcheck reads at most {MAX_PAGES:,}")
        texts = []
        for number in range(pages):
            where = f"at page {number + 1:,} of {pages:,}"
            deadline.check(where)
            texts.append(_read_page(pypdfium2, document, number, functools.partial(deadline.check, where)))
    finally:
        document.close()
    if not any(text.strip() for text in texts):
        raise DocumentProblem("has no text layer (a scanned document?); claimcheck does not do OCR, so give it a "
                              "PDF with text, or the text itself")
    starts: list[int] = []
    lines: list[str] = []
    for text in texts:
        starts.append(len(lines) + 1)
        lines.extend(text.split("\n"))
    return Extracted("\n".join(lines) + "\n", "pdf", pages=tuple(starts))


def _open_problem(reason: str) -> str:
    if "password" in reason.lower():
        return "is encrypted (it needs a password); give claimcheck a copy without one"
    found = re.search(r"PDFium: ([^)]+)", reason)
    shown = found.group(1).lower() if found else reason.rstrip(".")
    return f"cannot be read as a PDF ({shown}); the file may be truncated or damaged"


def _read_page(pypdfium2: Any, document: Any, number: int, check: Callable[[], None]) -> str:
    try:
        return _page_text(document, number, check)
    except pypdfium2.PdfiumError as error:
        reason = str(error).rstrip(".").lower()
        raise DocumentProblem(f"cannot be read as a PDF (page {number + 1}: {reason}); the file may be truncated or "
                              "damaged") from None


def _page_text(document: Any, number: int, check: Callable[[], None]) -> str:
    page = document[number]
    try:
        textpage = page.get_textpage()
        try:
            width, height = page.get_size()
            text = "\n".join(_bands(textpage, width, height, check))
        finally:
            textpage.close()
    finally:
        page.close()
    text = "\n".join(line.rstrip(" ") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return reader_text(text, pdf=True).strip("\n")


def _bands(textpage: Any, width: float, height: float, check: Callable[[], None]) -> list[str]:
    """The page's text: whole, or band by band and column by column when it is set in two columns.

    `check` (the time limit) runs between bands: a hostile page may have a great many.
    """
    runs = [_Run(*textpage.get_rect(index)) for index in range(textpage.count_rects())]
    gutter = _gutter(runs, width)
    if gutter is None:
        return [textpage.get_text_bounded()]
    spanning = sorted((run for run in runs if run.left < gutter < run.right), key=lambda run: -run.top)
    texts: list[str] = []
    top = height
    for run in [*spanning, _Run(0, -1, width, -1)]:
        check()
        if run.top < top:  # the band between the previous spanning run and this one: left column, then right
            texts.extend(_bounded(textpage, (0, run.top, gutter, top), (gutter, run.top, width, top)))
        if run.bottom >= 0:
            texts.extend(_bounded(textpage, (0, run.bottom, width, min(top, run.top))))
        top = min(top, run.bottom)
    return [text for text in texts if text.strip()]


def _bounded(textpage: Any, *boxes: tuple[float, float, float, float]) -> list[str]:
    return [textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
            for left, bottom, right, top in boxes if top > bottom]


def _gutter(runs: list[_Run], width: float) -> float | None:
    """The x of a vertical gap near the page's middle that most text runs keep to one side of, or None."""
    if len(runs) < 6:
        return None
    for share in (0.5, 0.45, 0.55, 0.4, 0.6):
        x = width * share
        left = sum(run.right <= x for run in runs)
        right = sum(run.left >= x for run in runs)
        if min(left, right) >= 3 and left + right >= COLUMN_SHARE * len(runs):
            return x
    return None
