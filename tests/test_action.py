"""The GitHub Action (action.yml and action/run.sh) and the published pre-commit hooks (issue 23).

GitHub itself cannot run here: these tests check the action's inputs and steps as data, and run
its script as the action does, with the environment the action gives it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import MINIMAL_SOURCES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
SCRIPT = ROOT / "action" / "run.sh"
#: The folder of this environment's `claimcheck` command, put first on PATH as the action's install would.
BIN = str(Path(sys.executable).parent)

CONFLICTING = MINIMAL_SOURCES + """\
claims:
  - id: response
    statement: Share who responded
    evidence:
      - source: news-a
        says: 31/30
        quote: "31 of 30 men"
  - id: works
    statement: The drug works
    evidence:
      - source: news-a
        says: yes
        quote: "it works"
      - source: study-a
        says: no
        quote: "it does not work"
"""


def run_action(folder: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CLAIMCHECK_")}
    env.update({"PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}", "GITHUB_ACTIONS": "true", "NO_COLOR": "1"})
    env.update({f"CLAIMCHECK_{name.upper()}": value for name, value in inputs.items()})
    return subprocess.run(["bash", str(SCRIPT)], cwd=folder, env=env, capture_output=True, text=True, check=False)


def test_every_input_is_described_defaulted_and_used() -> None:
    steps = ACTION["runs"]["steps"]
    text = json.dumps(steps)
    assert ACTION["runs"]["using"] == "composite"
    for name, spec in ACTION["inputs"].items():
        assert spec["description"] and "default" in spec and spec["required"] is False, name
        assert f"inputs.{name}" in text, name


def test_no_input_is_pasted_into_a_script() -> None:
    """An input reaches the script through `env`, never as text of `run:` (where it could run as code)."""
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step


def test_the_action_installs_its_own_version_and_runs_the_script() -> None:
    runs = [step["run"] for step in ACTION["runs"]["steps"] if "run" in step]
    assert runs == ['python -m pip install --disable-pip-version-check "$GITHUB_ACTION_PATH"',
                    'bash "$GITHUB_ACTION_PATH/action/run.sh"']
    uploads = [step["with"] for step in ACTION["runs"]["steps"] if "upload-sarif" in step.get("uses", "")]
    assert [upload["category"] for upload in uploads] == ["claimcheck-findings", "claimcheck-conflicts"]


def test_a_clean_registry_passes(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(MINIMAL_SOURCES + "claims: []\n".replace("claims: []", """\
claims:
  - id: response
    statement: Share who responded
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 men"
"""), encoding="utf-8")
    result = run_action(tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_findings_and_conflicts_become_annotations_and_fail(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(CONFLICTING, encoding="utf-8")
    result = run_action(tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        ("::error file=claims.yaml,line=17,col=15,title=CC304 count-exceeds-total::"
        "CC304 `31/30`: k = 31 is more than n = 30"),
        ("::error file=claims.yaml,line=22,col=9,title=claimcheck conflict::"
        "conflict in claim works: news-a vs study-a: `news-a` says yes, `study-a` says no"),
    ]
    assert "1 claim not checked for 1 error in claims.yaml" in result.stderr


def test_conflicts_only_and_sarif(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(CONFLICTING.replace("says: 31/30", "says: 11/30"), encoding="utf-8")
    result = run_action(tmp_path, sarif_dir="out/sarif", fail_on="tension")
    assert result.returncode == 1
    assert result.stdout == ("::error file=claims.yaml,line=22,col=9,title=claimcheck conflict::"
                             "conflict in claim works: news-a vs study-a: `news-a` says yes, `study-a` says no\n")
    for name in ("findings", "conflicts"):
        log = json.loads((tmp_path / "out" / "sarif" / f"{name}.sarif").read_text(encoding="utf-8"))
        assert log["version"] == "2.1.0"
    assert run_action(tmp_path, conflicts="false").returncode == 0


def test_a_registry_input_and_bad_inputs(tmp_path: Path) -> None:
    (tmp_path / "reviews").mkdir()
    (tmp_path / "reviews" / "claims.yaml").write_text(CONFLICTING, encoding="utf-8")
    result = run_action(tmp_path, registry="reviews/claims.yaml", conflicts="false")
    assert result.returncode == 1 and result.stdout.startswith("::error file=reviews/claims.yaml,line=17")
    bad = run_action(tmp_path, fail_on="warning")
    assert (bad.returncode, bad.stderr) == (2, "claimcheck action: fail-on must be conflict or tension, not 'warning'\n")
    bad = run_action(tmp_path, conflicts="yes")
    assert (bad.returncode, bad.stderr) == (2, "claimcheck action: conflicts must be true or false, not 'yes'\n")


# pre-commit


def hook_patterns() -> list[re.Pattern[str]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    starter = yaml.safe_load((ROOT / "src/claimcheck/starter/pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [re.compile(hook["files"]) for hook in (*hooks, *starter["repos"][0]["hooks"])]


def test_the_hooks_run_when_the_registry_or_a_document_it_names_changes() -> None:
    bundled = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    named = [source["path"] for source in bundled["sources"] if source.get("path")]
    assert named
    for pattern in hook_patterns():
        for path in (*named, "claims.yaml", "reviews/claims.yml", "claimcheck.toml", "pyproject.toml",
                     "reviews/sources/report.pdf"):
            assert pattern.search(path), (pattern.pattern, path)
        for path in ("src/claimcheck/cli/init.py", "README.md", "notes/claims.yaml.bak"):
            assert not pattern.search(path), (pattern.pattern, path)


def test_the_hooks_check_the_registry_not_the_changed_files() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(hook["id"], hook["pass_filenames"]) for hook in hooks] == [
        ("claimcheck-validate", False), ("claimcheck-conflicts", False)]
