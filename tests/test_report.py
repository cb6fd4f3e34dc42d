"""`claimcheck report`: the evidence map's data, the page it is written into, and the command.

What the page looks like and does in a browser is tested in test_report_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.formats.html import asset, render_page, script_json
from claimcheck.views.report import document_verdict
from conftest import ROOT, invoke

SMALL = """\
version: 1
sources:
  - id: trial-a
    title: Trial A
    type: study
    design: rct
    sample_size: 200
  - id: news-a
    title: News A
    type: news
    cites: [trial-a]
  - id: blog-b
    title: Blog B
    type: blog
    flags: [commercial]
    cites: [trial-a]
  - id: unused-c
    title: A source no claim uses
    type: other
claims:
  - id: response
    statement: Share who responded to the drug
    tags: [efficacy]
    accepted: conflict
    note: The blog rounds up; kept on record.
    evidence:
      - source: news-a
        says: 40/200
        quote: "40 of 200 responded"
      - source: blog-b
        says: 20%
        quote: "a fifth responded"
      - source: blog-b
        says: most
        quote: "it works for most"
  - id: safe
    statement: The drug is safe
    tags: [safety]
    evidence:
      - source: news-a
        says: yes
        quote: "the drug is safe"
      - source: blog-b
        says: uncertain
        quote: "safety is unknown"
  - id: cheap
    statement: The drug is cheap
    evidence:
      - source: blog-b
        says: yes
        quote: "it is cheap"
"""

HOSTILE = """\
version: 1
sources:
  - id: study-a
    title: "Study </script><script>alert('title')</script>"
    type: study
    design: cohort
    sample_size: 30
  - id: news-a
    title: "News \\"><img src=x onerror=alert('img')>"
    type: news
    cites: [study-a]
  - id: blog-b
    title: "<!-- <script>alert(3)</script>"
    type: blog
    cites: [study-a]
claims:
  - id: response
    statement: "Share who responded <script>alert(1)</script> \\"><img src=x onerror=alert(1)>"
    population: "</script><!--<script>alert(4)</script>"
    note: "&lt;b&gt;not bold&lt;/b&gt; & <b>not bold either</b>"
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 men </script><script>alert(5)</script>"
      - source: blog-b
        says: most
        quote: "\\"><img src=x onerror=alert(6)> <svg onload=alert(7)>"
"""

DATA_BLOCK = re.compile(r'<script type="application/json" id="claimcheck-data">(.*?)</script>', re.DOTALL)


def page_data(page: str) -> Any:
    match = DATA_BLOCK.search(page)
    assert match is not None
    return json.loads(match.group(1))


def written_page(registry, text: str) -> str:  # type: ignore[no-untyped-def]
    registry(text)
    result = invoke("report", "-o", "map.html")
    assert result.exit_code == 0, result.output
    return Path("map.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ the data

def test_the_evidence_map_data(registry) -> None:
    data = page_data(written_page(registry, SMALL))
    assert data["registry"] == "claims.yaml"
    assert data["documents"] == ["news-a", "blog-b"]  # registry order; sources that state no claim left out
    assert data["summary"] == {
        "claims": 3,
        "statuses": {"single-source": 1, "agree": 0, "not-comparable": 0, "tension": 1, "conflict": 1},
        "accepted": 1,
        "not_checked": 0,
        "grades": {"high": 0, "moderate": 0, "low": 3, "very-low": 0},
    }
    cells = {row["claim"]: (row["status"], row["status_accepted"], row["cells"]) for row in data["claims"]}
    def value(says: str, verdict: str, accepted: bool = False) -> dict:
        return {"says": says, "verdict": verdict, "accepted": accepted, "silenced": []}

    assert cells == {
        "response": ("conflict", True, {
            "news-a": {"says": ["40/200"], "verdict": "conflict", "accepted": True,
                       "values": [value("40/200", "conflict", True)]},
            # Each value its own verdict: 20% agrees with 40/200, but the blog's own "most" contradicts it.
            "blog-b": {"says": ["20%", "most"], "verdict": "conflict", "accepted": True,
                       "values": [value("20%", "conflict", True), value("most", "conflict", True)]},
        }),
        "safe": ("tension", False, {
            "news-a": {"says": ["yes"], "verdict": "tension", "accepted": False, "values": [value("yes", "tension")]},
            "blog-b": {"says": ["uncertain"], "verdict": "tension", "accepted": False,
                       "values": [value("uncertain", "tension")]},
        }),
        "cheap": ("single-source", False, {
            "blog-b": {"says": ["yes"], "verdict": "single-source", "accepted": False,
                       "values": [value("yes", "single-source")]},
        }),
    }
    # The panels' data is `show --format json`'s with the forest plot's (none here: nothing pooled), the
    # sources table's `sources --format json`'s.
    shown = json.loads(invoke("show", "response", "--format", "json").output)
    assert data["details"]["response"] == {**shown["claim"], "forest": None}
    assert data["sources"] == json.loads(invoke("sources", "--format", "json").output)["sources"]


def _pair(a: str, b: str, verdict: str, accepted: bool = False) -> dict[str, Any]:
    return {"a": a, "b": b, "verdict": verdict, "accepted": accepted}


@pytest.mark.parametrize("status, pairs, source, expected", [
    ("single-source", [], "x", {"verdict": "single-source", "accepted": False}),
    ("single-source", [_pair("x", "x", "agree")], "x", {"verdict": "single-source", "accepted": False}),
    ("conflict", [_pair("x", "x", "conflict")], "x", {"verdict": "conflict", "accepted": False}),
    ("agree", [_pair("x", "y", "agree")], "y", {"verdict": "agree", "accepted": False}),
    # A document's verdict is the worst of its own pairs, not of the claim's.
    ("conflict", [_pair("x", "y", "agree"), _pair("y", "z", "conflict")], "x", {"verdict": "agree", "accepted": False}),
    ("conflict", [_pair("x", "y", "tension", True), _pair("x", "z", "conflict", True)], "x",
     {"verdict": "conflict", "accepted": True}),
    ("conflict", [_pair("x", "y", "conflict", True), _pair("x", "z", "conflict")], "x",
     {"verdict": "conflict", "accepted": False}),
    # Values compared with none (of another dimension, with CC302 ignored) have no verdict.
    ("agree", [_pair("y", "z", "agree")], "x", {"verdict": None, "accepted": False}),
])
def test_document_verdict(status: str, pairs: list[dict[str, Any]], source: str, expected: dict[str, Any]) -> None:
    assert document_verdict({"status": status, "pairs": pairs}, source) == expected


# ------------------------------------------------------------------ the page

def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_page_is_self_contained(registry) -> None:
    page = written_page(registry, SMALL)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert style is not None and script is not None
    assert (style.group(1), script.group(1)) == (asset("page.css"), asset("page.js"))
    # Nothing to fetch: the only address is the empty data: icon, and the policy forbids any other load.
    assert re.findall(r"""(?:src|href)\s*=\s*["']?([^"' >]*)""", page) == ["data:,"]
    assert "http://" not in page and "https://" not in page and "@import" not in page
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy is not None
    assert policy.group(1) == (f"default-src 'none'; style-src {_hash(style.group(1))}; "
                               f"script-src {_hash(script.group(1))}; img-src data:; base-uri 'none'; "
                               "form-action 'none'").replace("'", "&#x27;")


def test_registry_text_in_the_page_is_escaped(registry) -> None:
    page = written_page(registry, HOSTILE)
    # Exactly the template's own elements: the data block and the script, each closed once.
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/json" id="claimcheck-data">', "<script>"]
    assert page.count("</script") == 2 and page.count("<!--") == 0
    assert "<img" not in page and "<svg" not in page
    assert "alert(" not in DATA_BLOCK.sub("", page)  # the registry's text is in the data block, and only there
    assert "<title>Evidence map: claims.yaml (claimcheck)</title>" in page
    data = page_data(page)
    assert data["details"]["response"]["evidence"][0]["quote"] == "11 of 30 men </script><script>alert(5)</script>"
    assert data["sources"][1]["title"] == "News \"><img src=x onerror=alert('img')>"


def test_the_registry_name_is_escaped_in_the_markup() -> None:
    page = render_page({"registry": "<b>&\"'.yaml", "summary": {}, "documents": [], "claims": [], "details": {},
                        "sources": []})
    assert "<title>Evidence map: &lt;b&gt;&amp;&quot;&#x27;.yaml (claimcheck)</title>" in page
    assert "<b>&" not in page


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                    max_leaves=8))
def test_script_json_holds_no_markup_and_means_the_same(data: Any) -> None:
    encoded = script_json(data)
    assert not {"<", ">", "&"} & set(encoded)
    assert json.loads(encoded) == data


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratio_matches_wcag_figures() -> None:
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the grey WCAG's examples put just under 4.5


def test_the_page_colours_are_legible() -> None:
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", asset("page.css")))
    for verdict in ("agree", "tension", "conflict", "single", "none", "unchecked"):
        assert contrast(colours[f"{verdict}-ink"], colours[f"{verdict}-bg"]) >= 6.5, verdict
    for ink in ("ink", "muted", "focus"):
        for ground in ("paper", "wash"):
            assert contrast(colours[ink], colours[ground]) >= 4.5, (ink, ground)
    # The verdicts' edges are Okabe and Ito's colours, which the common colour blindnesses tell apart.
    assert [colours[f"{verdict}-edge"] for verdict in ("agree", "tension", "conflict", "single")] == [
        "#009e73", "#e69f00", "#d55e00", "#56b4e9"]


# --------------------------------------------------------------- the command

def test_report_refuses_to_overwrite_unless_forced(registry) -> None:
    registry(SMALL)
    Path("map.html").write_text("mine", encoding="utf-8")
    result = invoke("report", "-o", "map.html")
    assert result.exit_code == 2
    assert "claimcheck: error: map.html: already exists; pass --force to overwrite it" in result.output
    assert Path("map.html").read_text(encoding="utf-8") == "mine"
    result = invoke("report", "-o", "map.html", "--force")
    assert result.exit_code == 0, result.output
    assert result.output == "Wrote the evidence map of 3 claims to map.html\n"
    assert Path("map.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_to_standard_output(registry) -> None:
    registry(SMALL)
    result = invoke("report", "-o", "-")
    assert result.exit_code == 0
    assert result.output.startswith("<!DOCTYPE html>") and result.output.endswith("</html>\n")
    assert page_data(result.output)["summary"]["claims"] == 3
    assert not Path("-").exists()


def test_report_of_a_registry_with_errors_shows_the_claims_with_errors_as_not_checked(registry) -> None:
    registry(SMALL.replace("source: news-a\n        says: yes", "source: nowhere\n        says: yes"))
    result = invoke("report", "-o", "map.html")
    assert result.exit_code == 1
    assert result.output == ("Wrote the evidence map of 3 claims to map.html\n"
                             "claimcheck: 1 claim not checked for 1 error in claims.yaml; "
                             "`claimcheck validate claims.yaml` lists them\n")
    data = page_data(Path("map.html").read_text(encoding="utf-8"))
    assert data["summary"]["not_checked"] == 1
    assert [(row["claim"], row["checked"], row["errors"]) for row in data["claims"]] == [
        ("response", True, 0), ("safe", False, 1), ("cheap", True, 0)]
    assert data["details"]["safe"]["checked"] is False
    assert invoke("report", "-o", "again.html", "--exit-zero").exit_code == 0


def test_report_without_o_writes_evidence_map_html_and_says_so(registry) -> None:
    registry(SMALL)
    result = invoke("report")
    assert (result.exit_code, result.output) == (0, "Wrote the evidence map of 3 claims to evidence-map.html\n")
    data = page_data(Path("evidence-map.html").read_text(encoding="utf-8"))
    assert data["order"] == "worst"
    again = invoke("report")
    assert (again.exit_code, again.output) == (
        2, "claimcheck: error: evidence-map.html: already exists; pass --force to overwrite it\n")


def test_report_order_and_no_color_option(registry) -> None:
    registry(SMALL)
    assert page_data(invoke("report", "-o", "-", "--order", "grade").output)["order"] == "grade"
    refused = invoke("report", "--color")
    assert refused.exit_code == 2 and "No such option '--color'" in refused.output


def test_report_needs_a_folder_that_exists(registry) -> None:
    registry(SMALL)
    nowhere = invoke("report", "-o", "no/such/folder/map.html")
    assert nowhere.exit_code == 2
    assert "claimcheck: error: no/such/folder/map.html: cannot write in no/such/folder" in nowhere.output


def test_the_template_ships_in_the_wheel() -> None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folder = ROOT / "src" / "claimcheck" / "formats"
    packaged = {path.relative_to(folder).as_posix() for pattern in setuptools["package-data"]["claimcheck.formats"]
                for path in folder.glob(pattern)}
    assert packaged == {"report_page/page.html", "report_page/page.css", "report_page/page.js"}
    assert packaged == {path.relative_to(folder).as_posix() for path in (folder / "report_page").iterdir()}
