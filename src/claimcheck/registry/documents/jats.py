"""JATS XML (PubMed Central and many publishers): the article's title, abstract and body, read with lxml.

Kept: the article title, abstracts, body text, section titles, figure and
table captions, table cells (each row on its own line), boxed text and
appendices. Left out: the front matter's metadata, references (`ref-list`),
footnotes of the back matter, and citation marks set as superscripts
(`<sup><xref ref-type="bibr">`). Each `<title>` of a section is recorded, so a
line is located by the section it falls in. The XML is parsed without
resolving entities or reaching the network.
"""

from __future__ import annotations

import re
from typing import Any

from claimcheck.registry.documents.base import NO_DEADLINE, Deadline, DocumentProblem, Extracted, require
from claimcheck.registry.documents.tree import Lines, Rules, gathered, local, walk

_SKIPPED = frozenset({"ref-list", "journal-meta", "contrib-group", "aff", "author-notes", "pub-date", "history",
                      "permissions", "kwd-group", "funding-group", "counts", "custom-meta-group", "article-id",
                      "article-categories", "fn-group", "object-id", "alternatives-skip", "graphic", "media",
                      "inline-graphic", "tex-math", "processing-meta"})
_BLOCKS = frozenset({"p", "title", "sec", "abstract", "caption", "label", "fig", "table-wrap", "tr", "table",
                     "list-item", "list", "disp-quote", "boxed-text", "app", "ack", "article-title", "trans-abstract",
                     "def-item", "term", "def", "table-wrap-foot", "disp-formula", "statement", "glossary"})
_CELLS = frozenset({"td", "th"})
#: What of the article is read, in this order.
_PARTS = ("front", "body", "back", "floats-group")


def _skip(element: Any, tag: str) -> bool:
    if tag in _SKIPPED:
        return True
    if tag == "sup":
        xrefs = [child for child in element if local(child.tag) == "xref"]
        return bool(xrefs) and all(child.get("ref-type") == "bibr" for child in xrefs)
    return False


def _is_title(element: Any, tag: str) -> bool:
    parent = element.getparent()
    return tag == "title" and parent is not None and local(parent.tag) in {"sec", "abstract", "app", "ack"}


_RULES = Rules(skip=_skip, blocks=_BLOCKS, cells=_CELLS, title=_is_title)


def extract(raw: bytes, deadline: Deadline = NO_DEADLINE) -> Extracted:
    require("lxml", "JATS XML", "lxml", "jats")
    import lxml.etree

    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                  remove_comments=True, remove_pis=True)
    try:
        root = lxml.etree.fromstring(raw, parser)
    except lxml.etree.XMLSyntaxError as error:
        line, column = error.position
        reason = re.sub(r", line \d+, column \d+$", "", str(error.msg))
        raise DocumentProblem(f"is not well-formed XML (line {line}, column {column}: {reason})") from None
    if local(root.tag) != "article":
        raise DocumentProblem(f"is XML but not a JATS article (its root element is <{local(root.tag)}>, "
                              "not <article>)")
    deadline.check("after parsing it")
    def read(out: Lines) -> None:
        for part in _PARTS:
            for element in root:
                if local(element.tag) == part:
                    _read_part(element, out)

    text, sections = gathered(read, deadline, "is a JATS article with no text (no title, abstract or body)")
    return Extracted(text, "jats", sections=sections)


def _read_part(element: Any, out: Lines) -> None:
    if local(element.tag) != "front":
        walk(element, _RULES, out)
        return
    for meta in element.iter():  # the front matter: only the article's title and abstracts
        tag = local(meta.tag)
        if tag in {"article-title", "abstract", "trans-abstract"} and _in_article_meta(meta):
            walk(meta, _RULES, out)


def _in_article_meta(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        tag = local(parent.tag)
        if tag == "article-meta":
            return True
        if tag in {"ref-list", "related-article", "journal-meta"}:
            return False
        parent = parent.getparent()
    return False
