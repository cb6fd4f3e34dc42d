"""The command line: parse options, call the layers, print, exit.

Exit codes follow sqlfluff: 0 clean, 1 findings (or conflicts with --fail),
2 for a usage error or a registry file that cannot be read.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from claimcheck import __version__, views
from claimcheck.compare import STATUSES, compare_registry
from claimcheck.findings import LocatedFinding, Severity
from claimcheck.formats import FORMATS, make_console, render_github, render_json, render_text
from claimcheck.grading import GRADES, grade_registry
from claimcheck.loader import RegistryReadError
from claimcheck.model import json_schema
from claimcheck.ruledocs import rule_markdown, rules_markdown
from claimcheck.rules import RULES, find_rule
from claimcheck.validate import Validation, validate_file

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_REGISTRY = "claims.yaml"

registry_argument = click.argument("registry", default=DEFAULT_REGISTRY, required=False,
                                   type=click.Path(dir_okay=True, path_type=Path))
color_option = click.option("--color/--no-color", default=None,
                            help="Colour the output. Default: only on a terminal, and never with NO_COLOR set.")


def format_option(choices: tuple[str, ...]) -> Callable[[Any], Any]:
    return click.option("--format", "output_format", type=click.Choice(choices), default="text",
                        show_default=True, help="Output format.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="claimcheck")
def main() -> None:
    """claimcheck: check what a set of documents claims, where they disagree,
    and how strong the evidence is, from a YAML registry (claims.yaml)."""


def _emit(text: str) -> None:
    click.echo(text)


def _fail_usage(message: str) -> NoReturn:
    click.echo(f"claimcheck: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _validate(registry: Path) -> Validation:
    try:
        return validate_file(registry, _display_name(registry))
    except RegistryReadError as error:
        _fail_usage(str(error))


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _print_findings(findings: Sequence[LocatedFinding], output_format: str, color: bool | None) -> None:
    if output_format == "json":
        _emit(render_json(findings))
    elif output_format == "github":
        if findings:
            _emit(render_github(findings))
    else:
        render_text(findings, make_console(color, sys.stdout))


@main.command()
@click.argument("registries", nargs=-1, type=click.Path(dir_okay=True, path_type=Path))
@format_option(FORMATS)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@color_option
def validate(registries: tuple[Path, ...], output_format: str, strict: bool, color: bool | None) -> None:
    """Check registries (default ./claims.yaml): format, references, quotes against the
    documents, arithmetic."""
    findings = [f for registry in registries or (Path(DEFAULT_REGISTRY),) for f in _validate(registry).findings]
    _print_findings(findings, output_format, color)
    failing = findings if strict else [f for f in findings if f.severity is Severity.ERROR]
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _report(registry: Path, output_format: str, color: bool | None) -> views.Report:
    """A report over a valid registry; a registry with errors prints them and exits 1."""
    validation = _validate(registry)
    if validation.errors or validation.index is None:
        if output_format == "text":
            click.echo(f"claimcheck: {registry} has errors; fix them first (claimcheck validate):", err=True)
        _print_findings(validation.findings, output_format, color)
        sys.exit(EXIT_FINDINGS)
    comparisons = compare_registry(validation.index)
    grades = grade_registry(validation.index, comparisons)
    return views.Report(validation.index, comparisons, grades, validation)


@main.command()
@registry_argument
@format_option(FORMATS)
@click.option("--all", "include_agree", is_flag=True, help="Also list the pairs that agree.")
@click.option("--fail", is_flag=True, help="Exit 1 when there is an unaccepted conflict (see --fail-on).")
@click.option("--fail-on", type=click.Choice(["conflict", "tension"]), default="conflict", show_default=True,
              help="With --fail: the least verdict that fails.")
@color_option
def conflicts(registry: Path, output_format: str, include_agree: bool, fail: bool, fail_on: str,
              color: bool | None) -> None:
    """Each conflict and tension between documents, grouped by claim, with the reason."""
    report = _report(registry, output_format, color)
    rows = views.conflict_rows(report, include_agree)
    if output_format == "json":
        _emit(json.dumps(rows, indent=2, ensure_ascii=False))
    elif output_format == "github":
        text = views.render_conflicts_github(report, rows)
        if text:
            _emit(text)
    else:
        views.render_conflicts(rows, make_console(color, sys.stdout))
    failing = {"conflict"} if fail_on == "conflict" else {"conflict", "tension"}
    if fail and any(row["verdict"] in failing and not row["accepted"] for row in rows):
        sys.exit(EXIT_FINDINGS)


@main.command(name="list")
@registry_argument
@format_option(("text", "json"))
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
    report = _report(registry, output_format, color)
    rows = views.filter_rows(views.list_rows(report), statuses=statuses, tags=tags, sources=sources,
                             grades=grades, min_grade=min_grade)
    if output_format == "json":
        _emit(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        views.render_list(rows, make_console(color, sys.stdout))


@main.command()
@click.argument("claim")
@registry_argument
@format_option(("text", "json"))
@color_option
def show(claim: str, registry: Path, output_format: str, color: bool | None) -> None:
    """Everything about one claim: evidence, verdicts, grade and provenance."""
    report = _report(registry, output_format, color)
    comparison = report.comparison(claim)
    if comparison is None:
        ids = [c.claim.id for c in report.comparisons]
        close = difflib.get_close_matches(claim, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        _fail_usage(f"no claim `{claim}` in {registry}{hint}")
    data = views.show_data(report, comparison)
    if output_format == "json":
        _emit(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        views.render_show(data, make_console(color, sys.stdout))


@main.command()
@registry_argument
@format_option(("text", "json"))
@color_option
def sources(registry: Path, output_format: str, color: bool | None) -> None:
    """One row per source: type, design, flags, cites, use, and whether its quotes were found."""
    report = _report(registry, output_format, color)
    rows = views.source_rows(report)
    if output_format == "json":
        _emit(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        views.render_sources(rows, make_console(color, sys.stdout))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the registry format (for editors)."""
    _emit(json.dumps(json_schema(), indent=2))


@main.command()
@click.argument("code")
def rule(code: str) -> None:
    """Explain one rule, by code (CC101) or name (quote-not-found)."""
    found = find_rule(code)
    if found is None:
        close = difflib.get_close_matches(code.upper(), list(RULES), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `claimcheck rules` lists them"
        _fail_usage(f"no rule `{code}`{hint}")
    _emit(rule_markdown(found))


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, severity and summary."""
    if output_format == "markdown":
        _emit(rules_markdown())
    elif output_format == "json":
        _emit(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary}
                          for r in RULES.values()], indent=2))
    else:
        for r in RULES.values():
            marker = "E" if r.severity is Severity.ERROR else "W"
            _emit(f"{r.code} {marker} {r.name:<26} {r.summary}")
