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
from claimcheck.formats.base import Format, Output

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


def render_page(data: dict[str, Any]) -> str:
    """The whole page for the evidence map `views.evidence_map` builds."""
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


class HtmlFormat(Format):
    name = "html"

    def evidence_map(self, data: dict[str, Any], out: Output) -> None:
        out.write(render_page(data))


FORMAT = HtmlFormat()
