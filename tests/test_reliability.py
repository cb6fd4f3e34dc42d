"""Hostile and broken input (issue 11): paths, reading, locations, long values, internal errors, limits.

Each protection here has a test that fails without it; docs/reliability.md describes them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.registry.loader import Lines
from claimcheck.validate.run import validate_bytes
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, ROOT, findings_of, invoke

ARTICLE = "We found that 11 out of 30 men (37%) responded.\n"
WITH_PATH = MINIMAL_SOURCES + "    path: {path}\n" + MINIMAL_CLAIM.replace('"11 of 30 men"', '"11 out of 30 men"')


def path_findings(registry, path: str, files: dict | None = None) -> list[tuple[str, str]]:
    registry(WITH_PATH.replace("{path}", json.dumps(path)), files)
    return [(f["code"], f["message"]) for f in findings_of()]


# ----------------------------------------------------------------- source paths

def test_a_nul_byte_in_a_path_is_a_finding(registry) -> None:
    assert path_findings(registry, "texts/a\0b.txt") == [
        ("CC104", "`path: texts/a\0b.txt` holds a NUL character, which no file name can")]


def test_a_file_name_too_long_for_the_file_system(registry) -> None:
    name = "x" * 300 + ".txt"
    assert path_findings(registry, name) == [("CC104", (f"`path: {name[:80]}… (304 characters)` cannot be read "
                                                       "(File name too long)"))]


def test_a_path_longer_than_any_file_system_takes_is_refused_unread(registry) -> None:
    found = path_findings(registry, "a/" * 2_500)  # resolving it would be slow, and quadratic in its length
    assert found == [("CC104", "`path: " + "a/" * 40 + "… (5,000 characters)` is 5,000 characters long; "
                               "no file system takes a path over 4,096")]


def test_a_ten_megabyte_path_is_over_the_scalar_limit(registry) -> None:
    assert path_findings(registry, "a/" * 5_000_000) == [
        ("CC022", "this value is 10,000,000 characters long; the limit is 100,000 (`--limit scalar-length=N` raises it)")]


def test_a_symbolic_link_loop(registry, tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert path_findings(registry, "loop") == [("CC104", "`path: loop` cannot be followed (a loop of symbolic links)")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_never_opened(registry, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")  # opening it for reading would block until a writer came
    assert path_findings(registry, "pipe") == [("CC104", "`path: pipe` is not a regular file (a FIFO)")]


def test_a_device_is_never_read(registry, tmp_path: Path) -> None:
    (tmp_path / "zero").symlink_to("/dev/zero")  # the link leads outside, so it is refused first
    assert path_findings(registry, "zero")[0][0] == "CC102"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(registry, tmp_path: Path) -> None:
    target = tmp_path / "secret.txt"
    target.write_text(ARTICLE, encoding="utf-8")
    target.chmod(0)
    assert path_findings(registry, "secret.txt") == [("CC104", "`path: secret.txt` cannot be read (Permission denied)")]


def test_a_colon_is_a_legal_character_of_a_relative_name(registry) -> None:
    assert path_findings(registry, "a:b.txt", {"a:b.txt": ARTICLE}) == []


@pytest.mark.parametrize("path", ["C:\\\\texts\\\\news.txt", "C:/texts/news.txt", "\\\\\\\\server\\\\share.txt"])
def test_windows_absolute_paths_are_refused(registry, path: str) -> None:
    assert path_findings(registry, path)[0][0] == "CC102"


def test_nothing_read_outside_the_folder_reaches_any_output(registry, tmp_path: Path) -> None:
    secret = "TOP SECRET 42 of 99 agents"
    outside = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    outside.write_text(secret, encoding="utf-8")
    (tmp_path / "inside.txt").symlink_to(outside)
    registry(WITH_PATH.replace("{path}", "inside.txt").replace('"11 out of 30 men"', '"TOP SECRET"'))
    for command in (["validate"], ["validate", "--format", "json"], ["validate", "--format", "sarif"], ["sources"],
                    ["list", "--format", "json"], ["show", "response", "--format", "json"]):
        result = invoke(*command)
        assert "42 of 99" not in result.output and "agents" not in result.output, command


def test_a_symlinked_registry_reads_and_names_its_sources_from_the_link_s_folder(tmp_path: Path,
                                                                               monkeypatch) -> None:
    real, linked = tmp_path / "real", tmp_path / "linked"
    for folder, text in ((real, "Nothing here.\n"), (linked, ARTICLE)):
        (folder / "texts").mkdir(parents=True)
        (folder / "texts" / "news.txt").write_text(text, encoding="utf-8")
    (real / "claims.yaml").write_text(WITH_PATH.replace("{path}", "texts/news.txt"), encoding="utf-8")
    (linked / "claims.yaml").symlink_to(real / "claims.yaml")
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", "linked/claims.yaml", "--format", "json")
    assert json.loads(result.output)["findings"] == []  # the quote is in linked/texts/news.txt, not real/...


# ------------------------------------------------------------- reading the registry

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_registry_is_refused_at_once(registry, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "claims.yaml")
    result = invoke("validate")
    assert (result.exit_code, result.output) == (
        2, ("claimcheck: error: claims.yaml: is not a regular file (a FIFO); claimcheck reads registries from files "
           "only\n"))


def test_a_device_as_registry_is_refused_at_once(registry) -> None:
    result = invoke("validate", "/dev/zero")  # would read until memory ran out
    assert (result.exit_code, result.output) == (
        2, ("claimcheck: error: /dev/zero: is not a regular file (a device); claimcheck reads registries from files "
           "only\n"))


def test_a_symbolic_link_loop_as_registry(registry, tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").symlink_to(tmp_path / "claims.yaml")
    result = invoke("validate")
    assert (result.exit_code, result.output) == (
        2, "claimcheck: error: claims.yaml: cannot be read (a loop of symbolic links)\n")


# ------------------------------------------------------------------- locations

def test_lines_are_counted_as_editors_count_them(registry) -> None:
    # NEL and LS inside a quoted value are line breaks to YAML, not to editors.
    registry(MINIMAL_SOURCES.replace("title: Study A", "title: \"Study\\u0085A\\u2028!\"")
             .replace("title: Study A", "title: 'Study\u0085A\u2028!'") + MINIMAL_CLAIM.replace("11/30", "31/30"))
    assert [(f["line"], f["column"], f["code"]) for f in findings_of()] == [(17, 15, "CC304")]


def test_a_syntax_error_at_the_end_of_an_unterminated_line_points_into_the_file(registry) -> None:
    path = registry("")
    path.write_text("version: 1\nclaims: [", encoding="utf-8")
    (f,) = findings_of()
    assert (f["line"], f["column"], f["code"]) == (2, 10, "CC002")


def test_an_undecodable_byte_s_column_counts_characters(registry) -> None:
    path = registry("")
    path.write_bytes("version: 1\n# café \xff\n".encode("utf-8", "surrogateescape").replace(b"\\xff", b"")
                     .replace("\xff".encode(), b"\xff"))
    (f,) = findings_of()
    assert (f["line"], f["column"], f["code"]) == (2, 8, "CC001")  # "# café " is 7 characters, 8 bytes


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("ab: -[]{}'\"#\n\r\t\u0085\u2028\u2029é&*!"), max_size=120))
def test_every_finding_lies_inside_the_file(text: str) -> None:
    validation = validate_bytes(text.encode("utf-8"), ROOT, "fuzz.yaml")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if text.endswith(("\n", "\r")) and len(lines) > 1:
        lines.pop()
    for finding in validation.findings:
        assert 1 <= finding.position.line <= len(lines), (finding, text)
        assert 1 <= finding.position.column <= len(lines[finding.position.line - 1]) + 1, (finding, text)


def test_lines_of_a_text_without_line_breaks_beyond_lf() -> None:
    lines = Lines("ab\r\ncd\ref\n")
    assert [(p.line, p.column) for p in map(lines.at, (0, 4, 7, 10))] == [(1, 1), (2, 1), (3, 1), (3, 3)]


# -------------------------------------------------------------- what messages echo

def test_a_huge_value_is_shortened_in_every_message(registry) -> None:
    huge_id = "a" * 90_000
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("source: news-a", f"source: {huge_id}"))
    (f,) = [f for f in findings_of() if f["code"] == "CC207"]
    assert len(f["message"]) < 400
    assert "`" + "a" * 200 + "…` (90,000 characters)" in f["message"]


# ------------------------------------------------------------------ internal errors

def test_an_internal_error_says_so_and_exits_3(registry, monkeypatch) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("claimcheck.views.report.list_rows", broken)
    result = invoke("list")
    assert result.exit_code == 3
    assert result.output == (
        "claimcheck: internal error in `list`: ZeroDivisionError: division by zero\n"
        "claimcheck: this is a bug in claimcheck 0.1.0, not a finding about your registry; please report it with the "
        "input that caused it (CLAIMCHECK_DEBUG=1 shows the traceback)\n")
    assert "Traceback" in invoke("list", env={"CLAIMCHECK_DEBUG": "1"}).output


@pytest.mark.parametrize("command", [["conflicts"], ["conflicts", "--format", "json"], ["list"],
                                     ["show", "paternal-exposure-safe-for-child"]])
def test_a_reader_that_closes_the_pipe_ends_the_run_quietly(command: list[str]) -> None:
    """`claimcheck conflicts | head -1`: no traceback, no internal error, whichever format writes."""
    process = subprocess.Popen([sys.executable, "-m", "claimcheck", *command], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the first write: claimcheck takes a tenth of a second to start
    stderr = process.stderr.read()
    assert (process.wait(timeout=60), stderr) == (1, b"")


# ------------------------------------------------------------------------ limits

def test_a_limit_can_be_set_in_the_configuration(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM, files={"claimcheck.toml": "[limits]\nfile-size = 100\n"})
    assert [f["code"] for f in findings_of()] == ["CC020"]
    assert findings_of("claims.yaml", "--limit", "file-size=1MiB") == []  # the flag wins


@pytest.mark.parametrize("flag, message", [
    ("depth", "`--limit depth` must be NAME=VALUE, such as depth=100"),
    ("dpth=3", ("unknown limit `dpth`; the limits are: file-size, depth, aliases, scalar-length, claims, entries, "
               "text-size, elision, document-seconds")),
    ("depth=0", "limit `depth` must be positive; got 0"),
    ("depth=3MB", "limit `depth` is a count, without a unit; got `3MB`"),
])
def test_a_malformed_limit_is_a_usage_error(registry, flag: str, message: str) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM)
    result = invoke("validate", "--limit", flag)
    assert (result.exit_code, result.output) == (2, f"claimcheck: error: {message}\n")


def test_a_bad_limit_in_the_configuration_is_located(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM, files={"claimcheck.toml": "limits = { depth = \"deep\" }\n"})
    result = invoke("validate")
    assert (result.exit_code, result.output) == (
        2, "claimcheck: error: claimcheck.toml:1:10: `limits` has an limit `depth` must be a whole number; got `deep`\n")


# --------------------------------------------------------------------- no lost data

@settings(max_examples=25)
@given(st.integers(0, 10**6))
def test_every_claim_and_entry_of_a_valid_registry_reaches_list_and_show(tmp_path_factory, seed: int) -> None:
    import random

    import yaml

    from claimcheck.fuzz.inputs import generated_registry

    folder = tmp_path_factory.mktemp("registry")
    text, texts = generated_registry(random.Random(seed))
    for relative, content in texts.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(content, encoding="utf-8")
    (folder / "claims.yaml").write_text(text, encoding="utf-8")
    expected = {claim["id"]: len(claim["evidence"]) for claim in yaml.safe_load(text)["claims"]}  # an independent parse
    registry_path = str(folder / "claims.yaml")
    listed = json.loads(invoke("list", registry_path, "--format", "json").output)["claims"]
    assert {row["claim"]: len(row["values"]) for row in listed} == expected
    for claim_id, entries in expected.items():
        shown = json.loads(invoke("show", claim_id, registry_path, "--format", "json").output)["claim"]
        assert len(shown["evidence"]) == entries
