"""`claimcheck report`: the evidence map as one self-contained HTML page."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from claimcheck import formats
from claimcheck.cli.common import (
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

#: Where `report` writes the page when no -o is given.
DEFAULT_OUTPUT = "evidence-map.html"
#: The orders the map can open in: the page's own "Order" choices.
ORDERS = ("worst", "registry", "grade")


@click.command(epilog=examples(
    "claimcheck report",
    "claimcheck report reviews/claims.yaml -o map.html --force",
    "claimcheck report --order registry -o - > map.html",
))
@registry_argument
@click.option("-o", "--output", "output", default=DEFAULT_OUTPUT, show_default=True, metavar="FILE",
              help="Write the page here (.html); `-` writes it to standard output.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option("--order", type=click.Choice(ORDERS), default="worst", show_default=True,
              help="The order the map opens in: worst status first, as in the registry, or best grade first.")
@exit_zero_option
@run_options
def report(registry: Path | None, output: str, force: bool, order: str, exit_zero: bool, select: tuple[str, ...],
           ignore: tuple[str, ...], config_file: Path | None, isolated: bool, quiet: bool,
           limit: tuple[str, ...]) -> None:
    """Write the evidence map: claims by documents, each cell coloured by verdict, with filters
    and every claim's quotes, verdicts, grade and provenance one click away. One HTML file that
    needs no network: open it in a browser, print it or attach it to an e-mail."""
    from claimcheck.safe_write import WriteRefused, write_text
    from claimcheck.views.report import evidence_map as build_evidence_map

    run = prepare_run((registry,) if registry is not None else (), select, ignore, config_file, isolated, quiet, limit)
    loaded = load_report(registry, run)
    evidence_map = {**build_evidence_map(loaded), "order": order}
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
