"""`claimcheck report`: the evidence map as one self-contained HTML page."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from claimcheck import formats
from claimcheck.cli.common import (
    color_option,
    examples,
    exit_zero_option,
    fail_usage,
    finish,
    load_report,
    prepare_run,
    registry_argument,
    run_options,
)
from claimcheck.formats.base import Output


@click.command(epilog=examples(
    "claimcheck report -o evidence-map.html",
    "claimcheck report reviews/claims.yaml -o map.html --force",
    "claimcheck report -o - > map.html",
))
@registry_argument
@click.option("-o", "--output", "output", required=True, metavar="FILE",
              help="Write the page here (.html); `-` writes it to standard output.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@exit_zero_option
@run_options
@color_option
def report(registry: Path | None, output: str, force: bool, exit_zero: bool, select: tuple[str, ...],
           ignore: tuple[str, ...], config_file: Path | None, isolated: bool, quiet: bool, limit: tuple[str, ...],
           color: bool | None) -> None:
    """Write the evidence map: claims by documents, each cell coloured by verdict, with filters
    and every claim's quotes, verdicts, grade and provenance one click away. One HTML file that
    needs no network: open it in a browser, print it or attach it to an e-mail."""
    from claimcheck.safe_write import WriteRefused, write_text
    from claimcheck.views.report import evidence_map as build_evidence_map

    run = prepare_run((registry,) if registry is not None else (), select, ignore, config_file, isolated, quiet, limit)
    loaded = load_report(registry, run)
    evidence_map = build_evidence_map(loaded)
    page = io.StringIO()
    formats.get("html").evidence_map(evidence_map, Output(page))
    if output == "-":
        sys.stdout.write(page.getvalue())
    else:
        try:
            write_text(Path(output), page.getvalue(), overwrite=force)
        except WriteRefused as error:
            fail_usage(str(error))
        if not quiet:
            count = evidence_map["summary"]["claims"]
            click.echo(f"Wrote the evidence map of {count:,} claim{'' if count == 1 else 's'} to {output}", err=True)
    finish(loaded.unchecked, loaded.validation.file, exit_zero)
