"""Progress bars: on stderr for long runs on a terminal, never when piped, in CI or with --quiet."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import progress
from conftest import MINIMAL_SOURCES

MANY_CLAIMS = MINIMAL_SOURCES + "claims:\n" + "".join(
    f"  - id: claim-{n}\n    statement: S\n    evidence:\n      - source: news-a\n        says: 11/30\n"
    f"        quote: q\n" for n in range(progress.MIN_ITEMS * 2))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, environ, quiet, shown", [
    (Terminal(), {}, False, True),
    (io.StringIO(), {}, False, False),
    (Terminal(), {"CI": "true"}, False, False),
    (Terminal(), {"GITHUB_ACTIONS": "true"}, False, False),
    (Terminal(), {}, True, False),
    (Terminal(), {"NO_COLOR": "1"}, False, True),
])
def test_when_a_bar_may_show(stream: io.StringIO, environ: dict[str, str], quiet: bool, shown: bool) -> None:
    assert progress.wanted(stream, environ, quiet) is shown


def test_a_bar_is_drawn_for_many_items_and_erased() -> None:
    terminal = Terminal()
    with progress.showing(True, terminal):
        assert list(progress.track(list(range(progress.MIN_ITEMS)), "Counting")) == list(range(progress.MIN_ITEMS))
    drawn = terminal.getvalue()
    assert "Counting" in drawn and "━" in drawn and f"/{progress.MIN_ITEMS}" in drawn


def test_few_items_or_progress_off_draw_nothing() -> None:
    items = list(range(progress.MIN_ITEMS))
    assert progress.track(items, "Counting") is items
    terminal = Terminal()
    with progress.showing(True, terminal):
        assert progress.track(items[:-1], "Counting") == items[:-1]
    assert "Counting" not in terminal.getvalue()


def test_never_when_piped(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(MANY_CLAIMS, encoding="utf-8")
    environ = {"PATH": "", "HOME": str(tmp_path)}  # no CI variables: only the pipe keeps the bar away
    result = subprocess.run([sys.executable, "-m", "claimcheck", "list"], cwd=tmp_path, capture_output=True,
                            text=True, env=environ, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "claim-99" in result.stdout and "\x1b" not in result.stdout


def test_measured_work_and_a_stage_draw_bars_only_when_long() -> None:
    terminal = Terminal()
    with progress.showing(True, terminal):
        with progress.measuring("Reading", 1000, minimum=100) as update:
            update(500)
        with progress.measuring("Skipped", 10, minimum=100) as skipped:
            assert skipped is progress.measuring_off
        with progress.stage("Pondering"):
            pass
        with progress.stage("Hidden", shown=False):
            pass
    drawn = terminal.getvalue()
    assert "Reading" in drawn and "Pondering" in drawn and "Skipped" not in drawn and "Hidden" not in drawn


def test_every_stage_of_a_long_run_shows_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading, checking the format, reading the quotes, the checks, comparing and grading each have a bar."""
    from claimcheck.judge.compare import compare_registry
    from claimcheck.judge.grading import grade_registry
    from claimcheck.registry import loader
    from claimcheck.validate import run

    monkeypatch.setattr(loader, "PROGRESS_FROM", 0)
    monkeypatch.setattr(run, "PROGRESS_FROM", 0)
    monkeypatch.setattr(loader, "_EVENTS_PER_UPDATE", 1)
    (tmp_path / "claims.yaml").write_text(MANY_CLAIMS, encoding="utf-8")
    terminal = Terminal()
    with progress.showing(True, terminal):
        validation = run.validate_file(tmp_path / "claims.yaml", "claims.yaml")
        assert validation.index is not None
        grade_registry(validation.index, compare_registry(validation.index))
    drawn = terminal.getvalue()
    for label in ("Reading the registry", "Checking the format", "Reading the quotes in the texts",
                  "Running the checks", "Comparing claims", "Grading claims"):
        assert label in drawn, label


def test_a_stream_of_results_shows_its_running_note_and_rate() -> None:
    terminal = Terminal()
    items = iter(range(progress.MIN_ITEMS))
    with progress.showing(True, terminal):
        seen = list(progress.track_stream(items, progress.MIN_ITEMS, "Scanning", lambda item: f"{item} findings"))
    assert seen == list(range(progress.MIN_ITEMS))
    drawn = terminal.getvalue()
    assert "Scanning: " in drawn and " findings, " in drawn and "/s" in drawn and f"/{progress.MIN_ITEMS}" in drawn
