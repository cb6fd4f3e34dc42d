"""`claimcheck sof`: GRADE's summary-of-findings table for the claims chosen by id or tag."""

from __future__ import annotations

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
    stdout,
)


@click.command(epilog=examples(
    "claimcheck sof --tag efficacy",
    "claimcheck sof --claim stroke-risk --format html > sof.html",
    "claimcheck sof --format csv > sof.csv",
))
@registry_argument
@click.option("--format", "output_format", type=click.Choice(formats.choices(formats.SOF)), default="markdown",
              show_default=True, help="Output format: markdown and html paste into a manuscript, csv into a "
                                      "spreadsheet.")
@click.option("--tag", "tags", multiple=True, help="Only claims with this tag.")
@click.option("--claim", "claim_ids", multiple=True, help="Only this claim (repeat for several).")
@exit_zero_option
@run_options
@color_option
def sof(registry: Path | None, output_format: str, tags: tuple[str, ...], claim_ids: tuple[str, ...],
        exit_zero: bool, select: tuple[str, ...], ignore: tuple[str, ...], config_file: Path | None,
        isolated: bool, quiet: bool, limit: tuple[str, ...], color: bool | None) -> None:
    """A summary-of-findings table: outcome, participants, relative and absolute effects, certainty, wording."""
    from claimcheck.views.sof import sof_rows

    run = prepare_run((registry,) if registry is not None else (), select, ignore, config_file, isolated, quiet,
                      limit)
    report = load_report(registry, run)
    known = {c.id for c in report.index.registry.claims}
    missing = [c for c in claim_ids if c not in known]
    if missing:
        fail_usage(f"no claim `{missing[0]}` in {report.validation.file}")
    rows = sof_rows(report, claim_ids, tags)
    formats.get(output_format).summary_of_findings(rows, stdout(color))
    finish(report.unchecked, report.validation.file, exit_zero)
