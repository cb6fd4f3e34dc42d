"""The text format's reports, drawn with rich: tables, hanging indents, colour.

Only text.py uses this module; it builds on the plain lines of text_lines.py, never on
text.py itself. Findings, which are single lines, do not need it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import IO, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.console import Group as RenderGroup
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from claimcheck.formats.base import Output, Rows, location, printable
from claimcheck.formats.text_lines import (
    GRADE_STYLES,
    NOT_CHECKED,
    NOT_CHECKED_HEADING,
    VERDICT_STYLES,
    Styled,
    claims_summary,
    conflicts_summary,
    errors_text,
    not_checked_line,
    wants_colour,
)
from claimcheck.judge.verdicts import GRADE_MARKS
from claimcheck.views.report import merge_rows, says_text, side_quotes, values_by_source


def make_console(color: bool | None, stream: IO[str] | None = None, width: int | None = None) -> Console:
    """A console that follows the colour rule; plain text when not coloured."""
    if not wants_colour(color, stream):
        return Console(file=stream, force_terminal=False, no_color=True, color_system=None,
                       highlight=False, emoji=False, markup=False, width=width or _plain_width())
    return Console(file=stream, force_terminal=True, highlight=False, emoji=False, markup=False, width=width)


def _plain_width() -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 80


def console_for(out: Output) -> Console:
    return make_console(out.color, out.stream, out.width)


def print_styled(lines: Sequence[Styled], console: Console) -> None:
    """Lines of styled pieces, each printed whole (never wrapped), as a linter prints findings."""
    for line in lines:
        console.print(Text.assemble(*line), soft_wrap=True)


def _text(value: object, style: str = "") -> Text:
    """Registry or document text, safe to print, never read as markup."""
    return Text(printable(str(value)), style=style)


def _indented(console: Console, text: Text, indent: int) -> None:
    """Print with a hanging indent, so wrapped lines stay under their first.

    The text is wrapped once and printed as it stands: a `Padding` would render
    each line again and pad it to the widest with trailing spaces. Without colour
    the wrapped characters are written directly, since rendering them again
    changes nothing and takes most of the time of a long report.
    """
    margin = " " * indent
    lines = text.wrap(console, max(1, console.width - indent), justify="default", overflow="fold")
    shown = Text()
    for number, line in enumerate(lines):
        line.rstrip()
        shown.append("\n" if number else "")
        shown.append(margin)
        shown.append_text(line)
    if console.color_system is None:
        console.file.write(shown.plain + "\n")
    else:
        console.print(shown, soft_wrap=True)


def _grade_text(grade: str) -> Text:
    return Text.assemble((GRADE_MARKS[grade], GRADE_STYLES[grade]), " ", (grade, GRADE_STYLES[grade]))


# ----------------------------------------------------------------- conflicts

NOT_CHECKED_STYLE = "bold magenta"


def render_conflicts(rows: Rows, console: Console, not_checked: Rows = ()) -> None:
    _print_conflicts(rows, console)
    if not_checked:
        console.print()
        console.print(Text(NOT_CHECKED_HEADING, style=NOT_CHECKED_STYLE))
        for row in not_checked:
            _indented(console, Text(not_checked_line(row)), 2)


def _print_conflicts(rows: Rows, console: Console) -> None:
    if not rows:
        console.print("No conflicts or tensions.")
        return
    claim: str | None = None
    notes: list[str] = []
    for merged in merge_rows(rows):
        first = merged[0]
        if first["claim"] != claim:
            _print_notes(notes, console)
            claim, notes = first["claim"], []
            console.print()
            _indented(console, Text.assemble(_text(claim, "bold"), " ", _text(first["statement"], "dim")), 0)
        _print_pair(merged, console)
        if first.get("note") and first["note"] not in notes:
            notes.append(first["note"])
    _print_notes(notes, console)
    console.print()
    console.print(conflicts_summary(rows))


def _print_notes(notes: Sequence[str], console: Console) -> None:
    """A claim's notes (its own, or its accepted pairs'), each once, after its pairs."""
    for note in notes:
        _indented(console, _text(f"note: {note}", "dim"), 2)


def _print_pair(rows: Sequence[dict[str, Any]], console: Console) -> None:
    row = rows[0]
    verdict = row["verdict"]
    label = Text(verdict.upper(), style=VERDICT_STYLES[verdict])
    if row["internal"]:
        label.append(" (internal)", style="bold")
    if row["accepted"]:
        label.append(" (accepted)", style="dim")
    label.append(": ")
    label.append_text(_text(row["reason"]))
    _indented(console, label, 2)
    for name in ("a", "b"):
        side = row[name]
        _indented(console, Text.assemble(f"{name}. ", _text(side["source"], "bold"),
                                         _text(f" says {says_text(side['says'])}")), 4)
        for quote, entry in side_quotes(rows, name).items():
            place = location(entry)
            where = f" ({place})" if place else ""
            _indented(console, Text.assemble(_text(f"\"{quote}\"", "italic"), where), 7)


# ---------------------------------------------------------------------- list

CLAIMS_HEADERS = ("claim: what each document says", "status, grade")


def render_claims(rows: Rows, console: Console) -> None:
    if not rows:
        console.print("No claims match.")
        return
    cells = [_claim_cells(row) for row in rows]
    _print_table(console, CLAIMS_HEADERS, (False,), [(lines, [status.plain]) for lines, status in cells],
                 lambda: _claims_table(cells))
    console.print(claims_summary(rows))


def _claims_table(cells: Sequence[ClaimCells]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1))
    table.add_column(CLAIMS_HEADERS[0], overflow="fold", ratio=1)
    table.add_column(CLAIMS_HEADERS[1], no_wrap=True)
    for claim_lines, status in cells:
        table.add_row(RenderGroup(*(text if not indent else Padding(text, (0, 0, 0, indent))
                                    for text, indent in claim_lines)), status)
    return table


#: A claim's row of `list`: its lines (each with the indent of its wrapped lines), and its status and grade.
ClaimCells = tuple[list[tuple[Text, int]], Text]


def _claim_cells(row: dict[str, Any]) -> ClaimCells:
    lines = [(_text(row["claim"], "bold"), 0), (_text(row["statement"], "dim"), 0)]
    for source, says in values_by_source(row["values"]).items():
        lines.append((Text.assemble(_text(f"{source}: ", "cyan"), _text(" · ".join(says))), 2))
    if not row["checked"]:  # the sources with errors it names on a line of the first column, which wraps
        if row["error_sources"]:
            lines.append((_text(f"{NOT_CHECKED}: {errors_text(row['errors'], row['error_sources'])}",
                                NOT_CHECKED_STYLE), 2))
        why = errors_text(row["errors"]) if row["errors"] else "source errors"
        return lines, Text.assemble((NOT_CHECKED, NOT_CHECKED_STYLE), "\n", why)
    status = Text(row["status"], style=VERDICT_STYLES[row["status"]])
    if row["status_accepted"] and row["status"] in ("conflict", "tension"):
        status.append(" (accepted)", style="dim")
    status.append("\n")
    status.append_text(_grade_text(row["grade"]))
    return lines, status


#: A row of a plain table: the first cell's texts (each with the indent of its wrapped lines), then
#: each other cell's text.
PlainRow = tuple[list[tuple[Text, int]], list[str]]


def _print_table(console: Console, headers: Sequence[str], right: Sequence[bool], rows: Sequence[PlainRow],
                 table: Callable[[], Table], expand: bool = True) -> None:
    """A table drawn line by line without colour (`_plain_table`), else by rich."""
    plain = _plain_table(headers, right, rows, console, expand) if console.color_system is None else None
    if plain is not None:
        console.file.write(plain)
    else:
        console.print(table())


def _plain_rows(cells: Sequence[Sequence[Text]]) -> list[PlainRow]:
    """Rows whose first cell is one text, wrapped without indent."""
    return [([(first, 0)], [cell.plain for cell in others]) for first, *others in cells]


def _plain_table(headers: Sequence[str], right: Sequence[bool], rows: Sequence[PlainRow],
                 console: Console, expand: bool = True) -> str | None:
    """The table rich draws, drawn line by line without colour; None where it could differ.

    For the tables of `list`, `sources` and `coverage`: box SIMPLE_HEAD, one space of padding
    each side; the first column folds its text, the others never wrap (`right` tells which are
    justified right). Expanded, the table is as wide as the console and the first column takes
    what the others leave; else the first column is as wide as its longest line, up to that.
    rich renders each cell through several layers, over half a millisecond a row; without
    colour the same characters come from wrapping each line once. A console too narrow for the
    first header to fit on one line is left to rich (tests/test_formats.py compares the two
    drawings).
    """
    widths = [max([cell_len(header), *(cell_len(line) for _first, cells in rows for line in cells[number].split("\n"))])
              for number, header in enumerate(headers[1:])]
    first_width = console.width - 2 * len(headers) - (len(headers) + 1) - sum(widths)
    if first_width < cell_len(headers[0]):
        return None
    if not expand:
        longest = max([cell_len(headers[0]), *(indent + cell_len(line) for first, _cells in rows
                                                for text, indent in first for line in text.plain.split("\n"))])
        first_width = min(first_width, longest)
    width = first_width + sum(widths) + 2 * len(headers) + len(headers) + 1
    out = [" " * width, _table_line(headers, [first_width, *widths], [False, *right]),
           " " + "─" * (width - 2) + " "]
    for first, cells in rows:
        columns = [[" " * indent + line for text, indent in first for line in _wrapped(text, first_width - indent, console)],
                   *(cell.split("\n") for cell in cells)]
        for number in range(max(map(len, columns))):
            out.append(_table_line([lines[number] if number < len(lines) else "" for lines in columns],
                                   [first_width, *widths], [False, *right]))
    out.append(" " * width)
    return "\n".join(out) + "\n"


def _wrapped(text: Text, width: int, console: Console) -> list[str]:
    plain = text.plain
    if plain.isascii() and len(plain) <= width and plain.isprintable():
        return [plain]  # what wrapping would give: one line
    return [line.plain for line in text.wrap(console, width, justify="left", overflow="fold")]


def _table_line(cells: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> str:
    padded = [" " * (width - cell_len(cell)) + cell if to_right else cell + " " * (width - cell_len(cell))
              for cell, width, to_right in zip(cells, widths, right, strict=True)]
    return "  " + "   ".join(padded) + "  "


# ---------------------------------------------------------------------- show

def render_claim(data: dict[str, Any], console: Console) -> None:
    if not data["checked"]:
        _render_unchecked_claim(data, console)
        return
    console.print(Text.assemble(_text(data["claim"], "bold"), "  ",
                                (data["status"], VERDICT_STYLES[data["status"]]), "  ", _grade_text(data["grade"])))
    _indented(console, _text(data["statement"]), 0)
    for label in ("population", "note"):
        if data[label]:
            _indented(console, _text(f"{label}: {data[label]}", "dim"), 0)
    if data["tags"]:
        _indented(console, _text("tags: " + ", ".join(data["tags"]), "dim"), 0)
    _print_evidence(data, console)
    _render_claim_rest(data, console)


def _render_unchecked_claim(data: dict[str, Any], console: Console) -> None:
    """A claim not checked: what it holds, and why it has no verdict nor grade."""
    console.print(Text.assemble(_text(data["claim"], "bold"), "  ", (NOT_CHECKED, NOT_CHECKED_STYLE)))
    if data["statement"]:
        _indented(console, _text(data["statement"]), 0)
    if data["tags"]:
        _indented(console, _text("tags: " + ", ".join(data["tags"]), "dim"), 0)
    console.print()
    _indented(console, Text.assemble(("Not checked: ", NOT_CHECKED_STYLE),
                                     errors_text(data["errors"], data["error_sources"]),
                                     "; no verdict nor grade until they are fixed (`claimcheck validate` lists them)."),
              0)
    if data["evidence"]:
        _print_evidence(data, console)


def _print_evidence(data: dict[str, Any], console: Console) -> None:
    console.print()
    console.print(Text("Evidence", style="bold"))
    for number, entry in enumerate(data["evidence"], start=1):
        where = location(entry) or f"quote {entry['quote_status']}"
        said = says_text(entry["says"])
        value = f" = {entry['value']}" if entry["value"] and entry["value"] != said else ""
        _indented(console, Text.assemble(f"{number}. ", _text(entry["source"], "bold"),
                                         _text(f" says {said}{value}"), f" ({where})"), 2)
        _indented(console, _text(f"\"{entry['quote']}\"", "italic"), 5)
        _indented(console, _text("rests on: " + ", ".join(entry["rests_on"]), "dim"), 5)


def _render_claim_rest(data: dict[str, Any], console: Console) -> None:
    if data["pairs"]:
        console.print()
        console.print(Text("Pairwise verdicts", style="bold"))
        for pair in data["pairs"]:
            verdict = Text(pair["verdict"], style=VERDICT_STYLES[pair["verdict"]])
            if pair["internal"]:
                verdict.append(" (internal)")
            if pair["accepted"]:
                verdict.append(" (accepted)", style="dim")
            _indented(console, Text.assemble(verdict, "  ", _text(pair["a"]), " / ", _text(pair["b"])), 2)
            _indented(console, _text(pair["reason"]), 5)
    if data.get("not_comparable"):
        count = data["not_comparable"]
        _indented(console, Text(f"{count} pair{'s' if count != 1 else ''} of values with nothing to set one against "
                                "the other (no verdict)", style="dim"), 2)
    if data.get("pooled"):
        pooled = data["pooled"]
        console.print()
        console.print(Text(f"Pooled ({pooled['k']} independent studies, {pooled['name']})", style="bold"))
        for line in pooled["summary"]:
            _indented(console, _text(line), 2)
        claim = printable(data["claim"])
        _indented(console, Text(f"forest plot: claimcheck plot {claim} -o {claim}.svg (and in the map of "
                                "claimcheck report)", style="dim"), 2)
    console.print()
    console.print(Text("Grade", style="bold"))
    for reason in data["reasons"]:
        _indented(console, _text(reason), 2)
    _indented(console, Text(f"documents: {data['documents']}, independent studies: "
                            f"{data['independent_studies']}", style="dim"), 2)
    if data.get("plain_language"):
        console.print()
        console.print(Text("In plain language", style="bold"))
        _indented(console, _text(data["plain_language"]), 2)
    console.print()
    console.print(Text("Provenance", style="bold"))
    for chain in data["provenance"].values():
        for link in chain:
            arrow = "└─ " if link["depth"] else ""
            console.print(Text("  " + "   " * max(0, link["depth"] - 1) + arrow + printable(link["source"])))


# ------------------------------------------------------------------- sources

SOURCES_HEADERS = ("source", "type", "states", "rests", "quotes")
SOURCES_RIGHT = (False, True, True, False)  # of the columns after the first


def render_sources(rows: Rows, console: Console) -> None:
    cells = [_source_cells(row) for row in rows]
    if not rows:  # the headers alone: left to rich
        console.print(_sources_table(rows, cells))
        return
    _print_table(console, SOURCES_HEADERS, SOURCES_RIGHT, _plain_rows(cells), lambda: _sources_table(rows, cells))


def _sources_table(rows: Rows, cells: Sequence[list[Text]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1))
    longest_id = max((len(row["source"]) for row in rows), default=10)
    table.add_column(SOURCES_HEADERS[0], overflow="fold", ratio=1, min_width=min(longest_id, 36))
    for header, right in zip(SOURCES_HEADERS[1:], SOURCES_RIGHT, strict=True):
        table.add_column(header, justify="right" if right else "left", no_wrap=True)
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


def _source_cells(row: dict[str, Any]) -> list[Text]:
    cell = _text(row["source"], "bold")
    if row["flags"]:
        cell.append(f"\n  flags: {', '.join(row['flags'])}", style="dim")
    for cited in row["cites"]:
        cell.append(f"\n  cites {printable(cited)}", style="dim")
    if not row["checked"]:
        cell.append(f"\n  {NOT_CHECKED}: {errors_text(row['errors'])}", style=NOT_CHECKED_STYLE)
    kind = row["type"] + (f"\n{row['design']}" if row["design"] else "")
    if row["quotes_found"] is None:
        quotes = Text("no text", style="dim")
    elif row["quotes_found"]:
        quotes = Text(f"{row['quotes']} found", style="green")
    else:
        quotes = Text("some missing", style="bold red")
    return [cell, Text(kind), Text(str(row["claims"])), Text(str(row["claims_resting_on_it"])), quotes]


# ------------------------------------------------------- extract and coverage

def _print_candidate(path: str, candidate: dict[str, Any], console: Console, indent: int = 0) -> None:
    """One candidate as a linter prints a finding (path:line:column, then what it proposes), its quote below."""
    line = _text(f"{path}:{candidate['line']}:{candidate['column']}: ", "bold")
    if candidate.get("location", f"line {candidate['line']}") != f"line {candidate['line']}":
        line.append(f"({printable(candidate['location'])}) ")  # a PDF's page and line, a JATS section
    line.append(candidate["kind"], style="cyan")
    line.append(" ")
    line.append(printable(candidate["says"]), style="bold")
    _indented(console, line, indent)
    _indented(console, _text(f"\"{candidate['quote']}\"", "dim"), indent + 4)


def render_candidates(data: dict[str, Any], console: Console) -> None:
    for document in data["documents"]:
        for candidate in document["candidates"]:
            _print_candidate(document["path"], candidate, console)
    documents = len(data["documents"])
    console.print(Text(f"{data['candidates']} candidate claim{'s' if data['candidates'] != 1 else ''} in "
                       f"{documents} document{'s' if documents != 1 else ''}", style="dim"))


COVERAGE_HEADERS = ("source", "candidates", "covered", "left out", "coverage")


def render_coverage(data: dict[str, Any], console: Console) -> None:
    cells = _coverage_cells(data)
    _print_table(console, COVERAGE_HEADERS, (True,) * 4, _plain_rows(cells), lambda: _coverage_table(cells),
                 expand=False)
    gaps = [(row["path"], candidate) for row in data["sources"] for candidate in row["uncovered"]]
    if gaps:
        console.print(Text("Not covered (register each, or add it to `left_out:` with a reason):"))
        for path, candidate in gaps:
            _print_candidate(path, candidate, console, indent=2)
    if data["not_checked"]:
        console.print(Text(NOT_CHECKED_HEADING, style=NOT_CHECKED_STYLE))
        for row in data["not_checked"]:
            _indented(console, Text(f"{printable(row['source'])}: {errors_text(row['errors'])}"), 2)
    if data["minimum"] is not None:
        verdict = "passes" if data["passed"] else "fails"
        console.print(Text(f"Coverage {_percent(data['percent'])} {verdict} the minimum of "
                           f"{_percent(data['minimum'])}.", style="green" if data["passed"] else "bold red"))


def _coverage_cells(data: dict[str, Any]) -> list[list[Text]]:
    rows = [[_text(row["source"], "bold"), Text(str(row["candidates"])), Text(str(row["covered"])),
             Text(str(row["left_out"])), _percent_text(row["percent"])] for row in data["sources"]]
    total = [Text("total", style="bold"), Text(str(data["candidates"])), Text(str(data["covered"])),
             Text(str(sum(row["left_out"] for row in data["sources"]))), _percent_text(data["percent"])]
    return [*rows, total]


def _coverage_table(cells: Sequence[list[Text]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column(COVERAGE_HEADERS[0], overflow="fold")
    for header in COVERAGE_HEADERS[1:]:
        table.add_column(header, justify="right", no_wrap=True)
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


def _percent(value: float) -> str:
    return f"{value:.1f}%"


def _percent_text(value: float) -> Text:
    return Text(_percent(value), style="green" if value >= 100 else "yellow")


