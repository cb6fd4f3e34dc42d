"""Output formats: the registry of formats, and text that cannot reach the terminal as control codes or markup."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import formats
from claimcheck.formats import text_rich
from claimcheck.formats.base import Format, printable
from conftest import MINIMAL_SOURCES, ROOT, invoke

VIEW_METHODS = {"findings": "findings", "statistics": "statistics", "conflicts": "conflicts", "claims": "claims",
                "claim": "claim", "sources": "sources", "evidence-map": "evidence_map", "candidates": "candidates",
                "coverage": "coverage", "summary-of-findings": "summary_of_findings"}


@pytest.mark.parametrize("info", formats.FORMATS, ids=lambda info: info.name)
def test_every_format_implements_exactly_the_views_it_declares(info: formats.FormatInfo) -> None:
    fmt = formats.get(info.name)
    implemented = {view for view, method in VIEW_METHODS.items()
                   if getattr(type(fmt), method) is not getattr(Format, method)}
    assert (fmt.name, implemented) == (info.name, set(info.views))


def test_format_choices_follow_the_registry() -> None:
    assert formats.choices(formats.FINDINGS) == ("text", "json", "github", "sarif")
    assert formats.choices(formats.STATISTICS) == ("text", "json")
    assert formats.choices(formats.CLAIM) == ("text", "json")
    assert formats.choices(formats.CLAIMS) == ("text", "json", "markdown")
    assert formats.choices(formats.CONFLICTS) == ("text", "json", "github", "sarif", "markdown")
    assert formats.choices(formats.EVIDENCE_MAP) == ("html",)


@pytest.mark.parametrize("raw, shown", [
    ("plain text, [sic] and all", "plain text, [sic] and all"),
    ("red \x1b[31malert\x1b[0m", "red \\x1b[31malert\\x1b[0m"),
    ("over\rwrite, bell\x07, nul\x00, del\x7f, nel\x85", "over\\x0dwrite, bell\\x07, nul\\x00, del\\x7f, nel\\x85"),
    ("line one\nline two\ttabbed", "line one\nline two\ttabbed"),
    ("separator\u2028here", "separator\\u2028here"),
    ("right-to-left \u202eoverride", "right-to-left \\u202eoverride"),
    ("\n::error file=README.md,line=1::forged", "\n:\u200b:error file=README.md,line=1:\u200b:forged"),
])
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown


HOSTILE = MINIMAL_SOURCES + """\
claims:
  - id: response
    statement: "Dose [/] matters [sic] [link=https://example.org]here[/link] \\e[31mred\\n::error file=README.md,line=1::forged"
    note: "[citation needed] \\e]8;;https://example.org\\e\\\\"
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 men \\e[2J"
"""


@pytest.mark.parametrize("command", [["show", "response"], ["list"], ["conflicts", "--all"]])
def test_registry_text_is_printed_as_text_never_as_markup_or_escapes(registry, command: list[str]) -> None:
    registry(HOSTILE)
    result = invoke(*command, env={"NO_COLOR": "1", "COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert not any(line.lstrip().startswith("::") for line in result.output.splitlines())
    if command[0] == "show":
        assert "Dose [/] matters [sic] [link=https://example.org]here[/link] \\x1b[31mred" in result.output
        assert "note: [citation needed] \\x1b]8;;https://example.org\\x1b\\" in result.output


def test_cli_start_up_imports_no_layer_it_does_not_need() -> None:
    code = ("import sys; from claimcheck.cli import main; "
            "print(sorted(m for m in ('pydantic', 'yaml', 'rich') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


@pytest.mark.parametrize("command", [["conflicts"], ["show", "paternal-exposure-safe-for-child"]])
def test_text_reports_wrap_under_their_indent_alike_with_and_without_colour(
        command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain text skips rich's second render; it must print the very characters the coloured path prints."""
    monkeypatch.chdir(ROOT)
    plain = invoke(*command, "--no-color", env={"COLUMNS": "80"}).output
    coloured = invoke(*command, "--color", env={"COLUMNS": "80"}).output
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    lines = plain.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert [line for line in lines if line.endswith(" ")] == []


@pytest.mark.parametrize("flags", [[], ["--statistics"]])
def test_findings_in_colour_are_the_plain_lines_coloured(registry, flags: list[str]) -> None:
    """Plain findings are written without rich; in colour, rich prints the very same characters."""
    registry(MINIMAL_SOURCES.replace("cites: [study-a]", "cites: [study-b]") + "claims: []\n")
    plain = invoke("validate", *flags, "--no-color").output
    coloured = invoke("validate", *flags, "--color").output
    assert "CC207" in plain
    assert ("\x1b[" in coloured) == (not flags)  # statistics have no colour of their own
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


#: Text as a registry may hold it: words, wide characters, a zero-width one, a word too long for a line.
_CELL_TEXT = st.lists(st.sampled_from(["ab", "cd", " ", "-", "é", "漢字", "🙂", "·", "\u200b", "x" * 47]),
                      max_size=30).map("".join)
_LONG_ID = "a-source-id-long-enough-to-wrap-in-the-first-column-of-a-narrow-table"
_LIST_ROW = st.fixed_dictionaries({
    "claim": _CELL_TEXT.filter(bool), "statement": _CELL_TEXT,
    "values": st.lists(st.fixed_dictionaries({"source": _CELL_TEXT.filter(bool), "says": _CELL_TEXT}), max_size=4),
    "status": st.sampled_from(["agree", "single-source", "tension", "conflict"]), "accepted": st.booleans(),
    "status_accepted": st.booleans(),
    "grade": st.sampled_from(["high", "moderate", "low", "very-low"]),
    "checked": st.booleans(), "errors": st.integers(0, 12),
    "error_sources": st.lists(st.sampled_from(["a", "news-b", _LONG_ID]), max_size=2),
})


_SOURCE_ROW = st.fixed_dictionaries({
    "source": _CELL_TEXT.filter(bool), "flags": st.lists(st.sampled_from(["preprint", "retracted"]), max_size=2),
    "cites": st.lists(_CELL_TEXT.filter(bool), max_size=3), "type": st.sampled_from(["study", "news", "review"]),
    "design": st.sampled_from([None, "rct", "systematic-review"]), "claims": st.integers(0, 10**6),
    "claims_resting_on_it": st.integers(0, 999), "quotes": st.integers(0, 99),
    "quotes_found": st.sampled_from([None, True, False]),
    "checked": st.booleans(), "errors": st.integers(1, 12),
})


def _drawn(table: object, width: int) -> str:
    drawn = io.StringIO()
    text_rich.make_console(False, drawn, width).print(table)
    return drawn.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(_LIST_ROW, min_size=1, max_size=4), st.sampled_from([40, 55, 56, 57, 80, 133]))
def test_the_plain_list_table_is_the_table_rich_draws(rows: list[dict[str, object]], width: int) -> None:
    """`list` without colour draws its table line by line; the characters are rich's, whatever the text."""
    console = text_rich.make_console(False, io.StringIO(), width)
    cells = [text_rich._claim_cells(row) for row in rows]
    plain = text_rich._plain_table(text_rich.CLAIMS_HEADERS, (False,),
                                   [(lines, [status.plain]) for lines, status in cells], console)
    if width >= 56:  # the widest status, `conflict (accepted)`, leaves the header room on one line
        assert plain is not None
    if plain is not None:
        assert plain == _drawn(text_rich._claims_table(cells), width)


@settings(max_examples=150, deadline=None)
@given(st.lists(_SOURCE_ROW, min_size=1, max_size=4), st.sampled_from([40, 60, 80, 133]))
def test_the_plain_sources_table_is_the_table_rich_draws(rows: list[dict[str, object]], width: int) -> None:
    """The same for `sources`: five columns, two of them justified right, cells of several lines."""
    console = text_rich.make_console(False, io.StringIO(), width)
    cells = [text_rich._source_cells(row) for row in rows]
    plain = text_rich._plain_table(text_rich.SOURCES_HEADERS, text_rich.SOURCES_RIGHT,
                                   text_rich._plain_rows(cells),
                                   console)
    if width >= 80:
        assert plain is not None
    if plain is not None:
        assert plain == _drawn(text_rich._sources_table(rows, cells), width)


_COVERAGE_SOURCE = st.fixed_dictionaries({
    "source": _CELL_TEXT.filter(bool), "candidates": st.integers(0, 10**5), "covered": st.integers(0, 10**5),
    "left_out": st.integers(0, 999), "percent": st.floats(0, 100),
})


@settings(max_examples=150, deadline=None)
@given(st.lists(_COVERAGE_SOURCE, min_size=0, max_size=4), st.sampled_from([40, 60, 80, 133]))
def test_the_plain_coverage_table_is_the_table_rich_draws(sources: list[dict[str, object]], width: int) -> None:
    """The same for `coverage`, a table only as wide as it needs: its first column wraps only past the console."""
    data = {"sources": sources, "candidates": 7, "covered": 6, "percent": 85.7}
    console = text_rich.make_console(False, io.StringIO(), width)
    cells = text_rich._coverage_cells(data)
    plain = text_rich._plain_table(text_rich.COVERAGE_HEADERS, (True,) * 4,
                                   text_rich._plain_rows(cells),
                                   console, expand=False)
    if width >= 60:
        assert plain is not None
    if plain is not None:
        assert plain == _drawn(text_rich._coverage_table(cells), width)
