"""`claimcheck scan`: every check one document can settle, over a whole corpus, with no registry."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from claimcheck.cli.common import EXIT_CLEAN, EXIT_FINDINGS, examples, fail_usage

SCAN_FORMATS = ("auto", "text", "json", "jsonl", "csv", "sarif", "html")
FAIL_ON = ("error", "warning", "never")


@click.command(epilog=examples(
    "claimcheck scan papers/",
    "claimcheck scan papers/ --format csv > statistics.csv",
    "claimcheck scan papers/ --jobs 8 --cache .claimcheck-scan",
    "claimcheck scan papers/ --dask tcp://scheduler:8786 --format jsonl > results.jsonl",
))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(SCAN_FORMATS), default="auto", show_default=True,
              help="text (auto): a line per finding; json; jsonl: a record per document; csv: a row per test "
                   "statistic (statcheck's columns); sarif; html: a self-contained corpus report.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Which files of a folder to read (repeatable). [default: *.txt and *.md]")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes. [default: every core]")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep each document's result here (by its hash and claimcheck's version); a later run reads "
                   "only new or changed documents, and an interrupted run resumes.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Scan on a running Dask scheduler (pip install 'claimcheck[dask]'); same output as a local run.")
@click.option("--select", multiple=True, metavar="CODES", help="Report only these codes or prefixes.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not report these codes or prefixes.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is reported.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means a usage error).")
@click.option("--limit", "limit", multiple=True, metavar="NAME=VALUE",
              help="Seconds one document may take to read: document-seconds=N (30 by default).")
@click.option("-q", "--quiet", is_flag=True, help="Never show a progress bar.")
def scan(paths: tuple[Path, ...], output_format: str, globs: tuple[str, ...], jobs: int | None,
         cache_dir: Path | None, dask_address: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
         fail_on: str, exit_zero: bool, limit: tuple[str, ...], quiet: bool) -> None:
    """Check every document under PATHS for statistics that do not fit together (no registry needed)."""
    from claimcheck import progress
    from claimcheck.findings.selection import RuleSelection, SelectionError, enabled_codes, split_selectors
    from claimcheck.formats.scan import WRITERS
    from claimcheck.scan.corpus import (
        DEFAULT_GLOBS,
        Cache,
        ScanUsageError,
        Summary,
        documents,
        scan_documents,
        selected,
    )
    from claimcheck.scan.document import DocumentResult

    try:
        enabled = enabled_codes([RuleSelection(split_selectors(select) or None, split_selectors(ignore))])
    except SelectionError as error:
        fail_usage(str(error))
    try:
        names = documents([str(path) for path in paths], globs or DEFAULT_GLOBS)
    except ScanUsageError as error:
        fail_usage(str(error))
    seconds = _document_seconds(limit)
    cache = Cache(cache_dir) if cache_dir is not None else None
    summary = Summary()
    results = selected(scan_documents(names, jobs or os.cpu_count() or 1, cache, dask_address, seconds), enabled.__contains__)
    found = [0]

    def so_far(result: DocumentResult) -> str:
        found[0] += len(result.findings)
        return f"{found[0]:,} finding{'' if found[0] == 1 else 's'}"

    try:
        with progress.showing(progress.wanted(sys.stderr, os.environ, quiet)):
            tracked = progress.track_stream(results, len(names), "Scanning", so_far)
            WRITERS["text" if output_format == "auto" else output_format](tracked, summary, sys.stdout)
    except ScanUsageError as error:
        fail_usage(str(error))
    failing = {"error": summary.errors, "warning": summary.errors + summary.warnings, "never": 0}[fail_on]
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _document_seconds(assignments: tuple[str, ...]) -> int:
    """`--limit document-seconds=N`, the one limit that `scan` takes."""
    from claimcheck.registry.limits import DEFAULT_LIMITS, LimitError, parse_assignments, with_values

    try:
        values = parse_assignments(assignments)
        other = sorted(set(values) - {"document-seconds"})
        if other:
            raise LimitError(f"scan takes only the limit `document-seconds`; got `{other[0]}`")
        return with_values(DEFAULT_LIMITS, values).document_seconds
    except LimitError as error:
        fail_usage(str(error))
