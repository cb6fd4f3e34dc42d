"""Start-up: `--version` and `--help` load only the command line, none of the layers or heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

#: Modules that only running a command needs.
HEAVY = ("yaml", "pydantic", "rich", "difflib", "claimcheck.registry.model", "claimcheck.registry.loader", "claimcheck.validate.run",
         "claimcheck.views.report", "claimcheck.values", "claimcheck.registry.quotes")

PROBE = """
import json, sys
from claimcheck.cli import main
try:
    main(sys.argv[1:], prog_name="claimcheck")
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["validate", "--help"], ["conflicts", "--help"]])
def test_help_and_version_import_nothing_they_do_not_need(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stderr))
    assert result.stdout
    assert [name for name in HEAVY if name in loaded] == []


@pytest.mark.parametrize("args", [["validate"], ["validate", "--statistics"], ["validate", "--format", "json"]])
def test_validate_without_colour_does_not_import_rich(args: list[str]) -> None:
    """Findings are lines of text: a pre-commit hook need not load the library that draws the reports."""
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True,
                            cwd=ROOT)
    loaded = set(json.loads(result.stderr))
    assert result.stdout.startswith(("All checks passed.", "{", "Found"))
    assert sorted(name for name in loaded if name.split(".")[0] == "rich") == []
