"""Plain text and markdown: UTF-8, read as it is (claimcheck's behaviour before other formats)."""

from __future__ import annotations

from claimcheck.registry.documents.base import NO_DEADLINE, Deadline, DocumentProblem, Extracted


def extract(raw: bytes, deadline: Deadline = NO_DEADLINE) -> Extracted:
    """The text as it is (decoding takes time in proportion to the size, which `text-size` bounds)."""
    try:
        return Extracted(raw.decode("utf-8-sig"), "text")
    except UnicodeDecodeError as error:
        raise DocumentProblem(f"is not UTF-8 text (byte offset {error.start})") from None
