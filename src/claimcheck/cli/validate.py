"""`claimcheck validate`: the linter."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimcheck import formats
from claimcheck.cli.common import (
    DEFAULT_REGISTRY,
    EXIT_CLEAN,
    EXIT_FINDINGS,
    color_option,
    format_option,
    print_findings,
    validate_registry,
)


@click.command()
@click.argument("registries", nargs=-1, type=click.Path(dir_okay=True, path_type=Path))
@format_option(formats.FINDINGS)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@color_option
def validate(registries: tuple[Path, ...], output_format: str, strict: bool, color: bool | None) -> None:
    """Check registries (default ./claims.yaml): format, references, quotes against the
    documents, arithmetic."""
    from claimcheck.findings import Severity

    findings = [f for registry in registries or (Path(DEFAULT_REGISTRY),) for f in validate_registry(registry).findings]
    print_findings(findings, output_format, color)
    failing = findings if strict else [f for f in findings if f.severity is Severity.ERROR]
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)
