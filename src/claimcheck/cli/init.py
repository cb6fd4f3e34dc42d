"""`claimcheck init`: start a registry in a folder."""

from __future__ import annotations

from pathlib import Path

import click

from claimcheck.cli.common import EXIT_USAGE, examples


@click.command(epilog=examples(
    "claimcheck init",
    "claimcheck init my-review && cd my-review && claimcheck validate",
))
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Start a registry in FOLDER (default: here): a commented claims.yaml, a sample
    text under sources/, a .pre-commit-config.yaml and a .gitignore for claimcheck's cache.
    Never overwrites a file."""
    from claimcheck.safe_write import WriteRefused
    from claimcheck.starter.writer import initialise

    try:
        done = initialise(folder)
    except WriteRefused as error:
        click.echo(f"claimcheck: error: {error}", err=True)
        raise SystemExit(EXIT_USAGE) from None
    for path in done.written:
        click.echo(f"wrote {path}")
    if done.pre_commit_snippet is not None:
        click.echo(f"\n{folder / '.pre-commit-config.yaml'} exists and was left as it is; to run claimcheck "
                   "before each commit, add these hooks to it:\n")
        click.echo(done.pre_commit_snippet.rstrip("\n"))
    if done.gitignore_line is not None:
        click.echo(f"\n{folder / '.gitignore'} exists and was left as it is; to keep claimcheck's cache out of git, "
                   f"add this line to it:\n\n{done.gitignore_line}")
    steps = [] if folder == Path(".") else [f"cd {folder}"]
    steps += ["claimcheck validate          # the example passes every check",
              "edit claims.yaml: put your documents in place of the fictional source and claim,",
              "  their texts under sources/, and run claimcheck validate after every edit",
              *([] if _in_git_repository(folder) else ["git init                     # pre-commit works in a git repository"]),
              "pip install pre-commit       # a tool of its own, installed separately",
              "pre-commit install           # to run claimcheck before every commit"]
    click.echo("\nNext:\n" + "\n".join(f"  {step}" for step in steps))


def _in_git_repository(folder: Path) -> bool:
    """Whether `folder` lies in a git work tree: it or a folder above it holds `.git`."""
    try:
        resolved = folder.resolve()
    except (OSError, RuntimeError):
        return False
    return any((place / ".git").exists() for place in (resolved, *resolved.parents))
