"""A cache of the text extracted from PDFs, web pages and JATS XML, so a document is parsed once.

An entry is keyed by the SHA-256 of the document's bytes and by claimcheck's
version (with `REVISION`, raised whenever extraction changes what it gives):
`<folder>/<version>/<sha256>.json`, holding the text, its format, its pages'
and sections' starts, or the problem that made the document unreadable. A
file that changes has another hash, so it is read afresh; a new claimcheck
reads into a new sub-folder. Plain text is never cached: reading it is
already as cheap as reading an entry.

Safe against two runs at once and against a half-written entry: an entry is
written to a temporary file in its own folder, then renamed over the entry's
name (`os.replace`, atomic), so a reader sees a whole entry or none; an entry
that cannot be read, is not valid JSON, or does not hold what its name says
is ignored and written again. The cache never makes a run fail: a folder that
cannot be written is simply not used. A folder the cache makes itself gets a
`.gitignore` of `*` and a `CACHEDIR.TAG`, so git and backup tools pass it over.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from claimcheck import __version__
from claimcheck.registry.documents.base import DocumentProblem, Extracted

#: The cache's folder beside the registry, unless configured (`cache-dir`, `--cache-dir`).
FOLDER_NAME = ".claimcheck-cache"
#: Raised whenever extraction gives other text for the same bytes, so that old entries are not used.
REVISION = 2  # 2: a web page whose bytes are UTF-8 is read as UTF-8
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by claimcheck.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")
_FORMATS = frozenset({"html", "jats", "pdf"})


def file_hash(raw: bytes) -> str:
    """The SHA-256 of a document's bytes, in lower-case hex."""
    return hashlib.sha256(raw).hexdigest()


def version_key() -> str:
    """The name of the sub-folder this claimcheck reads and writes: its version and `REVISION`."""
    return re.sub(r"[^A-Za-z0-9._+-]", "_", f"{__version__}+r{REVISION}")


class DocumentCache:
    """Extracted texts under `folder`, by the SHA-256 of their documents."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries = folder / version_key()

    def path(self, digest: str) -> Path:
        return self.entries / f"{digest}.json"

    def get(self, digest: str) -> Extracted | DocumentProblem | None:
        """The entry for a document's hash; None when there is none, or it is damaged or not this one's."""
        try:
            data = json.loads(self.path(digest).read_bytes().decode("utf-8"))
            return _from_json(data, digest)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, digest: str, result: Extracted | DocumentProblem) -> None:
        """Store an entry atomically; a folder that cannot be written is passed over silently."""
        text = json.dumps(_to_json(result, digest), ensure_ascii=False, separators=(",", ":"))
        temporary: str | None = None
        try:
            self._prepare()
            descriptor, temporary = tempfile.mkstemp(dir=self.entries, prefix=f".{digest[:12]}-", suffix=".tmp")
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(text.encode("utf-8"))
            os.replace(temporary, self.path(digest))
            temporary = None
        except OSError:
            pass
        finally:
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass

    def _prepare(self) -> None:
        if self.entries.is_dir():
            return
        try:
            self.folder.mkdir(parents=True)
        except FileExistsError:
            pass  # a folder of the user's, or made by another run: marked by whoever made it
        else:  # made here: marked as a cache, never committed
            for name, content in ((".gitignore", "# Made by claimcheck: the cache is never committed.\n*\n"),
                                  ("CACHEDIR.TAG", _TAG)):
                (self.folder / name).write_text(content, encoding="utf-8")
        self.entries.mkdir(exist_ok=True)


def _to_json(result: Extracted | DocumentProblem, digest: str) -> dict[str, Any]:
    head = {"claimcheck": version_key(), "sha256": digest}
    if isinstance(result, DocumentProblem):
        return {**head, "problem": result.message}
    return {**head, "kind": result.kind, "text": result.text, "pages": list(result.pages),
            "sections": [[line, title] for line, title in result.sections]}


def _from_json(data: Any, digest: str) -> Extracted | DocumentProblem | None:
    if not isinstance(data, dict) or data.get("claimcheck") != version_key() or data.get("sha256") != digest:
        return None
    if "problem" in data:
        return DocumentProblem(data["problem"]) if isinstance(data["problem"], str) else None
    text, kind, pages, sections = data["text"], data["kind"], data["pages"], data["sections"]
    if not isinstance(text, str) or kind not in _FORMATS or not isinstance(pages, list) \
            or not isinstance(sections, list):
        return None
    if not all(isinstance(page, int) and not isinstance(page, bool) for page in pages):
        return None
    if not all(isinstance(section, list) and len(section) == 2 and isinstance(section[0], int)
               and isinstance(section[1], str) for section in sections):
        return None
    return Extracted(text, kind, tuple(pages), tuple((line, title) for line, title in sections))
