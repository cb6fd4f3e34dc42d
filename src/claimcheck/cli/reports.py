"""The reports over a valid registry: `conflicts`, `list`, `show` and `sources`."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from claimcheck import formats
from claimcheck.cli.common import (
    EXIT_FINDINGS,
    color_option,
    fail_usage,
    format_option,
    load_report,
    registry_argument,
    stdout,
)
from claimcheck.verdicts import GRADES, STATUSES


@click.command()
@registry_argument
@format_option(formats.CONFLICTS)
@click.option("--all", "include_agree", is_flag=True, help="Also list the pairs that agree.")
@click.option("--fail", is_flag=True, help="Exit 1 when there is an unaccepted conflict (see --fail-on).")
@click.option("--fail-on", type=click.Choice(["conflict", "tension"]), default="conflict", show_default=True,
              help="With --fail: the least verdict that fails.")
@color_option
def conflicts(registry: Path, output_format: str, include_agree: bool, fail: bool, fail_on: str,
              color: bool | None) -> None:
    """Each conflict and tension between documents, grouped by claim, with the reason."""
    from claimcheck import views

    report = load_report(registry, output_format, color)
    rows = views.conflict_rows(report, include_agree)
    formats.get(output_format).conflicts(report, rows, stdout(color))
    failing = {"conflict"} if fail_on == "conflict" else {"conflict", "tension"}
    if fail and any(row["verdict"] in failing and not row["accepted"] for row in rows):
        sys.exit(EXIT_FINDINGS)


@click.command(name="list")
@registry_argument
@format_option(formats.CLAIMS)
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--tag", "tags", multiple=True, help="Only claims with this tag.")
@click.option("--source", "sources", multiple=True, help="Only claims stated by this source.")
@click.option("--grade", "grades", multiple=True, type=click.Choice(GRADES), help="Only claims of this grade.")
@click.option("--min-grade", type=click.Choice(GRADES), help="Only claims of this grade or better.")
@color_option
def list_claims(registry: Path, output_format: str, statuses: tuple[str, ...], tags: tuple[str, ...],
                sources: tuple[str, ...], grades: tuple[str, ...], min_grade: str | None,
                color: bool | None) -> None:
    """One row per claim: what each document says, the status and the grade."""
    from claimcheck import views

    report = load_report(registry, output_format, color)
    rows = views.filter_rows(views.list_rows(report), statuses=statuses, tags=tags, sources=sources,
                             grades=grades, min_grade=min_grade)
    formats.get(output_format).claims(rows, stdout(color))


@click.command()
@click.argument("claim")
@registry_argument
@format_option(formats.CLAIM)
@color_option
def show(claim: str, registry: Path, output_format: str, color: bool | None) -> None:
    """Everything about one claim: evidence, verdicts, grade and provenance."""
    from claimcheck import views

    report = load_report(registry, output_format, color)
    comparison = report.comparison(claim)
    if comparison is None:
        ids = [c.claim.id for c in report.comparisons]
        close = difflib.get_close_matches(claim, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        fail_usage(f"no claim `{claim}` in {registry}{hint}")
    formats.get(output_format).claim(views.show_data(report, comparison), stdout(color))


@click.command()
@registry_argument
@format_option(formats.SOURCES)
@color_option
def sources(registry: Path, output_format: str, color: bool | None) -> None:
    """One row per source: type, design, flags, cites, use, and whether its quotes were found."""
    from claimcheck import views

    report = load_report(registry, output_format, color)
    formats.get(output_format).sources(views.source_rows(report), stdout(color))
