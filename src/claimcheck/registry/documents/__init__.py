"""Documents as users have them: plain text, web pages, JATS XML and PDF, read into text.

Takes a file's name and bytes; gives an `Extracted` text (what a reader sees,
with page starts and section titles for locations) or raises `DocumentProblem`
with a message saying what is wrong with the document. One module per format
(`plain`, `html`, `jats`, `pdf`), each with `extract(raw) -> Extracted`; the
format is recognised by content first, then by the file's name (`detect`).
A format's library (lxml, pypdfium2) is imported only when a document of
that format is read, and a missing one is named with the extra to install.
Reading stops when the document's time limit is up (`Deadline`): a PDF is
checked page by page, a web page or article after parsing and after its walk.
"""

from __future__ import annotations

import importlib

from claimcheck.registry.documents.base import Deadline, DocumentProblem, Extracted, MissingLibrary, TimeLimitExceeded
from claimcheck.registry.limits import DEFAULT_LIMITS

__all__ = ["FORMATS", "DocumentProblem", "Extracted", "MissingLibrary", "TimeLimitExceeded", "detect", "extract"]

#: Format -> its module (imported when first needed).
FORMATS = {"text": "plain", "html": "html", "jats": "jats", "pdf": "pdf"}
_SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "jats", ".nxml": "jats"}
_SNIFF = 2048


def detect(name: str, raw: bytes) -> str:
    """The document's format: recognised by its first bytes, else by its name's suffix, else text."""
    head = raw[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-") or b"%pdf-" in raw[:1024]:
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<html" in head):
        return "html"
    if head.startswith((b"<?xml", b"<!doctype article", b"<article")):
        return "jats"
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    return _SUFFIXES.get(suffix, "text")


def extract(name: str, raw: bytes, seconds: float | None = DEFAULT_LIMITS.document_seconds) -> Extracted:
    """The text a reader sees in the document, read in at most `seconds` (None: no limit).

    Raises `DocumentProblem`: `MissingLibrary` when the format's library is not
    installed, `TimeLimitExceeded` when the time is up.
    """
    kind = detect(name, raw)
    deadline = Deadline(seconds)
    module = importlib.import_module(f"claimcheck.registry.documents.{FORMATS[kind]}")
    result: Extracted = module.extract(raw, deadline)
    return result
