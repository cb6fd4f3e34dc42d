"""Text for people: findings one per line (as ruff prints them), reports as rich tables.

The colour rule is sqlfluff's: an explicit --color/--no-color wins, else colour
only on a terminal and never when NO_COLOR is set. Everything that comes from
the registry or a document passes through `printable`, and is printed as text,
never as rich markup, so that `[sic]` stays `[sic]` and an escape sequence in a
quote cannot reach the terminal.

Findings and their statistics are lines of text: without colour they are
written as they are, and rich (text_rich.py, which draws the reports) is not
even imported, since `validate` in a pre-commit hook should start fast.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any, cast

from claimcheck.findings import LocatedFinding
from claimcheck.formats.base import Format, Output, Rows
from claimcheck.formats.text_lines import finding_line, statistics_lines, summary, wants_colour

if TYPE_CHECKING:
    from rich.console import Console

    from claimcheck.views.report import Report


class TextFormat(Format):
    name = "text"

    def findings(self, findings: Sequence[LocatedFinding], out: Output) -> None:
        lines = [finding_line(f) for f in findings] + ([] if out.quiet else [[(summary(findings), "")]])
        if not lines:
            return
        if wants_colour(out.color, out.stream):
            from claimcheck.formats import text_rich

            text_rich.print_styled(lines, text_rich.make_console(True, out.stream, out.width))
        else:
            out.stream.write("".join("".join(text for text, _style in line) + "\n" for line in lines))

    def statistics(self, rows: Rows, out: Output) -> None:
        lines = statistics_lines(rows)
        if wants_colour(out.color, out.stream):
            from claimcheck.formats import text_rich

            text_rich.print_styled([[(line, "")] for line in lines], text_rich.make_console(True, out.stream, out.width))
        else:
            out.stream.write("".join(line + "\n" for line in lines))

    def conflicts(self, report: Report, rows: Rows, out: Output) -> None:
        from claimcheck.formats import text_rich
        from claimcheck.views.report import not_checked_rows

        with _console(out) as console:
            text_rich.render_conflicts(rows, console, not_checked_rows(report))

    def claims(self, rows: Rows, out: Output) -> None:
        from claimcheck.formats import text_rich

        with _console(out) as console:
            text_rich.render_claims(rows, console)

    def claim(self, data: dict[str, Any], out: Output) -> None:
        from claimcheck.formats import text_rich

        with _console(out) as console:
            text_rich.render_claim(data, console)

    def sources(self, rows: Rows, out: Output) -> None:
        from claimcheck.formats import text_rich

        with _console(out) as console:
            text_rich.render_sources(rows, console)

    def candidates(self, data: dict[str, Any], out: Output) -> None:
        from claimcheck.formats import text_rich

        with _console(out) as console:
            text_rich.render_candidates(data, console)

    def coverage(self, data: dict[str, Any], out: Output) -> None:
        from claimcheck.formats import text_rich

        with _console(out) as console:
            text_rich.render_coverage(data, console)


@contextmanager
def _console(out: Output) -> Iterator[Console]:
    """The console a report is drawn on. Without colour (piped, redirected, NO_COLOR) its lines are
    tidied as they are written: no blank lines before the first, no white space at their ends,
    where rich pads a table's rows to the full width."""
    from claimcheck.formats import text_rich

    if wants_colour(out.color, out.stream):
        yield text_rich.console_for(out)
        return
    tidy = TidyLines(out.stream)
    yield text_rich.console_for(Output(cast("IO[str]", tidy), False, out.width))
    tidy.close()


class TidyLines(io.TextIOBase):
    """A text stream that passes on whole lines, without trailing white space, skipping the blank
    lines before the first line with text."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self._stream = stream
        self._partial = ""
        self._started = False

    def write(self, text: str) -> int:
        *lines, self._partial = (self._partial + text).split("\n")
        for line in lines:
            self._line(line)
        return len(text)

    def _line(self, line: str) -> None:
        line = line.rstrip()
        if line or self._started:
            self._started = True
            self._stream.write(line + "\n")

    def isatty(self) -> bool:
        return False

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        if self._partial:
            self._line(self._partial)
            self._partial = ""
        super().close()


FORMAT = TextFormat()
