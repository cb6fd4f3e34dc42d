"""Output that other tools read: `--format auto`, GitHub annotations nobody can forge, JSON as documented."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.cli import main
from claimcheck.formats import resolve
from claimcheck.formats.github import annotation
from conftest import MINIMAL_CLAIM, MINIMAL_SOURCES, ROOT, invoke

BROKEN = MINIMAL_SOURCES + MINIMAL_CLAIM.replace("says: 11/30", "says: 31/30")


# ------------------------------------------------------------ --format auto

@pytest.mark.parametrize("environ, view, chosen", [
    ({}, "findings", "text"),
    ({"GITHUB_ACTIONS": "true"}, "findings", "github"),
    ({"GITHUB_ACTIONS": "true"}, "conflicts", "github"),
    ({"GITHUB_ACTIONS": "true"}, "claims", "text"),  # GitHub has no annotation form of a claim list
    ({"GITHUB_ACTIONS": "false"}, "findings", "text"),
    ({"CI": "true"}, "findings", "text"),
])
def test_auto_resolves_where_claimcheck_runs(environ: dict[str, str], view: str, chosen: str) -> None:
    assert resolve("auto", view, environ) == chosen
    assert resolve("json", view, environ) == "json"


def test_auto_is_the_default_of_every_command(registry) -> None:
    registry(BROKEN)
    in_actions = {"GITHUB_ACTIONS": "true"}
    assert invoke("validate", env=in_actions).output.startswith("::error file=claims.yaml,line=17,col=15,")
    assert invoke("validate", "--format", "auto", env=in_actions).output.startswith("::error ")
    assert invoke("validate").output.startswith("claims.yaml:17:15: CC304 [error]")
    assert invoke("validate", "--format", "text", env=in_actions).output.startswith("claims.yaml:17:15:")
    for name, command in main.commands.items():
        format_options = [p for p in command.params if p.name == "output_format"]
        if name not in ("rules", "sof") and format_options:  # tables for documents: markdown by default
            (option,) = format_options
            assert isinstance(option.type, click.Choice) and option.type.choices[0] == "auto", name


# ------------------------------------------------------------ annotations

def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the GitHub Actions runner reads it: `::name k=v,k=v::message`, unescaped."""
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match, line
    unescape = lambda text: text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace(
        "%2C", ",").replace("%25", "%")
    properties = dict(item.split("=", 1) for item in match.group(2).split(","))
    data = match.group(3).replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    return match.group(1), {key: unescape(value) for key, value in properties.items()}, data


@given(file=st.text(), title=st.text(), message=st.text())
def test_no_text_can_cut_an_annotation_short_or_add_a_property(file: str, title: str, message: str) -> None:
    line = annotation("error", file, 3, 5, title, message)
    assert "\n" not in line and "\r" not in line
    command, properties, data = parse_workflow_command(line)
    assert (command, properties, data) == ("error", {"file": file, "line": "3", "col": "5", "title": title}, message)


@pytest.mark.parametrize("text, escaped", [
    ("100%", "100%25"),
    ("a\nb", "a%0Ab"),
    ("a\r\nb", "a%0D%0Ab"),
    ("%0A", "%250A"),
])
def test_message_escapes(text: str, escaped: str) -> None:
    assert annotation("error", "f", 1, 1, "t", text).endswith("::" + escaped)


def test_file_names_with_commas_and_colons_stay_one_property(registry) -> None:
    registry(BROKEN, name="a,line=1::b.yaml")
    line = invoke("validate", "--format", "github", "a,line=1::b.yaml").output
    assert line.startswith("::error file=a%2Cline=1%3A%3Ab.yaml,line=17,col=15,title=CC304 count-exceeds-total::")
    assert parse_workflow_command(line.rstrip("\n"))[1]["file"] == "a,line=1::b.yaml"


def test_registry_text_cannot_forge_an_annotation(registry) -> None:
    forged = "x\\n::error file=README.md,line=1::forged%0A"
    registry(MINIMAL_SOURCES + MINIMAL_CLAIM.replace("    evidence:", f'    "{forged}": 1\n    evidence:'))
    output = invoke("validate", "--format", "github").output
    (line,) = output.splitlines()
    command, properties, message = parse_workflow_command(line)
    assert (command, properties["line"]) == ("error", "15")
    assert "x\n::error file=README.md,line=1::forged%0A" in message


# ------------------------------------------------------------ JSON as documented

def documented_fields() -> dict[str, set[str]]:
    """The fields docs/json.md names, by section (`## validate` ...)."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in (ROOT / "docs" / "json.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = set()
        elif current and (match := re.match(r"\| `([^`]+)` \|", line)):
            sections[current].add(match.group(1))
    return sections


def field_paths(value: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            name = "*" if prefix.endswith("provenance") else key
            path = f"{prefix}.{name}" if prefix else name
            yield path
            yield from field_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from field_paths(item, prefix + "[]")


def real_fields(*args: str) -> set[str]:
    result = invoke(*args, "--format", "json")
    document = json.loads(result.stdout)
    assert document.pop("schema_version") == 1
    return set(field_paths(document))


def test_every_json_field_is_documented_and_every_documented_field_exists(registry, monkeypatch) -> None:
    registry(BROKEN + MINIMAL_CLAIM.replace("claims:\n", ""))  # a finding with a related place
    real = {"validate": real_fields("validate"), "validate --statistics": real_fields("validate", "--statistics")}
    gaps = registry(MINIMAL_SOURCES + "    path: texts/news.txt\n" + MINIMAL_CLAIM,
                    {"texts/news.txt": "Of them, 11 of 30 men responded. About 5% of men had a rash.\n"}, name="gaps.yaml")
    real["coverage"] = real_fields("coverage", str(gaps))
    real["extract"] = real_fields("extract", "texts/news.txt")
    # A source with an error (its text is missing), so a claim not checked: the fields only they fill in.
    unchecked = str(registry(MINIMAL_SOURCES + "    path: texts/missing.txt\n" + MINIMAL_CLAIM, name="unchecked.yaml"))
    real["coverage"] |= real_fields("coverage", unchecked)
    unchecked_conflicts = real_fields("conflicts", unchecked)
    monkeypatch.chdir(ROOT)
    example = "examples/halvorex/claims.yaml"  # the fields only effects and pooled estimates fill in
    real |= {"conflicts": real_fields("conflicts") | unchecked_conflicts, "list": real_fields("list") | real_fields("list", example),
             "show": real_fields("show", "overall-motile-sperm") | real_fields("show", "stroke-risk", example),
             "sources": real_fields("sources"), "rules": real_fields("rules"), "sof": real_fields("sof", example)}
    documented = documented_fields()
    assert set(documented) == set(real)
    for section, fields in real.items():
        assert documented[section] == fields, (section, sorted(documented[section] ^ fields))


# ------------------------------------------------------------ help

@pytest.mark.parametrize("name", ["", *sorted(main.commands)])
def test_every_help_ends_with_examples(name: str) -> None:
    output = invoke(*([name] if name else []), "--help").output
    tail = output.rstrip("\n").split("\n\n")[-1].splitlines()
    assert tail[0] == "  Examples:", output
    assert tail[1:] and all(line.startswith("    claimcheck ") for line in tail[1:]), tail


def test_click_shell_completion_as_the_readme_says() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(main, [], prog_name="claimcheck", env={"_CLAIMCHECK_COMPLETE": "bash_source"})
    assert result.exit_code == 0 and "_CLAIMCHECK_COMPLETE=bash_complete" in result.output
    assert 'eval "$(_CLAIMCHECK_COMPLETE=bash_source claimcheck)"' in (ROOT / "README.md").read_text()
