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
    fail_usage,
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
@run_options
@color_option
def report(registry: Path | None, output: str, force: bool, select: tuple[str, ...], ignore: tuple[str, ...],
           config_file: Path | None, isolated: bool, quiet: bool, limit: tuple[str, ...], color: bool | None) -> None:
    """Write the evidence map: claims by documents, each cell coloured by verdict, with filters
    and every claim's quotes, verdicts, grade and provenance one click away. One HTML file that
    needs no network: open it in a browser, print it or attach it to an e-mail."""
    from claimcheck.safe_write import WriteRefused, write_text
    from claimcheck.views.report import evidence_map as build_evidence_map

    run = prepare_run((registry,) if registry is not None else (), select, ignore, config_file, isolated, quiet, limit)
    evidence_map = build_evidence_map(load_report(registry, None, color, run))
    page = io.StringIO()
    formats.get("html").evidence_map(evidence_map, Output(page))
    if output == "-":
        sys.stdout.write(page.getvalue())
        return
    try:
        write_text(Path(output), page.getvalue(), overwrite=force)
    except WriteRefused as error:
        fail_usage(str(error))
    if not quiet:
        click.echo(f"Wrote the evidence map of {evidence_map['summary']['claims']} claims to {output}", err=True)
