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

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from claimcheck.findings import LocatedFinding
from claimcheck.formats.base import Format, Output, Rows
from claimcheck.formats.text_lines import finding_line, statistics_lines, summary, wants_colour

if TYPE_CHECKING:
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

        text_rich.render_conflicts(rows, text_rich.console_for(out), not_checked_rows(report))

    def claims(self, rows: Rows, out: Output) -> None:
        from claimcheck.formats import text_rich

        text_rich.render_claims(rows, text_rich.console_for(out))

    def claim(self, data: dict[str, Any], out: Output) -> None:
        from claimcheck.formats import text_rich

        text_rich.render_claim(data, text_rich.console_for(out))

    def sources(self, rows: Rows, out: Output) -> None:
        from claimcheck.formats import text_rich

        text_rich.render_sources(rows, text_rich.console_for(out))

    def candidates(self, data: dict[str, Any], out: Output) -> None:
        from claimcheck.formats import text_rich

        text_rich.render_candidates(data, text_rich.console_for(out))

    def coverage(self, data: dict[str, Any], out: Output) -> None:
        from claimcheck.formats import text_rich

        text_rich.render_coverage(data, text_rich.console_for(out))


FORMAT = TextFormat()
