"""The reports over a registry: `conflicts`, `list`, `show` and `sources`.

A registry with errors is reported on all the same: the claims and sources with errors of their
own are shown as not checked, a line on standard error says how many, and the exit code is 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimcheck import formats
from claimcheck.cli import completion
from claimcheck.cli.common import (
    color_option,
    examples,
    exit_zero_option,
    fail_usage,
    finish,
    format_option,
    load_report,
    prepare_run,
    registry_argument,
    run_options,
    stdout,
)
from claimcheck.judge.verdicts import GRADES, STATUSES

if TYPE_CHECKING:
    from claimcheck.judge.compare import ClaimComparison


def _registries(registry: Path | None) -> tuple[Path, ...]:
    return (registry,) if registry is not None else ()


@click.command(epilog=examples(
    "claimcheck conflicts",
    "claimcheck conflicts --fail --fail-on tension",
    "claimcheck conflicts --format sarif > conflicts.sarif",
))
@registry_argument
@format_option(formats.CONFLICTS)
@click.option("--all", "include_agree", is_flag=True, help="Also list the pairs that agree.")
@click.option("--fail", is_flag=True, help="Exit 1 when there is an unaccepted conflict (see --fail-on).")
@click.option("--fail-on", type=click.Choice(["conflict", "tension"]), default=None,
              help="With --fail: the least verdict that fails. [default: conflict]")
@exit_zero_option
@run_options
@color_option
def conflicts(registry: Path | None, output_format: str | None, include_agree: bool, fail: bool, fail_on: str | None,
              exit_zero: bool, select: tuple[str, ...], ignore: tuple[str, ...], config_file: Path | None,
              isolated: bool, quiet: bool, limit: tuple[str, ...], color: bool | None) -> None:
    """Each conflict and tension between documents, grouped by claim, with the reason."""
    from claimcheck.views.report import conflict_rows

    run = prepare_run(_registries(registry), select, ignore, config_file, isolated, quiet, limit, fail_on=fail_on)
    fmt = run.output_format(output_format, formats.CONFLICTS)
    report = load_report(registry, run)
    rows = conflict_rows(report, include_agree)
    formats.get(fmt).conflicts(report, rows, stdout(color))
    _note_unlisted_pairs(report.comparisons)
    failing = {"conflict"} if (run.config.fail_on or "conflict") == "conflict" else {"conflict", "tension"}
    failed = fail and any(row["verdict"] in failing and not row["accepted"] for row in rows)
    finish(report.unchecked, report.validation.file, exit_zero, failed)


@click.command(name="list", epilog=examples(
    "claimcheck list",
    "claimcheck list --tag efficacy --min-grade low",
    "claimcheck list --status conflict --format json",
))
@registry_argument
@format_option(formats.CLAIMS)
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--tag", "tags", multiple=True, shell_complete=completion.tags, help="Only claims with this tag.")
@click.option("--source", "sources", multiple=True, shell_complete=completion.source_ids,
              help="Only claims stated by this source.")
@click.option("--grade", "grades", multiple=True, type=click.Choice(GRADES), help="Only claims of this grade.")
@click.option("--min-grade", type=click.Choice(GRADES), help="Only claims of this grade or better.")
@exit_zero_option
@run_options
@color_option
def list_claims(registry: Path | None, output_format: str | None, statuses: tuple[str, ...], tags: tuple[str, ...],
                sources: tuple[str, ...], grades: tuple[str, ...], min_grade: str | None, exit_zero: bool,
                select: tuple[str, ...], ignore: tuple[str, ...], config_file: Path | None, isolated: bool,
                quiet: bool, limit: tuple[str, ...], color: bool | None) -> None:
    """One row per claim: what each document says, the status and the grade."""
    from claimcheck.views.report import filter_rows, list_rows

    run = prepare_run(_registries(registry), select, ignore, config_file, isolated, quiet, limit)
    fmt = run.output_format(output_format, formats.CLAIMS)
    report = load_report(registry, run)
    rows = filter_rows(list_rows(report), statuses=statuses, tags=tags, sources=sources,
                       grades=grades, min_grade=min_grade)
    formats.get(fmt).claims(rows, stdout(color))
    finish(report.unchecked, report.validation.file, exit_zero)


@click.command(epilog=examples(
    "claimcheck show overall-motile-sperm",
    "claimcheck show overall-motile-sperm --format json",
))
@click.argument("claim", shell_complete=completion.claim_ids)
@registry_argument
@format_option(formats.CLAIM)
@exit_zero_option
@run_options
@color_option
def show(claim: str, registry: Path | None, output_format: str | None, exit_zero: bool, select: tuple[str, ...],
         ignore: tuple[str, ...], config_file: Path | None, isolated: bool, quiet: bool, limit: tuple[str, ...],
         color: bool | None) -> None:
    """Everything about one claim: evidence, verdicts, grade and provenance."""
    from claimcheck.views.report import show_data

    run = prepare_run(_registries(registry), select, ignore, config_file, isolated, quiet, limit)
    fmt = run.output_format(output_format, formats.CLAIM)
    report = load_report(registry, run, only_claim=claim)
    comparison = report.comparison(claim) or report.unchecked.by_id(claim)
    if comparison is None:
        ids = [c.id for c in report.index.registry.claims] + [c.id for c in report.unchecked.claims]
        import difflib

        close = difflib.get_close_matches(claim, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        fail_usage(f"no claim `{claim}` in {report.validation.file}{hint}")
    formats.get(fmt).claim(show_data(report, comparison), stdout(color))
    _note_unlisted_pairs(report.comparisons)
    finish(report.unchecked, report.validation.file, exit_zero)


@click.command(epilog=examples(
    "claimcheck sources",
    "claimcheck sources --format json",
))
@registry_argument
@format_option(formats.SOURCES)
@exit_zero_option
@run_options
@color_option
def sources(registry: Path | None, output_format: str | None, exit_zero: bool, select: tuple[str, ...],
            ignore: tuple[str, ...], config_file: Path | None, isolated: bool, quiet: bool, limit: tuple[str, ...],
            color: bool | None) -> None:
    """One row per source: type, design, flags, cites, use, and whether its quotes were found."""
    from claimcheck.views.report import source_rows

    run = prepare_run(_registries(registry), select, ignore, config_file, isolated, quiet, limit)
    fmt = run.output_format(output_format, formats.SOURCES)
    report = load_report(registry, run)
    formats.get(fmt).sources(source_rows(report), stdout(color))
    finish(report.unchecked, report.validation.file, exit_zero)


def _note_unlisted_pairs(comparisons: Sequence[ClaimComparison]) -> None:
    """Say on stderr which claims list only their first pairs (compare.MAX_LISTED_PAIRS)."""
    for comparison in comparisons:
        unlisted = {verdict: count for verdict, count in comparison.unlisted.items() if count}
        if unlisted:
            counts = ", ".join(f"{count:,} {verdict}" for verdict, count in sorted(unlisted.items()))
            total = len(comparison.pairs) + sum(unlisted.values())
            click.echo(f"claimcheck: claim `{comparison.claim.id}` has {total:,} pairs to compare; "
                       f"{len(comparison.pairs):,} are listed (disagreeing ones first), the rest only "
                       f"counted: {counts}", err=True)
