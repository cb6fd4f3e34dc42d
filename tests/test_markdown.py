"""`--format markdown` for `list` and `conflicts`: the exact output, and registry text that adds no markup.

The escaping is checked against cmark-gfm, the parser GitHub itself renders
markdown with (through the cmarkgfm bindings): whatever the registry says, the
rendered page holds exactly the elements claimcheck wrote and shows the text
as written.
"""

from __future__ import annotations

from html.parser import HTMLParser

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.formats.base import printable
from claimcheck.formats.markdown import line_start, text
from conftest import invoke

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
    cites: [trial-a]
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
        says: most
        quote: "it works for most"
  - id: safe
    statement: The drug is safe
    evidence:
      - source: news-a
        says: yes
        quote: "the drug is safe"
      - source: blog-b
        says: uncertain
        quote: "safety is unknown"
  - id: cheap
    statement: The drug is cheap
    tags: [cost]
    evidence:
      - source: blog-b
        says: yes
        quote: "it is cheap"
"""


def test_list_as_a_markdown_table(registry) -> None:
    registry(SMALL)
    result = invoke("list", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "| claim | what each document says | status | grade |\n"
        "| --- | --- | --- | --- |\n"
        "| **response**<br>Share who responded to the drug | news-a: 40/200<br>blog-b: most "
        "| ✗ **conflict** (accepted) | ●●●○ moderate |\n"
        "| **safe**<br>The drug is safe | news-a: yes<br>blog-b: uncertain | ≈ **tension** | ●●●○ moderate |\n"
        "| **cheap**<br>The drug is cheap | blog-b: yes | • **single-source** | ●●●○ moderate |\n"
        "\n"
        "3 claims: 1 single-source, 1 tension, 1 conflict.\n"
    )


def test_list_markdown_keeps_the_filters(registry) -> None:
    registry(SMALL)
    assert invoke("list", "--format", "markdown", "--tag", "nothing").output == "No claims match.\n"
    assert invoke("list", "--format", "markdown", "--tag", "cost").output.count("\n| **") == 1


def test_conflicts_as_markdown_lists(registry) -> None:
    registry(SMALL)
    result = invoke("conflicts", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "### response\n"
        "\n"
        "Share who responded to the drug\n"
        "\n"
        "- ✗ **conflict** (accepted): same study (\\`trial-a\\`), so one measurement, yet \\`40/200\\` (20%) "
        "lies outside \\`most\\` ((50, 100]%)\n"
        "  - **a.** news-a says **40/200**\n"
        "    - “40 of 200 responded”\n"
        "  - **b.** blog-b says **most**\n"
        "    - “it works for most”\n"
        "  - note: The blog rounds up; kept on record.\n"
        "\n"
        "### safe\n"
        "\n"
        "The drug is safe\n"
        "\n"
        "- ≈ **tension**: \\`news-a\\` states as settled (yes) what \\`blog-b\\` calls uncertain\n"
        "  - **a.** news-a says **yes**\n"
        "    - “the drug is safe”\n"
        "  - **b.** blog-b says **uncertain**\n"
        "    - “safety is unknown”\n"
        "\n"
        "**1 conflict, 1 tension between pairs of quotes; 1 accepted.**\n"
    )


def test_conflicts_markdown_with_nothing_to_report(registry) -> None:
    registry(SMALL.replace("says: uncertain", "says: yes").replace("says: most", "says: 40/200"))
    assert invoke("conflicts", "--format", "markdown").output == "No conflicts or tensions.\n"


def test_the_bundled_registry_renders_as_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    listed = invoke("list", "--format", "markdown")
    conflicts = invoke("conflicts", "--format", "markdown")
    assert (listed.exit_code, conflicts.exit_code) == (0, 0)
    assert listed.output.endswith("\n\n64 claims: 16 agree, 44 single-source, 2 tension, 2 conflict.\n")
    assert conflicts.output.endswith("\n**3 conflicts, 6 tensions between pairs of quotes; 3 accepted.**\n")
    for html in (render(listed.output), render(conflicts.output)):
        assert not {"a", "img", "script", "em", "code", "del", "h1", "h2", "blockquote"} & set(tags_and_text(html)[0])


# ------------------------------------------------------------------ escaping

class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(markdown: str) -> str:
    """GitHub's rendering, raw HTML allowed (GitHub would filter it; here none may appear at all)."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def tags_and_text(html: str) -> tuple[list[str], str]:
    collector = _Collector()
    collector.feed(html)
    return collector.tags, "".join(collector.text)


def shown(value: str) -> str:
    """The text a reader should see: as printed on a terminal, on one line, zero-width spaces aside."""
    one_line = printable(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return " ".join(one_line.replace("\u200b", "").split())


def seen(html: str) -> str:
    return " ".join(tags_and_text(html)[1].replace("\u200b", "").split())


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[click](https://example.org) ![img](x.png) [ref]: https://example.org",
    "https://example.org www.example.org HTTPS://EXAMPLE.ORG mailto:a@example.org a@example.org",
    "**bold** __bold__ *em* _em_ ~~gone~~ ~gone~ `code` ``co`de``",
    "a | b || c \\| d",
    "# heading", "> quote", "- item", "+ item", "* item", "1. item", "2) item", "---", "===", "```", "~~~",
    "    indented code",
    "line one\nline two\r\nline three\tand tab",
    "&lt;b&gt; &amp; &#60;script&#62; &copy;",
    "$x^2$ and $$y$$", "@someone", "see #123", "trailing backslash \\", "\\*not escaped\\*",
    "<!-- comment --> <https://example.org> <a@example.org>", "[^1] footnote",
]

TOKENS = ["<", ">", "&", "|", "`", "*", "_", "~", "[", "]", "(", ")", "!", "#", "$", ":", "@", ".", "-", "+",
          "=", "\\", "/", " ", "\n", "\t", "a", "1", "www", "http", "https", "mailto", "script", "amp;", "#x3C;",
          "\x1b", "\u2028"]
hostile_text = st.lists(st.sampled_from(TOKENS), max_size=24).map("".join)


def _check_cell(value: str) -> None:
    tags, _ = tags_and_text(html := render(f"| h |\n| --- |\n| {text(value)} |\n"))
    assert tags == ["table", "thead", "tr", "th", "tbody", "tr", "td"], (value, html)
    assert seen(html.split("<td>")[1]) == shown(value), (value, html)


def _check_list_item(value: str) -> None:
    tags, _ = tags_and_text(html := render(f"- **a.** {text(value)}\n"))
    assert tags == ["ul", "li", "strong"], (value, html)
    assert seen(html) == shown(f"a. {value}"), (value, html)


def _check_line_start(value: str) -> None:
    tags, _ = tags_and_text(html := render(f"{line_start(value)}\n"))
    assert tags == (["p"] if shown(value) else []), (value, html)
    assert seen(html) == shown(value), (value, html)


@pytest.mark.parametrize("value", HOSTILE)
def test_registry_text_adds_no_markup_in_a_table_cell(value: str) -> None:
    _check_cell(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_registry_text_adds_no_markup_in_a_list_item(value: str) -> None:
    _check_list_item(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_registry_text_adds_no_markup_at_the_start_of_a_line(value: str) -> None:
    _check_line_start(value)


@given(hostile_text)
def test_any_registry_text_renders_as_itself(value: str) -> None:
    _check_cell(value)
    _check_list_item(value)
    _check_line_start(value)


@pytest.mark.parametrize("raw, escaped", [
    ("plain words, 30-40% (n = 12)", "plain words, 30-40% (n = 12)"),
    ("a|b", "a\\|b"),
    ("`x` *y* _z_", "\\`x\\` \\*y\\* \\_z\\_"),
    ("<b> & [link]", "\\<b> \\& \\[link]"),
    ("see: https://x.org or www.x.org", "see: https\\://x.org or www\\.x.org"),
    ("@someone, #12", "@\u200bsomeone, \\#\u200b12"),
    ("two\nlines", "two lines"),
    ("\x1b[31m", "\\\\x1b\\[31m"),
])
def test_escapes(raw: str, escaped: str) -> None:
    assert text(raw) == escaped


@pytest.mark.parametrize("raw, escaped", [
    ("# not a heading", "\\# not a heading"),
    ("- not an item", "\\- not an item"),
    ("12. not an item", "12\\. not an item"),
    ("   > not a quote", "\\> not a quote"),
    ("Plain", "Plain"),
])
def test_escapes_at_the_start_of_a_line(raw: str, escaped: str) -> None:
    assert line_start(raw) == escaped


HOSTILE_REGISTRY = """\
version: 1
sources:
  - id: study-a
    title: Study A
    type: study
    design: cohort
    sample_size: 30
  - id: news-a
    title: News A
    type: news
    cites: [study-a]
  - id: blog-b
    title: Blog B
    type: blog
    cites: [study-a]
claims:
  - id: response
    statement: "# Heading <script>alert(1)</script> | [x](https://example.org) @team"
    note: "*note* `code` ![i](https://example.org/i.png)"
    accepted: conflict
    evidence:
      - source: news-a
        says: 11/30
        quote: "11 of 30 | </td></tr></table><img src=x onerror=alert(1)>"
      - source: blog-b
        says: most
        quote: "works for _most_\\n- injected item\\n# injected heading"
"""


@pytest.mark.parametrize("command", ["list", "conflicts"])
def test_a_hostile_registry_adds_no_markup_to_the_markdown(registry, command: str) -> None:
    registry(HOSTILE_REGISTRY)
    result = invoke(command, "--format", "markdown")
    assert result.exit_code == 0, result.output
    tags, shown_text = tags_and_text(render(result.output))
    assert not {"a", "img", "script", "em", "code", "del", "h1", "h2", "h4"} & set(tags), tags
    assert "<script>alert(1)</script>" in shown_text
    assert "[x](https://example.org)" in shown_text.replace("\u200b", "")
    if command == "list":
        assert tags.count("tr") == 2 and tags.count("td") == 4
    else:
        assert tags.count("h3") == 1 and "works for _most_ - injected item # injected heading" in shown_text
