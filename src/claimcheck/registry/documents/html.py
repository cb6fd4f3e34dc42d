"""Web pages: the main content as a reader sees it, read with lxml and rules of claimcheck's own.

The page's main content is its `<main>` (or `role="main"`), else its longest
`<article>`, else its `<body>`. Left out: scripts, styles, forms, navigation,
headers and footers, asides, hidden elements, and elements whose `id` or
`class` names a cookie banner, consent dialog, share buttons, newsletter
sign-up, comments or advertising; and `<sup>` citation marks (digits, commas,
dashes, brackets). A page whose bytes are UTF-8 is read as UTF-8 even when it
declares no character set (many saved pages do not). Blocks (paragraphs, headings, list items, table rows) each
start a line.
"""

from __future__ import annotations

import re
from typing import Any

from claimcheck.registry.documents.base import NO_DEADLINE, Deadline, DocumentProblem, Extracted, require
from claimcheck.registry.documents.tree import Rules, gathered, local, walk

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer",
                           "aside", "form", "button", "iframe", "select", "input", "textarea", "label", "dialog",
                           "object", "embed", "canvas", "video", "audio", "head", "title", "meta", "link"})
_SKIPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search",
                            "menu", "menubar"})
_BOILERPLATE = re.compile(r"(?:^|[\s_-])(?:cookie|cookies|consent|gdpr|share|sharing|social|newsletter|subscribe|"
                          r"subscription|comments?|advert|advertisement|ads?|promo|popup|modal|breadcrumbs?|sidebar|"
                          r"related|recommended|paywall|skip-link|sr-only|visually-hidden)(?:$|[\s_-])", re.IGNORECASE)
_CITATION_MARK = re.compile(r"[\d\s,;–\-\[\]()]+")
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                     "dl", "dt", "dd", "tr", "table", "thead", "tbody", "tfoot", "caption", "figure", "figcaption",
                     "blockquote", "pre", "hr", "address", "details", "summary"})
_CELLS = frozenset({"td", "th"})
#: Elements never dropped for their class: the content itself.
_CONTENT = frozenset({"html", "body", "main", "article"})


def _skip(element: Any, tag: str) -> bool:
    if tag in _SKIPPED_TAGS:
        return True
    attributes = element.attrib
    if "hidden" in attributes or attributes.get("aria-hidden") == "true" or attributes.get("role") in _SKIPPED_ROLES:
        return True
    style = attributes.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if tag == "sup" and _CITATION_MARK.fullmatch(element.text_content() or ""):
        return True
    if tag in _CONTENT:
        return False
    return bool(_BOILERPLATE.search(f"{attributes.get('id', '')} {attributes.get('class', '')}"))


_RULES = Rules(skip=_skip, blocks=_BLOCKS, cells=_CELLS)


def _main(root: Any) -> Any:
    mains = [element for element in root.iter() if local(element.tag) == "main" or element.get("role") == "main"]
    if mains:
        return mains[0]
    articles = [element for element in root.iter() if local(element.tag) == "article"]
    if articles:
        return max(articles, key=lambda element: len(element.text_content() or ""))
    body = root.find("body")
    return root if body is None else body


def _parser(html: Any, raw: bytes) -> Any:
    """UTF-8 for a page whose bytes are UTF-8, whatever it declares (or fails to: a page saved without
    a charset would otherwise be read as Latin-1, `’` as `â€™`); else the parser's own reading."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return html.HTMLParser(encoding="utf-8")


def extract(raw: bytes, deadline: Deadline = NO_DEADLINE) -> Extracted:
    require("lxml", "a web page", "lxml", "html")
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(raw, parser=_parser(lxml.html, raw))
    except (lxml.etree.ParserError, ValueError) as error:
        raise DocumentProblem(f"cannot be read as a web page ({error})") from None
    deadline.check("after parsing it")
    text, _sections = gathered(lambda out: walk(_main(root), _RULES, out), deadline,
                               "has no main text (nothing is left once navigation, scripts and banners are dropped)")
    return Extracted(text, "html")
