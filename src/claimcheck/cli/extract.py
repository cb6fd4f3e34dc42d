"""`claimcheck extract` (candidate claims in documents) and `claimcheck coverage` (what the registry misses)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimcheck import formats
from claimcheck.cli import completion
from claimcheck.cli.common import (
    color_option,
    display_name,
    examples,
    exit_zero_option,
    fail_usage,
    finish,
    format_option,
    prepare_run,
    registry_argument,
    run_options,
    stdout,
    validate_readable,
    validate_registry,
)
from claimcheck.formats.base import Output

if TYPE_CHECKING:
    from claimcheck.cli.common import Run
    from claimcheck.registry.index import RegistryIndex
    from claimcheck.registry.quotes import SourceText
    from claimcheck.views.candidates import ScannedDocument

#: extract.KINDS, written out so that building the command line imports no finder (a test keeps them equal).
KINDS = ("proportion", "count", "duration", "dose", "effect", "stance")


@click.command(epilog=examples(
    "claimcheck extract aksoy-blog-2025",
    "claimcheck extract sources/new-article.txt --format yaml -o stubs.yaml",
    "claimcheck extract news-isotretinoin-infertility --kind proportion --format json",
))
@click.argument("documents", nargs=-1, required=True, metavar="SOURCE_ID_OR_PATH...",
                shell_complete=completion.source_ids_or_paths)
@click.option("--registry", "registry", type=click.Path(dir_okay=True, path_type=Path),
              help="The registry whose source ids name documents. [default: claims.yaml, when it exists]")
@format_option(formats.CANDIDATES)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only candidates of this kind.")
@click.option("-o", "--output", "output", metavar="FILE",
              help="Write to FILE instead of standard output (in YAML or JSON when it is named so, unless --format).")
@click.option("--force", is_flag=True, help="With -o: replace FILE if it exists.")
@run_options
@color_option
def extract(documents: tuple[str, ...], registry: Path | None, output_format: str | None, kinds: tuple[str, ...],
            output: str | None, force: bool, select: tuple[str, ...], ignore: tuple[str, ...],
            config_file: Path | None, isolated: bool, quiet: bool, limit: tuple[str, ...], color: bool | None) -> None:
    """Find the candidate claims in documents: each value a sentence states (proportions, counts,
    durations, doses, effects with intervals and p, test statistics) and each sentence that
    asserts, denies or hedges, with its line, a quote that `validate` grounds and a proposed
    `says`. Name registered sources by id, or any text file by its path."""
    from claimcheck.extract import extract as find_candidates
    from claimcheck.views.candidates import ScannedDocument, extraction_data

    run = prepare_run((registry,) if registry is not None else (), select, ignore, config_file, isolated, quiet, limit)
    fmt = run.output_format(output_format or _format_of(output), formats.CANDIDATES)
    loaded = _registry_for_ids(documents, registry, run)
    scanned: list[ScannedDocument] = []
    for name, source_id, text in _texts(documents, loaded, run):
        candidates = [c for c in find_candidates(text.text) if not kinds or c.kind in kinds]
        scanned.append(ScannedDocument(source_id, name, candidates, text.location))
    data = extraction_data(scanned)
    if output is None:
        formats.get(fmt).candidates(data, stdout(color))
        return
    _write(Path(output), fmt, data, force, quiet)


@click.command("text", epilog=examples(
    "claimcheck text trial-report-2024",
    "claimcheck text sources/article.pdf",
))
@click.argument("document", metavar="SOURCE_ID_OR_PATH")
@click.option("--registry", "registry", type=click.Path(dir_okay=True, path_type=Path),
              help="The registry whose source ids name documents. [default: claims.yaml, when it exists]")
@run_options
def text(document: str, registry: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
         config_file: Path | None, isolated: bool, quiet: bool, limit: tuple[str, ...]) -> None:
    """Print the text claimcheck reads in a document (a PDF, a web page, a JATS article or a text file),
    each line with its location (`p. 4, line 12` in a PDF), so that quotes are copied from exactly
    what `validate` checks them against."""
    from claimcheck.formats.base import printable

    run = prepare_run((registry,) if registry is not None else (), select, ignore, config_file, isolated, quiet, limit)
    loaded = _registry_for_ids((document,), registry, run)
    for _name, _source_id, read in _texts((document,), loaded, run):
        lines = read.text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        places = [read.location(number) for number in range(1, len(lines) + 1)]
        width = max(map(len, places), default=0)
        for place, line in zip(places, lines):
            click.echo(f"{printable(place):>{width}} | {printable(line)}".rstrip())


def _format_of(output: str | None) -> str | None:
    """The format a file name asks for (`stubs.yaml`), or None to let --format and auto decide."""
    suffix = Path(output).suffix.lower() if output else ""
    return {".yaml": "yaml", ".yml": "yaml", ".json": "json"}.get(suffix)


def _write(path: Path, fmt: str, data: dict[str, object], force: bool, quiet: bool) -> None:
    from claimcheck.safe_write import WriteRefused, write_text

    buffer = io.StringIO()
    formats.get(fmt).candidates(data, Output(buffer, color=False))
    try:
        write_text(path, buffer.getvalue(), overwrite=force)
    except WriteRefused as error:
        fail_usage(str(error))
    if not quiet:
        count = data["candidates"]
        click.echo(f"Wrote {count} candidate claim{'' if count == 1 else 's'} to {path}", err=True)


def _registry_for_ids(documents: tuple[str, ...], registry: Path | None,
                      run: Run) -> tuple[RegistryIndex, Path] | None:
    """The registry that names sources, and its folder: the one given, else claims.yaml if it exists.

    A default registry that cannot be read is passed over when every document is named by its path.
    """
    path = registry if registry is not None else run.registries[0]
    if registry is None and not path.is_file():
        return None
    validation = validate_registry(path, run)
    if validation.index is not None:
        return validation.index, path.parent
    if registry is None and all(Path(name).is_file() for name in documents):
        return None
    fail_usage(f"{validation.file} cannot be read as a registry; run `claimcheck validate {validation.file}`")


def _texts(documents: tuple[str, ...], loaded: tuple[RegistryIndex, Path] | None,
           run: Run) -> list[tuple[str, str | None, SourceText]]:
    """(name to show, source id or None, text) of each document named, in order."""
    from claimcheck.registry.limits import describe
    from claimcheck.registry.loader import RegistryReadError, TextProblem, read_document, read_text

    index = loaded[0] if loaded is not None else None
    found: list[tuple[str, str | None, SourceText]] = []
    for name in documents:
        source = index.sources.get(name) if index is not None else None
        if source is not None:
            registered = index.texts.get(name) if index is not None else None
            if registered is None:
                fail_usage(f"source `{name}` has no readable text (`path`); `claimcheck validate` says why")
            shown = display_name(loaded[1] / source.path) if loaded is not None and source.path else name
            found.append((shown, name, registered))  # the path as given from here, for an editor to open
            continue
        try:
            raw = read_text(Path(name), run.limits.text_size, what="text")
        except RegistryReadError as error:
            missing = str(error).endswith("no such file") and index is not None
            fail_usage(f"{error} nor a registered source id" if missing else str(error))
        if raw is None:
            fail_usage(f"{name}: larger than the text-size limit of {describe(run.limits.text_size)} "
                       "(`--limit text-size=N` raises it)")
        cache = run.document_cache(loaded[1]) if loaded is not None else None  # no cache without a registry
        text = read_document(name, raw, f"{name}:", cache, run.limits.document_seconds)
        if isinstance(text, TextProblem):
            fail_usage(text.message)
        found.append((display_name(Path(name)), _registered_id(name, loaded), text))
    return found


def _registered_id(name: str, loaded: tuple[RegistryIndex, Path] | None) -> str | None:
    """The id of the registered source whose `path` is this file, if any."""
    if loaded is None:
        return None
    index, folder = loaded
    try:
        wanted = Path(name).resolve()
        return next((source_id for source_id, source in index.sources.items()
                     if source.path is not None and (folder / source.path).resolve() == wanted), None)
    except (OSError, RuntimeError, ValueError):
        return None


@click.command(epilog=examples(
    "claimcheck coverage",
    "claimcheck coverage --min 100",
    "claimcheck coverage reviews/claims.yaml --format json",
))
@registry_argument
@format_option(formats.COVERAGE)
@click.option("--min", "minimum", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="Exit 1 when the registry covers less than PERCENT of the candidates.")
@exit_zero_option
@run_options
@color_option
def coverage(registry: Path | None, output_format: str | None, minimum: float | None, exit_zero: bool,
             select: tuple[str, ...], ignore: tuple[str, ...], config_file: Path | None, isolated: bool, quiet: bool,
             limit: tuple[str, ...], color: bool | None) -> None:
    """How many of the candidate claims in the sources' texts (`claimcheck extract`) the registry
    covers, as evidence or under `left_out:`, and which it misses, with their lines. A source with
    an error of its own is not measured but listed as not checked."""
    from claimcheck.extract.coverage import coverage as measure
    from claimcheck.views.candidates import coverage_data

    run = prepare_run((registry,) if registry is not None else (), select, ignore, config_file, isolated, quiet, limit)
    fmt = run.output_format(output_format, formats.COVERAGE)
    with run.progress():
        validation, unchecked = validate_readable(run)
    assert validation.index is not None
    data = coverage_data(measure(validation.index), minimum, unchecked.sources,
                         {source_id: text.location for source_id, text in validation.index.texts.items()})
    formats.get(fmt).coverage(data, stdout(color))
    finish(unchecked, validation.file, exit_zero, failed=not data["passed"])
