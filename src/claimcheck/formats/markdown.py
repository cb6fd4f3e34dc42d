"""GitHub-flavoured markdown for pull requests and reports: the claim list as a table, conflicts as lists.

Registry text is escaped so that it shows as written and can add nothing to
the page: no emphasis, code, links, images, HTML, table cells, headings or
list items of its own. `text` escapes it for the middle of a line (a table
cell, after a list marker); `line_start` also for the start of a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from claimcheck.formats import sof_cells
from claimcheck.formats.base import Format, Output, Rows, location, printable
from claimcheck.formats.text_lines import (
    NOT_CHECKED,
    claims_summary,
    conflicts_summary,
    errors_text,
    not_checked_line,
)
from claimcheck.judge.verdicts import GRADE_MARKS, VERDICT_SYMBOLS
from claimcheck.views.report import Report, merge_rows, not_checked_rows, says_text, side_quotes, values_by_source

# What starts markup inside a line: backslash itself, code, emphasis and strikethrough, links and images ([),
# HTML and autolinks (<), entities (&), table cells (|), math ($), headings (#), and the colon of a bare
# URL such as https://... that GitHub would turn into a link (a colon after a letter, before a non-space).
_INLINE_SPECIAL = re.compile(r"([\\`*_~\[<&|$#]|(?<=[A-Za-z]):(?=\S))")
# A bare `www.` address that GitHub would turn into a link.
_WWW = re.compile(r"(www)\.", re.IGNORECASE)
# An @name would notify that person, an e-mail address would become a link, and #123 a link to an issue:
# a zero-width space after `@`, and between `#` and a digit, keeps them plain text.
_MENTION = re.compile(r"@(?=\S)")
_ISSUE = re.compile(r"#(?=\d)")
# What starts a block at the start of a line and `text` leaves alone: a list item (-, +, 1. or 1)), a quote
# (>), a thematic break or setext underline (-, =), indented code (leading spaces).
_ORDERED = re.compile(r"^(\d+)([.)])")


def text(value: object) -> str:
    """Registry or document text, escaped for the middle of a markdown line; one line, never several."""
    escaped = printable(str(value)).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    escaped = _INLINE_SPECIAL.sub(r"\\\1", escaped)
    escaped = _WWW.sub(r"\1\\.", escaped)
    return _ISSUE.sub("#\u200b", _MENTION.sub("@\u200b", escaped))


def line_start(value: object) -> str:
    """Registry text escaped to begin a line: as `text`, and no block marker at its start."""
    escaped = text(value).lstrip(" ")
    if escaped[:1] in ("-", "+", "=", ">"):  # text() has escaped the other block markers already
        return "\\" + escaped
    return _ORDERED.sub(r"\1\\\2", escaped)


def _verdict(verdict: str, accepted: bool = False, internal: bool = False) -> str:
    marks = [word for word, on in (("internal", internal), ("accepted", accepted)) if on]
    return f"{VERDICT_SYMBOLS[verdict]} **{verdict}**" + (f" ({', '.join(marks)})" if marks else "")


def _grade(grade: str) -> str:
    return f"{GRADE_MARKS[grade]} {grade}"


# ---------------------------------------------------------------------- list

def render_claims(rows: Rows) -> str:
    if not rows:
        return "No claims match."
    lines = ["| claim | what each document says | status | grade |", "| --- | --- | --- | --- |"]
    for row in rows:
        claim = f"**{text(row['claim']).strip()}**<br>{text(row['statement'])}"
        says = "<br>".join(f"{text(source)}: {' · '.join(text(s) for s in values)}"
                           for source, values in values_by_source(row["values"]).items())
        if not row["checked"]:
            why = text(errors_text(row["errors"], row["error_sources"]))
            lines.append(f"| {claim} | {says} | \u26a0 **{NOT_CHECKED}** | {why} |")
            continue
        lines.append(f"| {claim} | {says} | {_verdict(row['status'], row['status_accepted'])} | "
                     f"{_grade(row['grade'])} |")
    return "\n".join(lines) + "\n\n" + claims_summary(rows)


# ----------------------------------------------------------------- conflicts

def render_conflicts(rows: Rows, not_checked: Rows = ()) -> str:
    shown = _conflicts(rows)
    if not not_checked:
        return shown
    items = "\n".join(f"- {text(not_checked_line(row))}" for row in not_checked)
    return f"{shown}\n\n**Not checked** (`claimcheck validate` lists the errors):\n\n{items}"


def _conflicts(rows: Rows) -> str:
    if not rows:
        return "No conflicts or tensions."
    blocks: list[str] = []
    claim = None
    for merged in merge_rows(rows):
        first = merged[0]
        if first["claim"] != claim:
            claim = first["claim"]
            blocks.append(f"### {text(claim)}\n\n{line_start(first['statement'])}\n")
        blocks.append(_pair(merged))
    return "\n".join(blocks) + "\n" + f"**{conflicts_summary(rows)}**"


def _pair(rows: Sequence[dict[str, Any]]) -> str:
    row = rows[0]
    lines = [f"- {_verdict(row['verdict'], row['accepted'], row['internal'])}: {text(row['reason'])}"]
    for name in ("a", "b"):
        side = row[name]
        lines.append(f"  - **{name}.** {text(side['source'])} says **{text(says_text(side['says'])).strip()}**")
        for quote, entry in side_quotes(rows, name).items():
            place = location(entry)
            lines.append(f"    - \u201c{text(quote)}\u201d" + (f" ({text(place)})" if place else ""))
    if row.get("note"):
        lines.append(f"  - note: {text(row['note'])}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------- summary of findings

def render_sof(rows: Rows) -> str:
    """GRADE's summary-of-findings table, to paste into a manuscript; footnotes lettered below it."""
    if not rows:
        return "No claims match."
    laid = sof_cells.table(rows)
    lines = ["| " + " | ".join(sof_cells.HEADERS) + " |", "|" + "---|" * len(sof_cells.HEADERS)]
    for cells, letters in zip(laid.rows, laid.letters):
        shown = [text(c) for c in cells]
        if letters:
            shown[sof_cells.CERTAINTY_COLUMN] += " <sup>" + ",".join(letters) + "</sup>"
        lines.append("| " + " | ".join(shown) + " |")
    if laid.notes:
        lines.append("")
        lines += [f"{mark}. {text(note)}  " for mark, note in laid.notes]
    lines.append("")
    lines.append("Certainty: ⊕⊕⊕⊕ high, ⊕⊕⊕◯ moderate, ⊕⊕◯◯ low, ⊕◯◯◯ very low (GRADE). Absolute effects per "
                 "1,000 from the control arms' risk in the registered two-arm counts.")
    return "\n".join(lines)


class MarkdownFormat(Format):
    name = "markdown"

    def conflicts(self, report: Report, rows: Rows, out: Output) -> None:
        out.write(render_conflicts(rows, not_checked_rows(report)))

    def claims(self, rows: Rows, out: Output) -> None:
        out.write(render_claims(rows))

    def summary_of_findings(self, rows: Rows, out: Output) -> None:
        out.write(render_sof(rows))


FORMAT = MarkdownFormat()
