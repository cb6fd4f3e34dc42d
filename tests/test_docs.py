"""The documentation that is generated must be current."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT


def load_update_readme():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_shows_the_real_current_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("show sore-arm examples/quickstart", "validate", "list --tag efficacy", "conflicts", "show overall-motile-sperm",
                    "conflicts examples/halvorex/claims.yaml", "show stroke-risk examples/halvorex/claims.yaml",
                    "extract news-isotretinoin-infertility", "coverage --min 100", "validate examples/documents",
                    "show walkers-normal-glucose examples/documents",
                    "text walking-trial --registry examples/documents/claims.yaml"):
        assert f"<!-- output: claimcheck {command} -->" in readme, command
    assert load_update_readme().render(readme) == readme, "run: python scripts/update_readme.py"


def test_readme_gives_the_two_commands_that_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pip install . && claimcheck show sore-arm examples/quickstart" in readme
    assert "python -m pip install -e '.[test]' && python -m pytest" in readme
    assert "python -m pip install -e '.[test]'" in ci and "python -m pytest" in ci


def test_the_bundled_pages_are_the_docs_pages() -> None:
    assert load_update_readme().stale_pages() == [], "run: python scripts/update_readme.py"


def test_the_wheel_takes_the_bundled_pages() -> None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    from claimcheck.manual import PAGES

    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    folder = ROOT / "src" / "claimcheck" / "manual"
    assert {p.name for pattern in package_data["claimcheck.manual"] for p in folder.glob(pattern)} == {
        f"{name}.md" for name in PAGES}


def test_the_quick_start_comes_first_and_fits_one_screen() -> None:
    """The first output a reader meets is the quick start's: one conflict and why, one grade and why."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("<!-- output: claimcheck ")[1]
    assert first.startswith("show sore-arm examples/quickstart -->")
    shown = first.split("```text\n")[1].split("```")[0].splitlines()
    assert len(shown) <= 40 and max(map(len, shown)) <= 80
    assert "  conflict  trial-report / news-story" in shown and "  = low" in shown


def test_the_quick_start_example_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import invoke

    monkeypatch.chdir(ROOT)
    result = invoke("validate", "--strict", "examples/quickstart")
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")
