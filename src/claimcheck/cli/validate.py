"""`claimcheck validate`: the linter."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimcheck import formats
from claimcheck.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    color_option,
    examples,
    fail_usage,
    format_option,
    prepare_run,
    print_findings,
    run_options,
    stdout,
    validate_registry,
)

if TYPE_CHECKING:
    from claimcheck.findings import LocatedFinding


@click.command(epilog=examples(
    "claimcheck validate",
    "claimcheck validate --select CC1 --ignore CC103 docs/claims.yaml",
    "claimcheck validate --format sarif > claimcheck.sarif",
    "claimcheck validate --statistics --exit-zero",
    "claimcheck validate -q --errors-only",
))
@click.argument("registries", nargs=-1, type=click.Path(dir_okay=True, path_type=Path))
@format_option(formats.FINDINGS)
@click.option("--strict/--no-strict", default=None, help="Exit 1 on warnings too. [default: no-strict]")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means a usage error).")
@click.option("--statistics", is_flag=True, help="Print how many findings each code has, instead of the findings.")
@click.option("--errors-only", is_flag=True, help="Report errors only, leaving warnings out (as pylint's -E).")
@run_options
@color_option
def validate(registries: tuple[Path, ...], output_format: str | None, strict: bool | None, exit_zero: bool,
             statistics: bool, errors_only: bool, select: tuple[str, ...], ignore: tuple[str, ...], config_file: Path | None,
             isolated: bool, quiet: bool, limit: tuple[str, ...], color: bool | None) -> None:
    """Check registries (default ./claims.yaml, or `registry` in the configuration): format,
    references, quotes against the documents, arithmetic."""
    from claimcheck import progress
    from claimcheck.findings import Severity

    run = prepare_run(registries, select, ignore, config_file, isolated, quiet, limit, strict=strict)
    view = formats.STATISTICS if statistics else formats.FINDINGS
    fmt = run.output_format(output_format, view)
    if view not in formats.get_info(fmt).views:
        fail_usage(f"--statistics prints {' or '.join(formats.choices(view))}, not {fmt}")
    with run.progress():
        validations = [validate_registry(registry, run)
                       for registry in progress.track(run.registries, "Validating registries")]
    findings = [f for validation in validations for f in validation.findings if _shown(f, errors_only)]
    if statistics:
        silenced = [f for validation in validations for f in validation.silenced if _shown(f, errors_only)]
        from claimcheck.views.report import statistics_rows

        formats.get(fmt).statistics(statistics_rows(findings, silenced), stdout(color))
    else:
        print_findings(findings, fmt, color, quiet)
    failing = findings if run.config.strict else [f for f in findings if f.severity is Severity.ERROR]
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _shown(finding: LocatedFinding, errors_only: bool) -> bool:
    from claimcheck.findings import Severity

    return not errors_only or finding.severity is Severity.ERROR
