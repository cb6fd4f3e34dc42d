"""The command line: exit codes, output formats, the colour rule, every command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimcheck import __version__
from claimcheck.findings.rules import RULES
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, ROOT, invoke, json_of

CLAIM = MINIMAL_CLAIM + """\
      - source: study-a
        says: most
        quote: "most men"
"""
BROKEN = MINIMAL_SOURCES + CLAIM.replace("says: 11/30", "says: 31/30")
UNUSED = MINIMAL_SOURCES + "  - id: orphan\n    title: O\n    type: blog\n" + CLAIM


# ------------------------------------------------------------ validate

def test_clean_registry_exits_0(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM)
    result = invoke("validate")
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")


def test_errors_exit_1_with_ruff_style_lines(registry) -> None:
    registry(BROKEN)
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.output == (
        "claims.yaml:17:15: CC304 [error] `31/30`: k = 31 is more than n = 30 (count-exceeds-total)\n"
        "Found 1 error.\n")


def test_warnings_alone_exit_0_unless_strict(registry) -> None:
    registry(UNUSED)
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.output == (
        "claims.yaml:12:9: CC209 [warning] source `orphan` is not quoted by any claim nor cited by a source "
        "that is (unused-source)\nFound 1 warning.\n")
    assert invoke("validate", "--strict").exit_code == 1


def test_quiet_prints_nothing_on_success(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM)
    result = invoke("validate", "-q")
    assert (result.exit_code, result.output) == (0, "")


def test_quiet_prints_only_the_findings(registry) -> None:
    registry(BROKEN)
    result = invoke("validate", "--quiet")
    assert (result.exit_code, result.output) == (
        1, "claims.yaml:17:15: CC304 [error] `31/30`: k = 31 is more than n = 30 (count-exceeds-total)\n")


def test_errors_only_leaves_warnings_out(registry) -> None:
    registry(UNUSED.replace("says: 11/30", "says: 31/30"))
    result = invoke("validate", "--errors-only")
    assert (result.exit_code, result.output) == (
        1, ("claims.yaml:20:15: CC304 [error] `31/30`: k = 31 is more than n = 30 (count-exceeds-total)\n"
           "Found 1 error.\n"))
    registry(UNUSED)
    result = invoke("validate", "--errors-only", "--strict")
    assert (result.exit_code, result.output) == (0, "All checks passed.\n")


def test_json_format(registry) -> None:
    registry(BROKEN)
    result = invoke("validate", "--format", "json")
    assert result.exit_code == 1
    assert json_of(result.output, "findings") == [{
        "file": "claims.yaml", "line": 17, "column": 15, "severity": "error", "code": "CC304",
        "name": "count-exceeds-total", "message": "`31/30`: k = 31 is more than n = 30", "related": [],
    }]


def test_github_format(registry) -> None:
    registry(BROKEN)
    result = invoke("validate", "--format", "github")
    assert result.output == ("::error file=claims.yaml,line=17,col=15,title=CC304 count-exceeds-total::"
                             "CC304 `31/30`: k = 31 is more than n = 30\n")


def test_github_format_escapes_percent_and_newlines(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM.replace("says: 11/30", "says: 11/30 (40%)"))
    line = invoke("validate", "--format", "github").output
    assert "11/30 (40%25)" in line and "\n" == line[-1] and line.count("\n") == 1


def test_several_registries_at_once(registry) -> None:
    registry(BROKEN, name="one.yaml")
    registry(UNUSED, name="two.yaml")
    result = invoke("validate", "--format", "json", "one.yaml", "two.yaml")
    assert result.exit_code == 1
    assert [(f["file"], f["code"]) for f in json_of(result.output, "findings")] == [
        ("one.yaml", "CC304"), ("two.yaml", "CC209")]


def test_missing_registry_exits_2(registry) -> None:
    result = invoke("validate", "nowhere.yaml")
    assert result.exit_code == 2
    assert result.output == "claimcheck: error: nowhere.yaml: no such file\n"


def test_a_folder_without_a_registry_says_how_to_start_one(registry, tmp_path) -> None:
    (tmp_path / "folder").mkdir()
    result = invoke("validate", "folder")
    assert (result.exit_code, result.output) == (
        2, "claimcheck: error: folder has no claims.yaml; start one there with `claimcheck init folder`\n")


def test_no_registry_here_says_how_to_start(registry) -> None:
    result = invoke("validate")
    assert (result.exit_code, result.output) == (
        2, ("claimcheck: error: no claims.yaml here; name a registry (`claimcheck validate path/to/claims.yaml`, "
           "or the folder that holds it), or start one here with `claimcheck init`\n"))
    assert "`claimcheck list path/to/claims.yaml`" in invoke("list").output


@pytest.mark.parametrize("command", [["validate"], ["list"], ["show", "response"]])
def test_a_folder_names_the_registry_in_it(registry, tmp_path, monkeypatch: pytest.MonkeyPatch,
                                           command: list[str]) -> None:
    registry(BROKEN)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = invoke(*command, str(tmp_path))
    assert result.exit_code == 1
    if command == ["validate"]:
        assert result.output == (
            f"{tmp_path}/claims.yaml:17:15: CC304 [error] `31/30`: k = 31 is more than n = 30 (count-exceeds-total)\n"
            "Found 1 error.\n")


def test_unknown_option_is_a_usage_error(registry) -> None:
    assert invoke("validate", "--frmat", "json").exit_code == 2
    assert invoke("validate", "--format", "xml").exit_code == 2


def test_a_malformed_file_is_a_finding_not_a_traceback(registry) -> None:
    registry("version: 1\nclaims: [\n")
    result = invoke("validate")
    assert result.exit_code == 1 and "CC002" in result.output and "Traceback" not in result.output


# ------------------------------------------------------------ colour rule

def test_plain_when_piped(registry) -> None:
    registry(BROKEN)
    assert "\x1b[" not in invoke("validate").output


def test_color_flag_wins(registry) -> None:
    registry(BROKEN)
    assert "\x1b[" in invoke("validate", "--color").output
    assert "\x1b[" in invoke("validate", "--color", env={"NO_COLOR": "1"}).output
    assert "\x1b[" not in invoke("validate", "--no-color").output


@pytest.mark.parametrize("command", [["validate"], ["list"], ["conflicts", "--all"]])
def test_color_flag_beats_no_color_in_the_environment(registry, command: list[str]) -> None:
    """no-color.org: an explicit flag wins over NO_COLOR; colours too, not only bold."""
    registry(BROKEN if command == ["validate"] else MINIMAL_SOURCES + CLAIM)
    coloured = invoke(*command, "--color", env={"NO_COLOR": "1"}).output
    assert coloured == invoke(*command, "--color").output
    assert any(f"\x1b[{code}m" in coloured for code in ("31", "1;31", "32", "33", "36"))


def test_no_color_on_a_terminal(registry, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.formats.text_rich import make_console

    class Terminal:
        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert make_console(None, Terminal()).is_terminal  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert not make_console(None, Terminal()).is_terminal  # type: ignore[arg-type]


# ------------------------------------------------------------ reports of a registry with errors

@pytest.mark.parametrize("command", [["list"], ["conflicts"], ["sources"], ["show", "response"]])
def test_reports_show_a_claim_with_errors_as_not_checked(registry, command: list[str]) -> None:
    registry(BROKEN)
    result = invoke(*command)
    assert result.exit_code == 1
    assert "CC304" not in result.output  # `validate` lists the errors; the report does not
    assert result.output.endswith("claimcheck: 1 claim not checked for 1 error in claims.yaml; "
                                  "`claimcheck validate claims.yaml` lists them\n")


def test_show_unknown_claim_suggests_close_ids(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM)
    result = invoke("show", "respnse")
    assert result.exit_code == 2
    assert result.output == "claimcheck: error: no claim `respnse` in claims.yaml; did you mean response?\n"


def test_show_json(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM)
    data = json_of(invoke("show", "response", "--format", "json").output, "claim")
    assert data["status"] == "conflict"
    assert [e["rests_on"] for e in data["evidence"]] == [["study-a"], ["study-a"]]
    assert data["provenance"]["news-a"] == [{"depth": 0, "source": "news-a"}, {"depth": 1, "source": "study-a"}]


def test_list_filters(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM + CLAIM.replace("claims:\n", "").replace("id: response", "id: other")
             .replace("says: most", "says: 37%") + "    tags: [x]\n")
    rows = lambda *a: [r["claim"] for r in json_of(invoke("list", "--format", "json", *a).output, "claims")]
    assert rows() == ["response", "other"]
    assert rows("--status", "conflict") == ["response"]
    assert rows("--status", "agree") == ["other"]
    assert rows("--tag", "x") == ["other"]
    assert rows("--source", "news-a") == ["response", "other"]
    assert rows("--source", "nobody") == []


def test_list_json_fields(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM)
    (row,) = json_of(invoke("list", "--format", "json").output, "claims")
    assert set(row) >= {"claim", "statement", "status", "documents", "grade", "reasons", "independent_studies"}
    assert (row["documents"], row["independent_studies"]) == (2, 1)


def test_conflicts_json_fields(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM)
    (row,) = json_of(invoke("conflicts", "--format", "json").output, "conflicts")
    assert row["a"] == {"source": "news-a", "says": "11/30", "quote": "11 of 30 men", "line": None, "location": None,
                        "evidence": 0,
                        "entries": [{"evidence": 0, "quote": "11 of 30 men", "line": None, "location": None}]}
    assert (row["claim"], row["verdict"], row["internal"], row["accepted"]) == ("response", "conflict", False, False)
    assert row["pairs"] == 1


def test_conflicts_github_points_at_the_evidence(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM)
    output = invoke("conflicts", "--format", "github").output
    assert output.startswith("::error file=claims.yaml,line=16,col=9,title=claimcheck conflict::conflict in claim "
                             "response: news-a vs study-a: same study")


def test_sources_json(registry) -> None:
    registry(MINIMAL_SOURCES + CLAIM)
    rows = {r["source"]: r for r in json_of(invoke("sources", "--format", "json").output, "sources")}
    assert rows["news-a"]["cites"] == ["study-a"] and rows["news-a"]["claims"] == 1
    assert rows["study-a"]["quotes_found"] is None  # no text to check against


# ------------------------------------------------------------ other commands

def test_version() -> None:
    assert invoke("--version").output == f"claimcheck, version {__version__}\n"


def test_schema_is_json_schema_of_the_format() -> None:
    schema = json.loads(invoke("schema").output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["properties"]) == {"version", "sources", "claims", "left_out"}
    source = schema["$defs"]["Source"]
    assert source["additionalProperties"] is False
    assert set(source["properties"]["type"]["enum"]) == {"study", "review", "registration", "guideline", "news",
                                                         "blog", "reference", "other", "press-release", "preprint",
                                                         "commentary", "erratum"}
    assert source["properties"]["risk_of_bias"]["anyOf"][0]["enum"] == ["low", "some-concerns", "high"]


def test_rule_prints_one_page() -> None:
    page = invoke("rule", "CC101").output
    assert page.startswith("## CC101 quote-not-found (error)\n\n**What it does.**")
    assert invoke("rule", "quote-not-found").output == page


def test_unknown_rule_exits_2() -> None:
    result = invoke("rule", "CC999")
    assert result.exit_code == 2 and "no rule `CC999`" in result.output


def test_rules_lists_every_rule() -> None:
    assert len(invoke("rules").output.splitlines()) == len(RULES)


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == invoke("rules", "--format", "markdown").output


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True,
                            check=False)
    assert (result.returncode, result.stdout) == (0, f"claimcheck, version {__version__}\n")


def test_every_output_shows_an_elision_as_one_mark(registry) -> None:
    registry(MINIMAL_SOURCES + "    path: news.txt\n" + CLAIM.replace('"11 of 30 men"', '"We found ... 11 of 30 men"', 1),
             {"news.txt": "We found that 11 of 30 men responded; most did.\n"})
    assert '"We found […] 11 of 30 men"' in invoke("show", "response", "--no-color").output
    data = json_of(invoke("show", "response", "--format", "json").output, "claim")
    assert data["evidence"][0]["quote"] == "We found […] 11 of 30 men"


# ------------------------------------------------------------ docs

def test_docs_lists_the_pages() -> None:
    result = invoke("docs")
    assert (result.exit_code, result.output) == (0, (
        "format       the registry format: sources, claims, evidence and the says value language\n"
        "grading      how list and show grade the evidence, step by step\n"
        "statistics   every statistic claimcheck computes, with its formula and reference\n"
        "json         the fields of --format json\n"
        "sarif        the fields of --format sarif\n"
        "reliability  what claimcheck guarantees on broken input, and the limits (--limit)\n"
        "scan         claimcheck scan: the checks run on a corpus, its outputs, processes, cache and Dask\n"
        "\n`claimcheck docs PAGE` prints one; `claimcheck rule CODE` explains a finding's code.\n"))


def test_docs_prints_a_page_of_the_installed_version() -> None:
    result = invoke("docs", "format")
    assert result.exit_code == 0
    assert result.output == (ROOT / "docs" / "format.md").read_text(encoding="utf-8").rstrip("\n") + "\n"


def test_docs_suggests_a_page() -> None:
    result = invoke("docs", "formt")
    assert (result.exit_code, result.output) == (2, "claimcheck: error: no page `formt`; did you mean `format`?\n")


def test_every_claimcheck_docs_page_the_tool_names_exists() -> None:
    """Every `claimcheck docs PAGE` in the package's messages, help and starter names a bundled page,
    and no message sends a user to the repository's docs/ folder."""
    import re

    from claimcheck.manual import PAGES

    package = ROOT / "src" / "claimcheck"
    texts = [p.read_text(encoding="utf-8") for p in [*package.rglob("*.py"), *package.rglob("*.yaml")]
             if "fuzz" not in p.parts]
    named = {name for text in texts for name in re.findall(r"claimcheck docs ([a-z]+)", text)}
    assert named and named <= set(PAGES)
    assert "claimcheck's repository" not in "".join(texts)


def test_top_level_help_shows_every_summary_whole_in_80_columns() -> None:
    from claimcheck.cli import SUMMARIES, main

    output = invoke("--help", env={"COLUMNS": "80"}).output
    listed = output.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert listed == [f"  {name:<9}  {SUMMARIES[name]}" for name in sorted(main.commands)]
    assert max(len(line) for line in listed) <= 80 and "..." not in output.split("Commands:")[1]


# ------------------------------------------------------------ shell completion

def complete(line: str) -> list[str]:
    """What bash completion offers for the last word of `line` (click's bash protocol: `type,value`)."""
    from click.testing import CliRunner

    from claimcheck.cli import main

    words = line.split(" ")
    env = {"_CLAIMCHECK_COMPLETE": "bash_complete", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    result = CliRunner().invoke(main, [], prog_name="claimcheck", env=env)
    return result.output.splitlines()


@pytest.mark.parametrize("line, offered", [
    ("claimcheck show ov", ["plain,overall-motile-sperm"]),
    ("claimcheck list --tag effic", ["plain,efficacy"]),
    ("claimcheck list --source news-", ["plain,news-isotretinoin-infertility"]),
    ("claimcheck extract aksoy", ["plain,aksoy-blog-2025", "file,aksoy"]),
    ("claimcheck rule CC40", ["plain,CC401", "plain,CC402", "plain,CC403", "plain,CC404", "plain,CC405",
                              "plain,CC406"]),
    ("claimcheck validate --ignore CC1,cc20", ["plain,CC1,CC201", "plain,CC1,CC202", "plain,CC1,CC203",
                                               "plain,CC1,CC204", "plain,CC1,CC205", "plain,CC1,CC206",
                                               "plain,CC1,CC207", "plain,CC1,CC208", "plain,CC1,CC209"]),
])
def test_completion_offers_the_words_of_the_registry(monkeypatch: pytest.MonkeyPatch, line: str,
                                                     offered: list[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert complete(line) == offered


def test_completion_reads_the_registry_named_on_the_line_and_survives_a_broken_one(registry, tmp_path) -> None:
    registry(MINIMAL_SOURCES + CLAIM, name="other.yaml")
    assert complete("claimcheck list other.yaml --source stu") == ["plain,study-a"]
    registry("version: 1\nclaims: [\n")
    assert complete("claimcheck show re") in ([], [""])


def test_top_level_help_documents_completion() -> None:
    output = invoke("--help", env={"COLUMNS": "80"}).output
    assert 'eval "$(_CLAIMCHECK_COMPLETE=bash_source claimcheck)"' in output
    assert "claim ids, source ids, tags, rule codes" in output
