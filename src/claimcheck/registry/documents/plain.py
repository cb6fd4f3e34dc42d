"""Plain text and markdown: UTF-8, read as it is (claimcheck's behaviour before other formats)."""

from __future__ import annotations

from claimcheck.registry.documents.base import DocumentProblem, Extracted


def extract(raw: bytes) -> Extracted:
    try:
        return Extracted(raw.decode("utf-8-sig"), "text")
    except UnicodeDecodeError as error:
        raise DocumentProblem(f"is not UTF-8 text (byte offset {error.start})") from None
