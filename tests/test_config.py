"""Configuration: claimcheck.toml or [tool.claimcheck], found upwards, flags winning, every mistake located."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.config import Config, find_config, load_config
from claimcheck.formats import FORMATS
from claimcheck.judge.compare import ALPHA
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, findings_of, invoke, json_of

FORMAT_NAMES = ", ".join(("auto", *(info.name for info in FORMATS)))
UNUSED = MINIMAL_SOURCES + "  - id: orphan\n    title: O\n    type: blog\n" + MINIMAL_CLAIM


def test_found_from_the_registry_folder_upwards(tmp_path: Path) -> None:
    (tmp_path / "project" / "data" / "deep").mkdir(parents=True)
    (tmp_path / "project" / "claimcheck.toml").write_text("strict = true\n")
    assert find_config(tmp_path / "project" / "data" / "deep") == tmp_path / "project" / "claimcheck.toml"


def test_claimcheck_toml_wins_over_pyproject_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.claimcheck]\nstrict = true\n")
    (tmp_path / "claimcheck.toml").write_text("strict = false\n")
    assert find_config(tmp_path) == tmp_path / "claimcheck.toml"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "claimcheck.toml").write_text("strict = true\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path / "sub") == tmp_path / "claimcheck.toml"


def test_the_search_stops_at_a_git_folder(tmp_path: Path) -> None:
    (tmp_path / "claimcheck.toml").write_text("strict = true\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "repo") is None
    (tmp_path / "repo" / "claimcheck.toml").write_text("strict = true\n")
    assert find_config(tmp_path / "repo") == tmp_path / "repo" / "claimcheck.toml"


def test_every_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.claimcheck]\nregistry = "data/claims.yaml"\nselect = ["CC1", "cc2"]\n'
                    'ignore = ["CC209"]\nstrict = true\nfail-on = "tension"\nalpha = 0.01\nformat = "json"\n')
    assert load_config(path) == Config(file=path, registry=tmp_path / "data" / "claims.yaml", select=("CC1", "CC2"),
                                       ignore=("CC209",), strict=True, fail_on="tension", alpha=0.01, format="json")


@pytest.mark.parametrize("name, text, message", [
    ("claimcheck.toml", "strict = true\nselct = [\"CC1\"]\n",
     "claimcheck.toml:2:1: unknown key `selct` in claimcheck.toml; did you mean `select`?"),
    ("pyproject.toml", "[tool.claimcheck]\n  fail_on = \"tension\"\n",
     "pyproject.toml:2:3: unknown key `fail_on` in [tool.claimcheck]; did you mean `fail-on`?"),
    ("claimcheck.toml", "# pasted from the README\n[tool.claimcheck]\nstrict = true\n",
     ("claimcheck.toml:2:1: `[tool.claimcheck]` is the table header of pyproject.toml; in claimcheck.toml the "
      "settings stand alone: remove the `[tool.claimcheck]` line")),
    ("claimcheck.toml", "colour = true\n",
     ("claimcheck.toml:1:1: unknown key `colour` in claimcheck.toml; known keys: registry, select, ignore, strict, "
     "fail-on, alpha, format, limits, cache, cache-dir")),
    ("claimcheck.toml", "strict = \"yes\"\n",
     "claimcheck.toml:1:10: `strict` must be true or false; got the text \"yes\""),
    ("claimcheck.toml", "alpha = 5\n",
     "claimcheck.toml:1:9: `alpha` must be a number between 0 and 1, such as 0.05; got the number `5`"),
    ("claimcheck.toml", "select = \"CC1\"\n",
     ("claimcheck.toml:1:10: `select` must be an array of rule codes or prefixes, such as [\"CC3\"]; got the text "
     "\"CC1\"")),
    ("claimcheck.toml", "ignore = [\"CC9\"]\n",
     "claimcheck.toml:1:10: `ignore` has an unknown rule code or prefix `CC9`; did you mean CC4, CC3, CC2?"),
    ("claimcheck.toml", "format = \"sarf\"\n",
     f"claimcheck.toml:1:10: `format` must be one of: {FORMAT_NAMES}; got the text \"sarf\" (did you mean `sarif`?)"),
    ("claimcheck.toml", "fail-on = \"error\"\n",
     "claimcheck.toml:1:11: `fail-on` must be one of: conflict, tension; got the text \"error\""),
    ("claimcheck.toml", "registry = 1\n",
     "claimcheck.toml:1:12: `registry` must be the registry's path, relative to this file; got the number `1`"),
    ("claimcheck.toml", "strict = true\nselect = [\"CC1\"\n",
     "claimcheck.toml:2:16: invalid TOML: Unclosed array"),
    ("claimcheck.toml", "strict = tru\n", "claimcheck.toml:1:10: invalid TOML: Invalid value"),
    ("pyproject.toml", "[tool]\nclaimcheck = 3\n", "pyproject.toml:2:1: `tool.claimcheck` must be a table"),
    ("pyproject.toml", "tool.claimcheck = 3\n", "pyproject.toml:1:1: `tool.claimcheck` must be a table"),
])
def test_mistakes_are_located_usage_errors(registry, name: str, text: str, message: str) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM, files={name: text})
    result = invoke("validate")
    assert (result.exit_code, result.output) == (2, f"claimcheck: error: {message}\n")


def test_every_mistake_is_reported_at_once(registry) -> None:
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM, files={"claimcheck.toml": "strict = 1\nalpha = true\n"})
    assert invoke("validate").output == (
        "claimcheck: error: claimcheck.toml:1:10: `strict` must be true or false; got the number `1`\n"
        "claimcheck: error: claimcheck.toml:2:9: `alpha` must be a number between 0 and 1, such as 0.05; got the "
        "boolean `true`\n")


def test_settings_apply_and_flags_win(registry) -> None:
    registry(UNUSED, files={"claimcheck.toml": "strict = true\n"})
    assert invoke("validate").exit_code == 1
    assert invoke("validate", "--no-strict").exit_code == 0
    assert invoke("validate", "--isolated").exit_code == 0


def test_select_and_ignore_from_the_configuration(registry) -> None:
    registry(UNUSED, files={"claimcheck.toml": "ignore = [\"CC209\"]\n"})
    assert findings_of() == []
    # A --select on the command line starts afresh, as in ruff: the configuration's ignore no longer applies.
    assert [f["code"] for f in findings_of("claims.yaml", "--select", "CC2")] == ["CC209"]


def test_the_default_registry_and_format_from_the_configuration(registry, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    registry(UNUSED, name="data/claims.yaml", files={"pyproject.toml": "[tool.claimcheck]\nregistry = "
                                                                       "\"data/claims.yaml\"\nformat = \"json\"\n"})
    result = invoke("validate")
    assert [f["file"] for f in json_of(result.output, "findings")] == ["data/claims.yaml"]
    # `list` has no github or sarif form, but it has json: the configured format applies.
    assert json_of(invoke("list").output, "claims")[0]["claim"] == "response"


def test_a_configured_format_a_view_lacks_falls_back_to_auto(registry) -> None:
    registry(UNUSED, files={"claimcheck.toml": "format = \"sarif\"\n"})
    assert invoke("list").output.lstrip().startswith("claim: what each document says")


def test_an_explicit_config_file(registry) -> None:
    registry(UNUSED, files={"ci.toml": "strict = true\n"})
    assert invoke("validate", "--config", "ci.toml").exit_code == 1
    result = invoke("validate", "--config", "missing.toml")
    assert result.exit_code == 2 and "missing.toml" in result.output


def test_fail_on_from_the_configuration(registry) -> None:
    claim = MINIMAL_CLAIM.replace("says: 11/30", "says: yes").replace("claims:\n", "claims:\n")
    claim += '      - source: study-a\n        says: uncertain\n        quote: "unclear"\n'
    registry(MINIMAL_SOURCES + claim)
    assert invoke("conflicts", "--fail").exit_code == 0
    (Path("claimcheck.toml")).write_text("fail-on = \"tension\"\n")
    assert invoke("conflicts", "--fail").exit_code == 1
    assert invoke("conflicts", "--fail", "--fail-on", "conflict").exit_code == 0


def test_alpha_reaches_the_comparison(registry) -> None:
    # Two independent studies, 11/30 against 20/30: Fisher's exact p = 0.0379 (scipy.stats.fisher_exact).
    sources = MINIMAL_SOURCES + "  - id: study-b\n    title: B\n    type: study\n    design: cohort\n"
    claim = MINIMAL_CLAIM.replace("source: news-a", "source: study-a")
    claim += '      - source: study-b\n        says: 20/30\n        quote: "20 of 30"\n'
    registry(sources + claim)
    verdict = lambda: json_of(invoke("conflicts", "--all", "--format", "json").output, "conflicts")[0]["verdict"]
    assert ALPHA == 0.05 and verdict() == "conflict"
    Path("claimcheck.toml").write_text("alpha = 0.01\n")
    assert verdict() == "agree"
    reason = json_of(invoke("conflicts", "--all", "--format", "json").output, "conflicts")[0]["reason"]
    assert reason.endswith("are within sampling error (Fisher's exact p = 0.038)")
