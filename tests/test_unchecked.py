"""One broken claim never hides the rest: reports of a registry with errors (validate/unchecked.py).

Every reading command reports the claims and sources with no error of their own, shows the others
as not checked with their error count, says on standard error how many, and exits 1 (0 with
--exit-zero). Only a registry that cannot be read as a whole stops everything, with exit 2.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimcheck.registry.index import build_index
from claimcheck.registry.schema import build_registry
from claimcheck.validate.unchecked import DroppedItems, find_unchecked
from conftest import MINIMAL_SOURCES, invoke, json_of

#: A good claim in conflict, and a claim whose `says` cannot be read (CC301).
REPRODUCER = MINIMAL_SOURCES + """\
claims:
  - id: good
    statement: Share who responded
    evidence:
      - source: study-a
        says: 11/30
        quote: "11 of 30 men"
      - source: news-a
        says: 80%
        quote: "most men"
  - id: broken
    statement: Share with a rash
    evidence:
      - source: news-a
        says: 5 out of
        quote: "about 5%"
"""

NOTE = "claimcheck: 1 claim not checked for 1 error in claims.yaml; `claimcheck validate claims.yaml` lists them\n"

COMMANDS = [["list"], ["conflicts"], ["show", "good"], ["show", "broken"], ["sources"], ["coverage"],
            ["report", "-o", "map.html"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_reading_command_reports_and_exits_1_or_0_with_exit_zero(registry, command: list[str]) -> None:
    registry(REPRODUCER)
    result = invoke(*command)
    assert result.exit_code == 1, result.output
    assert result.stderr.endswith(NOTE)
    assert "CC301" not in result.output  # the errors are `validate`'s to list
    result = invoke(*command, "--exit-zero", *(["--force"] if command[0] == "report" else []))
    assert result.exit_code == 0 and result.stderr.endswith(NOTE)


def test_list_shows_the_good_claims_verdict_and_the_broken_claim_as_not_checked(registry) -> None:
    registry(REPRODUCER)
    result = invoke("list")
    assert result.stdout == """\
  claim: what each document says                                 status, grade
 ──────────────────────────────────────────────────────────────────────────────
  good                                                           conflict
  Share who responded                                            ●○○○ very-low
    study-a: 11/30
    news-a: 80%
  broken                                                         not checked
  Share with a rash                                              1 error
    news-a: 5 out of

2 claims: 1 conflict, 1 not checked.
"""
    assert result.stderr == NOTE


def test_list_counts_in_english(registry) -> None:
    registry(REPRODUCER)
    assert invoke("list", "--status", "conflict").stdout.endswith("\n1 claim: 1 conflict.\n")


def test_conflicts_lists_the_claims_not_checked_after_the_pairs(registry) -> None:
    registry(REPRODUCER)
    result = invoke("conflicts")
    assert result.stdout.endswith("""\
1 conflict between pairs of quotes.

Not checked (`claimcheck validate` lists the errors):
  broken: 1 error
""")
    assert "CONFLICT: same study (`study-a`)" in result.stdout


def test_show_of_the_good_claim_is_as_without_the_broken_one(registry) -> None:
    registry(REPRODUCER)
    shown = invoke("show", "good").stdout
    registry(REPRODUCER[:REPRODUCER.index("  - id: broken")])
    alone = invoke("show", "good")
    assert alone.exit_code == 0 and shown == alone.stdout
    assert shown.startswith("good  conflict  ●○○○ very-low\n")


def test_show_of_the_broken_claim_says_it_is_not_checked(registry) -> None:
    registry(REPRODUCER)
    assert invoke("show", "broken").stdout == """\
broken  not checked
Share with a rash

Not checked: 1 error; no verdict nor grade until they are fixed (`claimcheck
validate` lists them).

Evidence
  1. news-a says 5 out of (quote no text)
     "about 5%"
     rests on: study-a
"""


def test_json_fields_of_a_claim_not_checked(registry) -> None:
    registry(REPRODUCER)
    claims = json_of(invoke("list", "--format", "json").stdout, "claims")
    assert [(c["claim"], c["status"], c["grade"], c["checked"], c["errors"], c["error_sources"]) for c in claims] == [
        ("good", "conflict", "very-low", True, 0, []), ("broken", None, None, False, 1, [])]
    shown = json_of(invoke("show", "broken", "--format", "json").stdout, "claim")
    assert (shown["checked"], shown["errors"], shown["pairs"], shown["evidence"][0]["value"]) == (False, 1, [], None)
    document = json.loads(invoke("conflicts", "--format", "json").stdout)
    assert [row["claim"] for row in document["conflicts"]] == ["good"]
    assert document["not_checked"] == [
        {"claim": "broken", "statement": "Share with a rash", "errors": 1, "error_sources": []}]


def test_markdown_row_of_a_claim_not_checked(registry) -> None:
    registry(REPRODUCER)
    assert "| **broken**<br>Share with a rash | news-a: 5 out of | \u26a0 **not checked** | 1 error |\n" in invoke(
        "list", "--format", "markdown").stdout
    assert invoke("conflicts", "--format", "markdown").stdout.endswith(
        "**Not checked** (`claimcheck validate` lists the errors):\n\n- broken: 1 error\n")


BROKEN_SOURCE = MINIMAL_SOURCES.replace("    cites: [study-a]\n", "    cites: [study-a]\n    path: missing.txt\n") + """\
  - id: blog-b
    title: Blog B
    type: blog
    path: blog.txt
claims:
  - id: from-news
    statement: Share who responded
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 men"
  - id: from-blog
    statement: Share with a rash
    evidence:
      - source: blog-b
        says: 5%
        quote: "5% of men had a rash"
"""


def test_a_broken_source_marks_the_claims_citing_it_as_not_checked(registry) -> None:
    registry(BROKEN_SOURCE, {"blog.txt": "Only 5% of men had a rash.\n"})
    listed = invoke("list")
    assert listed.exit_code == 1
    assert listed.stderr == ("claimcheck: 1 claim and 1 source not checked for 1 error in claims.yaml; "
                             "`claimcheck validate claims.yaml` lists them\n")
    claims = json_of(invoke("list", "--format", "json").stdout, "claims")
    assert [(c["claim"], c["checked"], c["errors"], c["error_sources"]) for c in claims] == [
        ("from-news", False, 0, ["news-a"]), ("from-blog", True, 0, [])]
    assert "    not checked: source news-a has errors" in listed.stdout
    sources = json_of(invoke("sources", "--format", "json").stdout, "sources")
    assert [(s["source"], s["checked"], s["errors"]) for s in sources] == [
        ("study-a", True, 0), ("news-a", False, 1), ("blog-b", True, 0)]
    assert "  news-a" in invoke("sources").stdout and "    not checked: 1 error" in invoke("sources").stdout
    assert invoke("show", "from-news").stdout.splitlines()[3] == (
        "Not checked: source news-a has errors; no verdict nor grade until they are fixed")
    coverage = invoke("coverage")
    assert coverage.stdout.endswith("Not checked (`claimcheck validate` lists the errors):\n  news-a: 1 error\n")
    data = json_of(invoke("coverage", "--format", "json").stdout, "coverage")
    assert [s["source"] for s in data["sources"]] == ["blog-b"]
    assert data["not_checked"] == [{"source": "news-a", "errors": 1}]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_registry_that_is_not_yaml_still_stops_everything(registry, command: list[str]) -> None:
    registry("version: 1\nclaims: [unclosed\n")
    result = invoke(*command, "--exit-zero")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "claimcheck: error: claims.yaml cannot be read as a registry:\n"
        "claims.yaml:2:18: CC002 [error] did not find expected ',' or ']' while parsing a flow sequence started "
        "at line 2 (yaml-syntax)\nFound 1 error.\n")
    assert not Path("map.html").exists()


def test_a_claim_the_model_leaves_out_is_listed_as_not_checked(registry) -> None:
    registry(REPRODUCER.replace("    statement: Share with a rash\n", "    statement: Share with a rash\n    colour: red\n"))
    claims = json_of(invoke("list", "--format", "json").stdout, "claims")
    assert [(c["claim"], c["checked"], c["errors"]) for c in claims] == [("good", True, 0), ("broken", False, 1)]


def test_ignored_errors_leave_their_claim_checked(registry) -> None:
    registry(REPRODUCER)
    result = invoke("list", "--ignore", "CC301")
    assert result.exit_code == 0 and result.stderr == ""
    assert re.search(r"broken +single-source", result.stdout)


def test_find_unchecked_is_pure() -> None:
    import yaml

    data = yaml.safe_load(REPRODUCER)
    model = build_registry(data)
    index = build_index(model, {})
    found = find_unchecked([("claims", 1, "evidence", 0, "says"), ("left_out",)], index, DroppedItems())
    assert [(c.id, c.position, c.errors) for c in found.claims] == [("broken", 1, 1)]
    assert found.errors == 2 and not found.sources
    assert found.claim(0) is None and found.claim(1) is found.claims[0]
    assert not find_unchecked([], index)


def test_a_claim_not_checked_shows_its_accepted_pairs_as_data(registry) -> None:
    registry(REPRODUCER + "    accepted:\n      - between: [news-a, study-a]\n        note: known\n")
    rows = json.loads(invoke("list", "--format", "json").stdout)["claims"]
    assert [(row["claim"], row["checked"], row["accepted"], row["status_accepted"]) for row in rows] == [
        ("good", True, None, False),
        ("broken", False, [{"between": ["news-a", "study-a"], "note": "known"}], False)]


def test_plot_of_a_claim_not_checked_says_why(registry) -> None:
    registry(REPRODUCER)
    result = invoke("plot", "broken", "-o", "-")
    assert (result.exit_code, result.stderr) == (
        2, ("claimcheck: error: claim `broken` is not checked (1 error) in claims.yaml; `claimcheck validate` "
           "lists the errors\n"))
