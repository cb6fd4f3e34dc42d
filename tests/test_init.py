"""`claimcheck init`: a starter that validates clean, written without ever overwriting a file."""

from __future__ import annotations

from pathlib import Path

import yaml

from claimcheck.registry.model import Claim, Evidence, LeftOut, Source
from claimcheck.starter.writer import STARTER_FILES, starter_text
from conftest import ROOT, invoke

WRITTEN = ["claims.yaml", "sources/example-trial-report.txt", ".pre-commit-config.yaml", ".gitignore"]


def files_under(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_writes_the_starter_and_says_what_next(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "review")
    assert result.exit_code == 0
    assert result.output == (
        "wrote review/claims.yaml\nwrote review/sources/example-trial-report.txt\nwrote review/.pre-commit-config.yaml\n"
        "wrote review/.gitignore\n"
        "\nNext:\n"
        "  cd review\n"
        "  claimcheck validate          # the example passes every check\n"
        "  edit claims.yaml: put your documents in place of the fictional source and claim,\n"
        "    their texts under sources/, and run claimcheck validate after every edit\n"
        "  git init                     # pre-commit works in a git repository\n"
        "  pip install pre-commit       # a tool of its own, installed separately\n"
        "  pre-commit install           # to run claimcheck before every commit\n")
    assert sorted(files_under(tmp_path / "review")) == sorted(WRITTEN)


def test_init_in_a_git_repository_does_not_say_git_init(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "review")
    assert result.output.endswith(
        "    their texts under sources/, and run claimcheck validate after every edit\n"
        "  pip install pre-commit       # a tool of its own, installed separately\n"
        "  pre-commit install           # to run claimcheck before every commit\n")


def test_the_starter_validates_clean(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    invoke("init")
    result = invoke("validate", "--strict")
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")
    assert invoke("list").exit_code == 0


def test_the_starter_explains_every_field_of_the_format() -> None:
    text = starter_text("claims.yaml")
    assert "version: 1" in text
    for model in (Source, Claim, Evidence, LeftOut):
        for field in model.model_fields:
            assert f" {field}:" in text, (model.__name__, field)


def test_the_starter_covers_every_candidate_of_its_text(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    invoke("init", "review")
    monkeypatch.chdir(tmp_path / "review")
    assert invoke("coverage", "--min", "100").exit_code == 0


def test_the_sample_text_says_it_is_fictional() -> None:
    assert starter_text(STARTER_FILES[1][0]).startswith("FICTIONAL EXAMPLE")


def test_init_writes_nothing_when_a_target_exists(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "example-trial-report.txt").write_text("mine")
    result = invoke("init")
    assert result.exit_code == 2
    assert result.output == ("claimcheck: error: sources/example-trial-report.txt: already exists; init writes "
                             "nothing over existing files\n")
    assert files_under(tmp_path) == {"sources/example-trial-report.txt": "mine"}


def test_an_existing_pre_commit_config_is_left_and_the_hooks_printed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = invoke("init")
    assert result.exit_code == 0
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "exists and was left as it is" in result.output
    assert starter_text("pre-commit-config.yaml").rstrip("\n") in result.output
    assert sorted(files_under(tmp_path)) == sorted(WRITTEN)


def test_the_starter_keeps_the_cache_out_of_git(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    invoke("init")
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == (
        "# claimcheck keeps the text it reads from PDFs, web pages and JATS XML here (docs/format.md)\n"
        ".claimcheck-cache/\n")


def test_an_existing_gitignore_is_left_and_the_line_to_add_printed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("*.pyc\n")
    result = invoke("init")
    assert result.exit_code == 0
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\n"
    assert ("\n.gitignore exists and was left as it is; to keep claimcheck's cache out of git, add this line to "
            "it:\n\n.claimcheck-cache/\n\nNext:") in result.output


def test_a_gitignore_that_already_keeps_the_cache_out_is_not_mentioned(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("build/\n/.claimcheck-cache\n")
    result = invoke("init")
    assert ".gitignore" not in result.output


def test_the_pre_commit_snippet_is_valid_yaml_with_the_hooks() -> None:
    config = yaml.safe_load(starter_text("pre-commit-config.yaml"))
    hooks = config["repos"][0]["hooks"]
    assert [hook["entry"] for hook in hooks] == ["claimcheck validate", "claimcheck conflicts --fail"]


def test_the_readme_shows_the_real_init_flow(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- init: claimcheck init my-review -->\n```text\n$ claimcheck init my-review\n")[1]
    assert shown.split("```\n<!-- /init -->")[0] == invoke("init", "my-review").output


def test_the_wheel_takes_the_starter_files() -> None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    package = ROOT / "src" / "claimcheck" / "starter"
    packaged = {str(path.relative_to(package)) for pattern in package_data["claimcheck.starter"]
                for path in package.glob(pattern)}
    assert packaged == {name for name, _target in STARTER_FILES} | {"pre-commit-config.yaml", "gitignore"}
