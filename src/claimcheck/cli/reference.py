"""Reference commands: the format's JSON Schema, and the rules' documentation."""

from __future__ import annotations

import click

from claimcheck.cli.common import examples, fail_usage
from claimcheck.cli.completion import rule_codes


@click.command(epilog=examples("claimcheck schema > claims.schema.json"))
def schema() -> None:
    """Print the JSON Schema of the registry format (for editors)."""
    import json

    from claimcheck.registry.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


@click.command(epilog=examples("claimcheck rule CC101", "claimcheck rule quote-not-found"))
@click.argument("code", shell_complete=rule_codes)
def rule(code: str) -> None:
    """Explain one rule, by code (CC101) or name (quote-not-found)."""
    from claimcheck.findings.rule_docs import rule_markdown
    from claimcheck.findings.rules import RULES, find_rule

    found = find_rule(code)
    if found is None:
        import difflib

        close = difflib.get_close_matches(code.upper(), list(RULES), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `claimcheck rules` lists them"
        fail_usage(f"no rule `{code}`{hint}")
    click.echo(rule_markdown(found))


@click.command(epilog=examples("claimcheck rules", "claimcheck rules --format markdown > docs/rules.md"))
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, severity and summary."""
    from claimcheck.findings import Severity
    from claimcheck.findings.rule_docs import rules_markdown
    from claimcheck.findings.rules import RULES

    if output_format == "markdown":
        click.echo(rules_markdown())
    elif output_format == "json":
        from claimcheck.formats.json import document, dumps

        click.echo(dumps(document("rules", [{"code": r.code, "name": r.name, "severity": r.severity.value,
                                              "summary": r.summary} for r in RULES.values()])))
    else:
        for r in RULES.values():
            marker = "E" if r.severity is Severity.ERROR else "W"
            click.echo(f"{r.code} {marker} {r.name:<26} {r.summary}")


@click.command(name="docs", epilog=examples("claimcheck docs", "claimcheck docs format", "claimcheck docs format | less"))
@click.argument("page", required=False)
def docs(page: str | None) -> None:
    """Print a reference page of the installed version (the registry format, grading, ...);
    without PAGE, list them."""
    from claimcheck import manual

    if page is None:
        width = max(map(len, manual.PAGES))
        for name, summary in manual.PAGES.items():
            click.echo(f"{name:<{width}}  {summary}")
        click.echo("\n`claimcheck docs PAGE` prints one; `claimcheck rule CODE` explains a finding's code.")
        return
    try:
        click.echo(manual.page(page.lower()).rstrip("\n"))
    except KeyError:
        import difflib

        close = difflib.get_close_matches(page.lower(), list(manual.PAGES), n=1)
        hint = f"; did you mean `{close[0]}`?" if close else f"; the pages are: {', '.join(manual.PAGES)}"
        fail_usage(f"no page `{page}`{hint}")
