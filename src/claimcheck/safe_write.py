"""Writing files the safe way: never over an existing file unasked, and atomically.

Every file claimcheck writes (`init`, `report -o`, `extract -o`) goes through
`write_text`. The text is written to a temporary file in the target's folder
and then moved into place in one step, so a crash mid-write leaves either the
old file whole or no file, never half of one. Without `overwrite`, the move
refuses to replace a file that exists, even one created a moment earlier.

Only a regular file is ever replaced. A FIFO or a character device (`-o /dev/stdout`,
`-o /dev/null`) is written into, never renamed over, and only with `overwrite`:
as root in a CI container a rename would put a regular file in place of the
system's `/dev/null`. Any other kind of node is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteRefused(Exception):
    """The file exists and overwriting was not asked for, or the folder cannot take it."""


def write_text(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write `text` to `path` as UTF-8, atomically; refuse to replace a file unless `overwrite`."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise WriteRefused(f"{path}: is a directory")
    mode = _existing_mode(path)
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        _write_into(path, text, overwrite)
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise WriteRefused(f"{path}: is not a regular file; claimcheck replaces only regular files")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise WriteRefused(f"{path}: already exists; pass --force to overwrite it")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteRefused(f"{path}: cannot write in {folder} ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        _move_into_place(Path(temporary), path, overwrite)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _existing_mode(path: Path) -> int | None:
    """The mode of what `path` names (through a symbolic link), or None when nothing is there."""
    try:
        return path.stat().st_mode
    except OSError:
        return None


def _write_into(path: Path, text: str, overwrite: bool) -> None:
    """Write into a FIFO or a character device in place, and only when asked (`--force`)."""
    if not overwrite:
        raise WriteRefused(f"{path}: is a FIFO or a device; pass --force to write into it")
    try:
        with open(path, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as error:
        raise WriteRefused(f"{path}: cannot write into it ({error.strerror})") from None


def _mode_for(path: Path) -> int:
    """The old file's permissions when replacing it, else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _move_into_place(temporary: Path, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, path)
        return
    try:
        # A hard link fails if the name exists, so a file created since the check is not replaced.
        os.link(temporary, path)
    except FileExistsError:
        raise WriteRefused(f"{path}: already exists; pass --force to overwrite it") from None
    except OSError:
        # File systems without hard links: fall back to a move after one more check.
        if path.exists():
            raise WriteRefused(f"{path}: already exists; pass --force to overwrite it") from None
        os.replace(temporary, path)
