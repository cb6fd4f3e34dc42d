"""A corpus scanned: the documents found under the paths given, checked in parallel, results in order.

Documents are read and checked in worker processes (`--jobs`) or on a Dask
cluster (`--dask`); results come back in the order of the documents (sorted
paths), one at a time, so the output is the same however the work was spread
and memory does not grow with the corpus. With a cache folder, each document's
result is kept under the hash of its bytes and claimcheck's version, written
to a temporary file and renamed into place, so a second run reads only new or
changed documents and an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from claimcheck import __version__
from claimcheck.registry.limits import DEFAULT_LIMITS
from claimcheck.scan.document import STATEMENT_KINDS, DocumentResult, scan_text

#: What `scan` reads in a folder when no `--glob` is given: every format a source may be in.
DEFAULT_GLOBS = ("*.txt", "*.md", "*.pdf", "*.html", "*.htm", "*.xml", "*.nxml")
#: Bytes of one document read at most; a larger file is reported as unreadable.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
#: Seconds one document may take to read (PDF, web page, JATS), as for sources (`--limit document-seconds=N`).
DOCUMENT_SECONDS = DEFAULT_LIMITS.document_seconds
#: Documents handed to a worker process at a time.
CHUNK = 8


class ScanUsageError(ValueError):
    """A path that does not exist, or a cluster that cannot be reached."""


def documents(paths: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS) -> list[str]:
    """Every document under the paths, files as given and folders searched recursively, sorted, once each."""
    found: dict[str, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            matches = sorted({match for pattern in globs for match in path.rglob(pattern) if match.is_file()})
            found.update(dict.fromkeys(str(match) for match in matches))
        elif path.exists():
            found[str(path)] = None
        else:
            raise ScanUsageError(f"{given}: no such file or directory")
    return list(found)


def scan_file(name: str, seconds: float | None = DOCUMENT_SECONDS) -> DocumentResult:
    """Read and scan one document; a document that cannot be read is a result with its error, never a stop."""
    try:
        raw = _read(name)
    except (OSError, ValueError) as error:
        return DocumentResult(name, error=_reason(error))
    return scan_bytes(name, raw, seconds)


def scan_bytes(name: str, raw: bytes, seconds: float | None = DOCUMENT_SECONDS) -> DocumentResult:
    """Scan one document's bytes: plain text as it is, a PDF, web page or JATS article as a reader sees it."""
    from claimcheck.registry.documents import DocumentProblem, detect, extract

    if detect(name, raw) == "text":
        try:
            return scan_text(name, raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            return DocumentResult(name, error=_reason(error))
    try:
        extracted = extract(name, raw, seconds)
    except DocumentProblem as error:
        return DocumentResult(name, error=error.message)
    return scan_text(name, extracted.text, extracted.location, blocks=extracted.kind in ("html", "jats"))


def _read(name: str) -> bytes:
    with open(name, "rb") as handle:
        raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise ValueError(f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB")
    return raw


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text (byte offset {error.start})"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


class Cache:
    """Results kept by the hash of a document's bytes and claimcheck's version, one JSON file each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, name: str) -> str | None:
        """The entry of a document: its bytes' hash, claimcheck's version, and the format it is read as
        (the same bytes named .html and .md are read differently)."""
        from claimcheck.registry.documents import detect

        try:
            raw = _read(name)
        except (OSError, ValueError):
            return None
        digest = hashlib.sha256(raw).hexdigest()
        return hashlib.sha256(f"{__version__}\0{detect(name, raw)}\0{digest}".encode()).hexdigest()

    def get(self, key: str, name: str) -> DocumentResult | None:
        try:
            data = json.loads((self.folder / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
            result = DocumentResult.from_json(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, or damaged: scanned again
        result.document = name
        return result

    def put(self, key: str, result: DocumentResult) -> None:
        target = self.folder / key[:2] / f"{key}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(result.to_json()), encoding="utf-8")
        os.replace(temporary, target)  # another run writing the same key writes the same content


def scan_documents(names: Sequence[str], jobs: int = 1, cache: Cache | None = None, dask: str | None = None,
                   seconds: float | None = DOCUMENT_SECONDS) -> Iterator[DocumentResult]:
    """Each document's result, in the order of `names`; work spread over `jobs` processes or a Dask cluster."""
    keys = [cache.key(name) if cache is not None else None for name in names]
    cached = [cache.get(key, name) if cache is not None and key is not None else None
              for key, name in zip(keys, names, strict=True)]
    missing = [name for name, result in zip(names, cached, strict=True) if result is None]
    fresh = _scan_missing(missing, jobs, dask, seconds)
    for name, key, result in zip(names, keys, cached, strict=True):
        if result is None:
            result = next(fresh)
            if cache is not None and key is not None and result.error is None:
                cache.put(key, result)
        yield result


def _scan_missing(names: list[str], jobs: int, dask: str | None, seconds: float | None) -> Iterator[DocumentResult]:
    if not names:
        return iter(())
    if dask is not None:
        return _on_dask(names, dask, seconds)
    if jobs <= 1 or len(names) == 1:
        return map(partial(scan_file, seconds=seconds), names)
    return _in_processes(names, jobs, seconds)


def _in_processes(names: list[str], jobs: int, seconds: float | None) -> Iterator[DocumentResult]:
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(min(jobs, len(names))) as pool:
        yield from pool.imap(partial(scan_file, seconds=seconds), names, chunksize=CHUNK)


def _on_dask(names: list[str], address: str, seconds: float | None) -> Iterator[DocumentResult]:
    """The documents scanned on a running Dask scheduler: each document's bytes sent, results in order."""
    try:
        from distributed import Client
    except ImportError:
        raise ScanUsageError("`--dask` needs the dask extra: pip install 'claimcheck[dask]'") from None
    try:
        client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise ScanUsageError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        threads = client.nthreads()  # type: ignore[no-untyped-call]
        window = max(1, 4 * sum(threads.values()))  # futures in flight: memory stays bounded
        pending: list[Any] = []
        for name in names:
            pending.append(client.submit(_scan_sent, name, _read_or_error(name), seconds, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def _read_or_error(name: str) -> bytes | str:
    """A document's bytes, read here so that workers need no shared file system, or why they could not be."""
    try:
        return _read(name)
    except (OSError, ValueError) as error:
        return _reason(error)


def _scan_sent(name: str, content: bytes | str, seconds: float | None = DOCUMENT_SECONDS) -> DocumentResult:
    if isinstance(content, str):
        return DocumentResult(name, error=content)
    return scan_bytes(name, content, seconds)


@dataclass
class Summary:
    """statcheck's headline figures for a corpus, and the documents that could not be read."""

    documents: int = 0
    statements: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATEMENT_KINDS, 0))
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    inconsistencies: int = 0
    decision_errors: int = 0
    documents_with_findings: int = 0
    documents_with_inconsistency: int = 0
    documents_with_decision_error: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    def add(self, result: DocumentResult) -> None:
        self.documents += 1
        if result.error is not None:
            self.unreadable.append((result.document, result.error))
            return
        for kind, count in result.statements.items():
            self.statements[kind] = self.statements.get(kind, 0) + count
        codes = [finding.code for finding in result.findings]
        self.findings += len(codes)
        self.errors += sum(1 for finding in result.findings if finding.severity == "error")
        self.warnings += sum(1 for finding in result.findings if finding.severity == "warning")
        inconsistent = sum(1 for row in result.statistics if row.error)
        decisions = sum(1 for row in result.statistics if row.decision_error)
        self.inconsistencies += inconsistent
        self.decision_errors += decisions
        self.documents_with_findings += bool(codes)
        self.documents_with_inconsistency += bool(inconsistent)
        self.documents_with_decision_error += bool(decisions)

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "statements": dict(self.statements), "findings": self.findings,
                "errors": self.errors, "warnings": self.warnings,
                "statcheck_inconsistencies": self.inconsistencies, "statcheck_decision_errors": self.decision_errors,
                "documents_with_findings": self.documents_with_findings,
                "documents_with_inconsistency": self.documents_with_inconsistency,
                "documents_with_decision_error": self.documents_with_decision_error,
                "unreadable": [{"document": name, "reason": reason} for name, reason in self.unreadable]}


def selected(results: Iterable[DocumentResult], keep: Callable[[str], bool]) -> Iterator[DocumentResult]:
    """Results with only the findings whose code `keep` accepts (`--select`/`--ignore`)."""
    for result in results:
        result.findings = [finding for finding in result.findings if keep(finding.code)]
        yield result
