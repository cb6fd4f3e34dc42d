"""Failures a hostile-input campaign found (issue 23): each a usage or I/O error, never exit 3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.formats.base import printable
from claimcheck.safe_write import WriteRefused, write_text
from conftest import MINIMAL_SOURCES, ROOT, invoke

FORGED_COMMANDS = "##[error]forged ##[add-mask]secret ::warning::x"


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# init


def test_init_where_sources_is_a_file_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").write_text("not a folder\n", encoding="utf-8")
    result = invoke("init")
    assert (result.exit_code, result.output) == (2, "claimcheck: error: sources: is not a folder; init writes nothing\n")
    assert files_under(tmp_path) == ["sources"]


def test_init_into_a_file_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "review").write_text("a file\n", encoding="utf-8")
    result = invoke("init", "review/inner")
    assert (result.exit_code, result.output) == (2, "claimcheck: error: review: is not a folder; init writes nothing\n")
    assert files_under(tmp_path) == ["review"]


def test_init_into_a_folder_that_cannot_be_created() -> None:
    result = invoke("init", "/proc/claimcheck-review/inner")
    assert (result.exit_code, result.output) == (
        2, ("claimcheck: error: /proc/claimcheck-review: cannot create this folder (No such file or directory); "
            "init writes nothing\n"))


# Output that cannot be written


COMMANDS_THAT_PRINT = [
    ["schema"], ["rules"], ["validate"], ["list"], ["conflicts", "--format", "sarif"], ["report", "-o", "-"],
    ["--help"], ["--version"], ["validate", "--help"],
]


def run_claimcheck(args: list[str], redirect: str) -> subprocess.CompletedProcess[str]:
    command = " ".join([f'"{sys.executable}"', "-m", "claimcheck", *args, redirect])
    return subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.parametrize("args", COMMANDS_THAT_PRINT, ids=" ".join)
def test_a_full_device_is_an_io_error(args: list[str]) -> None:
    result = run_claimcheck(args, "> /dev/full")
    assert (result.returncode, result.stderr) == (
        4, "claimcheck: error: cannot write the output: No space left on device\n")


@pytest.mark.parametrize("args", [["validate"], ["schema"], ["--version"]], ids=" ".join)
def test_a_closed_standard_output_is_an_io_error(args: list[str]) -> None:
    result = run_claimcheck(args, ">&-")
    assert (result.returncode, result.stderr) == (
        4, "claimcheck: error: cannot write the output: standard output is closed\n")


# Text that could forge a command or a terminal sequence


def test_printable_neutralises_the_old_form_of_workflow_commands() -> None:
    assert printable(FORGED_COMMANDS) == "#\u200b#[error]forged #\u200b#[add-mask]secret :\u200b:warning:\u200b:x"


def test_github_annotations_neutralise_commands_in_the_message(registry) -> None:
    registry(MINIMAL_SOURCES + f"""\
claims:
  - id: response
    statement: Share who responded
    evidence:
      - source: news-a
        says: 31/30
        quote: "{FORGED_COMMANDS}"
""")
    output = invoke("validate", "--format", "github", "--select", "CC304").output
    assert output.startswith("::error ") and "##[" not in output and output.count("::") == 2


def test_list_and_show_neutralise_commands(registry) -> None:
    registry(MINIMAL_SOURCES + f"""\
claims:
  - id: response
    statement: "{FORGED_COMMANDS}"
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 men"
""")
    for args in (["list"], ["show", "response"]):
        output = invoke(*args, env={"GITHUB_ACTIONS": "true"}).output
        assert "##[" not in output and "#\u200b#[error]forged" in output, args
    for args in (["list", "--format", "json"], ["show", "response", "--format", "json"]):
        output = invoke(*args).output
        assert "##[" not in output and '"\\u0023#[error]forged \\u0023#[add-mask]secret ::warning::x"' in output, args
        assert FORGED_COMMANDS in json.dumps(json.loads(output), ensure_ascii=False)


def test_sarif_neutralises_commands() -> None:
    from claimcheck.formats import sarif

    output = sarif.dumps({"message": {"text": FORGED_COMMANDS}})
    assert "##[" not in output and json.loads(output)["message"]["text"] == FORGED_COMMANDS


def test_show_does_not_echo_its_arguments_escapes(registry) -> None:
    registry(MINIMAL_SOURCES + "claims: []\n")
    result = invoke("show", "\x1b]0;pwned\x07c")
    assert (result.exit_code, result.output) == (2, "claimcheck: error: no claim `\\x1b]0;pwned\\x07c` in claims.yaml\n")


# Byte-order marks


def test_two_byte_order_marks_do_not_shift_columns(registry) -> None:
    text = "version: 1\nsources:\n  - id: a\n    titl: x\n"
    expected = invoke_on_bytes(registry, text.encode())
    assert expected.startswith("claims.yaml:3:5: CC201")
    assert invoke_on_bytes(registry, b"\xef\xbb\xbf" + text.encode()) == expected
    assert invoke_on_bytes(registry, b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode()) == expected


def test_a_bad_byte_after_a_byte_order_mark_is_located_by_its_own_offset(registry) -> None:
    output = invoke_on_bytes(registry, b"\xef\xbb\xbfversion: \xff1\n")
    assert output.startswith("claims.yaml:1:10: CC001 [error] the file is not valid UTF-8: byte 0xff at byte "
                             "offset 12 cannot be decoded")


def invoke_on_bytes(registry, raw: bytes) -> str:
    path = registry("")
    path.write_bytes(raw)
    return invoke("validate").output


# -o FILE --force


def test_o_onto_a_directory_says_so(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match=r": is a directory$"):
        write_text(tmp_path, "x", overwrite=True)


def test_report_onto_a_directory(registry, tmp_path: Path) -> None:
    registry(MINIMAL_SOURCES + "claims: []\n")
    (tmp_path / "out").mkdir()
    result = invoke("report", "-o", "out")
    assert (result.exit_code, result.output) == (2, "claimcheck: error: out: is a directory\n")


def test_force_writes_into_a_character_device_and_never_replaces_it() -> None:
    before = os.stat("/dev/null")
    with pytest.raises(WriteRefused, match="^/dev/null: is a FIFO or a device; pass --force to write into it$"):
        write_text(Path("/dev/null"), "x")
    write_text(Path("/dev/null"), "x", overwrite=True)
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_force_writes_into_a_fifo_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    write_text(fifo, "through the pipe\n", overwrite=True)
    assert reader.communicate(timeout=30)[0] == "through the pipe\n"
    assert fifo.is_fifo()
    assert files_under(tmp_path) == ["pipe"]


def test_a_socket_is_never_replaced(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(WriteRefused, match="is not a regular file; claimcheck replaces only regular files"):
            write_text(path, "x", overwrite=True)
    assert path.is_socket()


def test_github_escape_data_neutralises_commands() -> None:
    from claimcheck.formats.github import escape_data

    assert escape_data(FORGED_COMMANDS + "\n50%") == (
        "#\u200b#[error]forged #\u200b#[add-mask]secret ::warning::x%0A50%25")


# One claim of thousands of entries from two documents


def conflicts_json(folder: Path, entries: int, monkeypatch) -> tuple[str, list[dict]]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.pathological import two_source_stances

    two_source_stances(folder, entries)
    monkeypatch.chdir(folder)
    output = invoke("conflicts", "--format", "json").output
    return output, json.loads(output)["conflicts"]


def test_entries_of_one_value_from_one_document_are_one_group(tmp_path: Path, monkeypatch) -> None:
    _output, rows = conflicts_json(tmp_path / "small", 600, monkeypatch)
    shape = sorted((r["verdict"], r["a"]["source"], r["a"]["says"], r["b"]["source"], r["b"]["says"],
                    len(r["a"]["entries"]), len(r["b"]["entries"]), r["pairs"]) for r in rows)
    assert shape == [
        ("conflict", "study-1", "yes", "study-1", "no", 100, 100, 10_000),
        ("conflict", "study-1", "yes", "study-2", "no", 100, 100, 10_000),
        ("conflict", "study-2", "no", "study-2", "yes", 100, 100, 10_000),
        ("conflict", "study-2", "yes", "study-1", "no", 100, 100, 10_000),
        ("tension", "study-1", "no", "study-2", "uncertain", 100, 100, 10_000),
        ("tension", "study-1", "uncertain", "study-1", "no", 100, 100, 10_000),
        ("tension", "study-1", "uncertain", "study-2", "yes", 100, 100, 10_000),
        ("tension", "study-1", "yes", "study-1", "uncertain", 100, 100, 10_000),
        ("tension", "study-1", "yes", "study-2", "uncertain", 100, 100, 10_000),
        ("tension", "study-2", "no", "study-1", "uncertain", 100, 100, 10_000),
        ("tension", "study-2", "no", "study-2", "uncertain", 100, 100, 10_000),
        ("tension", "study-2", "yes", "study-2", "uncertain", 100, 100, 10_000),
    ]
    text = invoke("conflicts").output
    assert text.endswith("\n40000 conflicts, 80000 tensions between pairs of quotes.\n")
    assert text.count('"reported 0"') == 4  # study-1's first yes, once under each of its four pairs


def test_the_output_grows_with_the_entries_not_their_pairs(tmp_path: Path, monkeypatch) -> None:
    small, small_rows = conflicts_json(tmp_path / "small", 600, monkeypatch)
    large, large_rows = conflicts_json(tmp_path / "large", 1_200, monkeypatch)
    assert len(small_rows) == len(large_rows) == 12
    assert len(large) < 2.1 * len(small)
