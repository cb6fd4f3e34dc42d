"""Writes never replace a file unasked, and a write is all or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.safe_write import WriteRefused, write_text


def test_writes_a_new_file_and_leaves_no_temporary_behind(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_text(target, "<p>new</p>\n")
    assert target.read_text(encoding="utf-8") == "<p>new</p>\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_refuses_to_replace_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(WriteRefused, match="already exists; pass --force to overwrite it"):
        write_text(target, "theirs\n")
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]


def test_refuses_a_dangling_symlink_too(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    with pytest.raises(WriteRefused):
        write_text(tmp_path / "link", "x")
    assert not (tmp_path / "nowhere").exists()


def test_replaces_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    write_text(target, "new\n", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new\n"


def test_a_missing_folder_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="cannot write in"):
        write_text(tmp_path / "absent" / "out.txt", "x")


KILLED_MIDWAY = """
import os, sys
from pathlib import Path
from claimcheck import safe_write

def die_after_half(stream_write):
    def write(text):
        stream_write(text[: len(text) // 2])
        os._exit(9)
    return write

real_fdopen = os.fdopen
def fdopen(*args, **kwargs):
    stream = real_fdopen(*args, **kwargs)
    stream.write = die_after_half(stream.write)
    return stream
safe_write.os.fdopen = fdopen
safe_write.write_text(Path(sys.argv[1]), "new text " * 1000, overwrite=True)
"""


def test_a_write_killed_midway_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text("old text\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", KILLED_MIDWAY, str(target)], check=False)
    assert result.returncode == 9
    assert target.read_text(encoding="utf-8") == "old text\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "claims.yaml"]
    assert all(name.startswith(".claims.yaml.") and name.endswith(".tmp") for name in leftovers)


def test_a_new_file_gets_the_umask_permissions_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_text(tmp_path / "new.txt", "x")
        kept = tmp_path / "kept.txt"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        write_text(kept, "new", overwrite=True)
    finally:
        os.umask(umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640
