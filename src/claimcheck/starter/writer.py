"""`claimcheck init`: a starter registry, its sample text, and a pre-commit configuration.

The starter files live beside this module, in the `starter/` package. Nothing is
ever overwritten: every target is checked before anything is written, so an
existing file means nothing at all is written. An existing
`.pre-commit-config.yaml` and `.gitignore` are the exceptions: each is left as
it is, and what to add to it (the hooks; the cache's folder) is returned for
printing instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from claimcheck.safe_write import WriteRefused, write_text

#: Starter files: (name in the package's starter/ folder, path in the new project).
STARTER_FILES: tuple[tuple[str, str], ...] = (
    ("claims.yaml", "claims.yaml"),
    ("sources/example-trial-report.txt", "sources/example-trial-report.txt"),
)
PRE_COMMIT = ("pre-commit-config.yaml", ".pre-commit-config.yaml")
#: Keeps claimcheck's cache of extracted texts (`.claimcheck-cache/`) out of git.
GITIGNORE = ("gitignore", ".gitignore")
CACHE_ENTRY = ".claimcheck-cache/"


@dataclass(frozen=True)
class Initialised:
    """What `init` wrote, and the pre-commit hooks it could not write (printed instead)."""

    written: tuple[Path, ...]
    pre_commit_snippet: str | None
    #: The line to add to an existing .gitignore that does not yet keep the cache out; None when nothing is to add.
    gitignore_line: str | None = None


def starter_text(name: str) -> str:
    node = resources.files("claimcheck.starter")
    for part in name.split("/"):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def initialise(folder: Path) -> Initialised:
    """Write the starter files into `folder`; WriteRefused, with nothing written, if any exists
    or any folder on the way is a file or cannot be created."""
    targets = [(name, folder / relative) for name, relative in STARTER_FILES]
    existing = [path for _name, path in targets if path.exists() or path.is_symlink()]
    if existing:
        names = ", ".join(str(path) for path in existing)
        raise WriteRefused(f"{names}: already exists; init writes nothing over existing files")
    pre_commit_path = folder / PRE_COMMIT[1]
    snippet = None
    if pre_commit_path.exists() or pre_commit_path.is_symlink():
        snippet = starter_text(PRE_COMMIT[0])
    else:
        targets.append((PRE_COMMIT[0], pre_commit_path))
    gitignore_path = folder / GITIGNORE[1]
    gitignore_line = None
    if gitignore_path.exists() or gitignore_path.is_symlink():
        gitignore_line = None if _ignores_cache(gitignore_path) else CACHE_ENTRY
    else:
        targets.append((GITIGNORE[0], gitignore_path))
    for _name, path in targets:
        _check_folders(folder, path.parent)
    created = _make_folders(sorted({path.parent for _name, path in targets}, key=lambda p: len(p.parts)))
    written: list[Path] = []
    try:
        for name, path in targets:
            write_text(path, starter_text(name))
            written.append(path)
    except WriteRefused:
        _undo(written, created)
        raise
    return Initialised(tuple(written), snippet, gitignore_line)


def _check_folders(folder: Path, parent: Path) -> None:
    """Every folder from the nearest existing one down to `parent` is a folder, or not there yet."""
    for step in (*reversed(parent.parents), parent):
        if not (step == folder or folder in step.parents or step in folder.parents):
            continue
        if (step.exists() or step.is_symlink()) and not step.is_dir():
            raise WriteRefused(f"{step}: is not a folder; init writes nothing")


def _make_folders(folders: list[Path]) -> list[Path]:
    """Create the folders that are missing, outermost first; on failure remove those created and refuse."""
    created: list[Path] = []
    for wanted in folders:
        for step in (*reversed(wanted.parents), wanted):
            if step.is_dir():
                continue
            try:
                step.mkdir()
            except OSError as error:
                _undo([], created)
                raise WriteRefused(f"{step}: cannot create this folder ({error.strerror}); init writes nothing") \
                    from None
            created.append(step)
    return created


def _undo(written: list[Path], created: list[Path]) -> None:
    for path in written:
        path.unlink(missing_ok=True)
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            pass


def _ignores_cache(gitignore: Path) -> bool:
    """Whether an existing .gitignore already names the cache's folder (one that cannot be read is taken as not)."""
    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    return any(line.strip().strip("/") in {".claimcheck-cache", ".claimcheck-cache/*"} for line in lines)
