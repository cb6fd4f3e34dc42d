"""Regenerate the real command outputs shown in README.md.

Each block between `<!-- output: claimcheck ARGS -->` and `<!-- /output -->` is replaced
by what `claimcheck ARGS` prints on the bundled registry (80 columns, no colour), as text; each
between `<!-- markdown: claimcheck ARGS -->` and `<!-- /markdown -->`, by the markdown it prints. A test runs
`render()` and fails when the README is stale. Run: python scripts/update_readme.py
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- output: claimcheck (?P<args>.*?) -->\n)```text\n.*?```\n(<!-- /output -->)", re.DOTALL)
#: A block shown as rendered markdown (a table), not as a terminal's text.
MARKDOWN_BLOCK = re.compile(r"(<!-- markdown: claimcheck (?P<args>.*?) -->\n).*?(<!-- /markdown -->)", re.DOTALL)


def command_output(args: str) -> str:
    environment: dict[str, str | None] = {"COLUMNS": "80", "NO_COLOR": "1", "GITHUB_ACTIONS": None, "CI": None}
    result = CliRunner().invoke(main, shlex.split(args), env=environment, catch_exceptions=False)
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines()) + "\n"


def render(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        output = command_output(match.group("args"))
        return f"{match.group(1)}```text\n$ claimcheck {match.group('args')}\n{output}```\n{match.group(3)}"

    def replace_markdown(match: re.Match[str]) -> str:
        return f"{match.group(1)}{command_output(match.group('args'))}{match.group(3)}"

    return MARKDOWN_BLOCK.sub(replace_markdown, BLOCK.sub(replace, text))


def main_() -> int:
    import os

    os.chdir(ROOT)
    current = README.read_text(encoding="utf-8")
    updated = render(current)
    if updated != current:
        README.write_text(updated, encoding="utf-8")
        print("README.md updated")
    else:
        print("README.md is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
