"""`claimcheck plot`: a claim's forest plot, as SVG drawn by claimcheck itself.

Only SVG is written: drawing it needs no plotting library, and it is what the evidence map
embeds. PNG and PDF would need matplotlib (0.5 to 0.8 s and 67 MB of memory to import, about
120 MB installed; docs/grading.md, "Forest plots"); a browser or `rsvg-convert` makes them from
the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

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

OTHER_FORMATS = (".png", ".pdf", ".jpg", ".jpeg", ".eps", ".ps")


@click.command(epilog=examples(
    "claimcheck plot stroke-risk examples/halvorex/claims.yaml -o stroke-risk.svg",
    "claimcheck plot overall-motile-sperm -o - > forest.svg",
))
@click.argument("claim")
@registry_argument
@click.option("-o", "--output", "output", default="-", show_default=True, metavar="FILE.svg",
              help="Write the plot here; `-` writes it to standard output.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@exit_zero_option
@run_options
def plot(claim: str, registry: Path | None, output: str, force: bool, exit_zero: bool, select: tuple[str, ...],
         ignore: tuple[str, ...], config_file: Path | None, isolated: bool, quiet: bool,
         limit: tuple[str, ...]) -> None:
    """A forest plot of a claim's pooled estimate: one row per independent study, squares sized by
    weight, the fixed and random-effects diamonds, the prediction interval and the line of no effect."""
    suffix = Path(output).suffix.lower()
    if output != "-" and suffix != ".svg":
        if suffix in OTHER_FORMATS:
            fail_usage(f"`{output}`: claimcheck draws forest plots as SVG only (`-o FILE.svg`); convert it with "
                       "a browser or a tool such as `rsvg-convert -f png` or `rsvg-convert -f pdf`")
        fail_usage(f"`{output}`: the plot is SVG; give a file name ending in .svg, or `-` for standard output")
    from claimcheck.formats.forest import render_svg
    from claimcheck.safe_write import WriteRefused, write_text
    from claimcheck.views.forest import forest_data

    run = prepare_run((registry,) if registry is not None else (), select, ignore, config_file, isolated, quiet, limit)
    report = load_report(registry, run, only_claim=claim)
    comparison = report.comparison(claim)
    if comparison is None:
        unchecked = report.unchecked.by_id(claim)
        if unchecked is None:
            fail_usage(f"claim `{claim}` does not exist in {report.validation.file}")
        from claimcheck.formats.text_lines import errors_text

        fail_usage(f"claim `{claim}` is not checked ({errors_text(unchecked.errors, unchecked.error_sources)}) in "
                   f"{report.validation.file}; `claimcheck validate` lists the errors")
    data = forest_data(report.index, comparison, report.grades[claim].pool)
    if data is None:
        fail_usage(f"claim `{claim}` has no pooled estimate to plot: a forest plot needs estimates with a "
                   "standard error from two or more independent studies (`claimcheck show` says what it has)")
    svg = render_svg(data)
    if output == "-":
        sys.stdout.write(svg)
    else:
        try:
            write_text(Path(output), svg, overwrite=force)
        except WriteRefused as error:
            fail_usage(str(error))
        if not quiet:
            click.echo(f"Wrote the forest plot of `{claim}` ({data['k']} studies) to {output}", err=True)
    finish(report.unchecked, report.validation.file, exit_zero)
