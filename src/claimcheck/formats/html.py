"""HTML: the evidence map of `claimcheck report`, one self-contained page.

The page is the template in `report_page/` (page.html, page.css, page.js,
shipped as package data) with its style, script and the report's data put
inline, so it needs no network and opens from `file://` or an e-mail.

What comes from the registry or a document reaches the page two ways, each
escaped for where it lands: the few strings in the markup (title, registry
name) through `html.escape`, and all the data as JSON inside a
`<script type="application/json">` block, with `<`, `>` and `&` written as
JSON's `\\u003c`, `\\u003e` and `\\u0026`, so that no `</script>` or `<!--`
in a quote can end the block. The script draws the map from that data with
text nodes only. A Content-Security-Policy lets only the page's own style
and script run (by their hashes), as a second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

from claimcheck import __version__
from claimcheck.formats import sof_cells
from claimcheck.formats.base import Format, Output, Rows, printable
from claimcheck.formats.forest import render_svg

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def asset(name: str) -> str:
    """A file of the page template, from the package's report_page/ folder."""
    return resources.files("claimcheck.formats").joinpath("report_page").joinpath(name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON safe to put inside a `<script>` element: no `<`, `>` or `&` at all, so no `</script>` or `<!--`.

    Those three characters can occur in JSON only inside strings, where the
    `\\uXXXX` escapes mean the same characters to `JSON.parse`.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    """Nothing may load or run but the page's own inline style and script."""
    return (f"default-src 'none'; style-src {_sha256(style)}; script-src {_sha256(script)}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def forest_image(forest: dict[str, Any]) -> str:
    """A forest plot as a `data:` URI for an `<img>`: an image cannot run script, and needs no network."""
    svg = render_svg(forest).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _with_forest_images(data: dict[str, Any]) -> dict[str, Any]:
    """The map's data with each claim's forest plot drawn: `forest` becomes the image's `data:` URI."""
    details = {claim: {**detail, "forest": forest_image(detail["forest"]) if detail.get("forest") else None}
               for claim, detail in data["details"].items()}
    return {**data, "details": details}


def render_page(data: dict[str, Any]) -> str:
    """The whole page for the evidence map `views.evidence_map` builds."""
    data = _with_forest_images(data)
    style, script = asset("page.css"), asset("page.js")
    registry = html.escape(data["registry"])
    values = {
        "csp": html.escape(content_security_policy(style, script)),
        "version": html.escape(__version__),
        "title": f"Evidence map: {registry} (claimcheck)",
        "registry": registry,
        "style": style,
        "script": script,
        "data": script_json(data),
    }
    # One pass over the template: inserted text is never searched for placeholders again.
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], asset("page.html"))


_SOF_STYLE = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
              "th,td{border:1px solid #444;padding:.4em;vertical-align:top;text-align:left}"
              "th{background:#eee}caption{text-align:left;font-weight:bold;margin-bottom:.5em}"
              "ol.notes{list-style:lower-alpha}")


def render_sof(rows: Rows) -> str:
    """GRADE's summary-of-findings table as one HTML page (its table pastes into a word processor)."""
    laid = sof_cells.table(rows)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in sof_cells.HEADERS)
    body = []
    for cells, letters in zip(laid.rows, laid.letters):
        shown = [html.escape(printable(c)) for c in cells]
        if letters:
            shown[sof_cells.CERTAINTY_COLUMN] += "<sup>" + ",".join(letters) + "</sup>"
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in shown) + "</tr>")
    notes = "".join(f'<li id="note-{mark}">{html.escape(printable(note))}</li>' for mark, note in laid.notes)
    csp = "default-src 'none'; style-src " + _sha256(_SOF_STYLE) + "; base-uri 'none'; form-action 'none'"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{html.escape(csp)}\">"
            f"<title>Summary of findings (claimcheck {html.escape(__version__)})</title>"
            f"<style>{_SOF_STYLE}</style></head><body>\n"
            "<table><caption>Summary of findings</caption>\n"
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody></table>\n"
            + (f'<ol class="notes">{notes}</ol>\n' if notes else "")
            + "<p>Certainty: ⊕⊕⊕⊕ high, ⊕⊕⊕◯ moderate, ⊕⊕◯◯ low, ⊕◯◯◯ very low (GRADE). Absolute effects per "
            "1,000 from the control arms' risk in the registered two-arm counts.</p>\n</body></html>")


class HtmlFormat(Format):
    name = "html"

    def evidence_map(self, data: dict[str, Any], out: Output) -> None:
        out.write(render_page(data))

    def summary_of_findings(self, rows: Rows, out: Output) -> None:
        out.write(render_sof(rows))


FORMAT = HtmlFormat()
