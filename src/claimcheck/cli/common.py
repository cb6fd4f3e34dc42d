"""What the commands share: options, exit codes, usage errors, and the way to a report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from claimcheck import formats
from claimcheck.formats.base import Output

if TYPE_CHECKING:
    from claimcheck.findings import LocatedFinding
    from claimcheck.validate import Validation
    from claimcheck.views import Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_REGISTRY = "claims.yaml"

registry_argument = click.argument("registry", default=DEFAULT_REGISTRY, required=False,
                                   type=click.Path(dir_okay=True, path_type=Path))
color_option = click.option("--color/--no-color", default=None,
                            help="Colour the output. Default: only on a terminal, and never with NO_COLOR set.")


def format_option(view: str) -> Callable[[Any], Any]:
    """--format, offering the formats that render this view."""
    return click.option("--format", "output_format", type=click.Choice(formats.choices(view)), default="text",
                        show_default=True, help="Output format.")


def fail_usage(message: str) -> NoReturn:
    click.echo(f"claimcheck: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def stdout(color: bool | None) -> Output:
    return Output(sys.stdout, color)


def validate_registry(registry: Path) -> Validation:
    """Validate one registry file; one that cannot be read is a usage error (exit 2)."""
    from claimcheck.loader import RegistryReadError
    from claimcheck.validate import validate_file

    try:
        return validate_file(registry, display_name(registry))
    except RegistryReadError as error:
        fail_usage(str(error))


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def print_findings(findings: list[LocatedFinding], output_format: str, color: bool | None) -> None:
    formats.get(output_format).findings(findings, stdout(color))


def load_report(registry: Path, output_format: str, color: bool | None) -> Report:
    """A report over a valid registry; a registry with errors prints them and exits 1."""
    from claimcheck.compare import compare_registry
    from claimcheck.grading import grade_registry
    from claimcheck.views import Report

    validation = validate_registry(registry)
    if validation.errors or validation.index is None:
        if output_format == "text":
            click.echo(f"claimcheck: {registry} has errors; fix them first (claimcheck validate):", err=True)
        findings_format = output_format if formats.FINDINGS in formats.get_info(output_format).views else "text"
        print_findings(validation.findings, findings_format, color)
        sys.exit(EXIT_FINDINGS)
    comparisons = compare_registry(validation.index)
    grades = grade_registry(validation.index, comparisons)
    return Report(validation.index, comparisons, grades, validation)
