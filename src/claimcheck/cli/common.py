"""What the commands share: options, exit codes, usage errors, settings, and the way to a report."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from claimcheck import formats
from claimcheck.cli.completion import DEFAULT_REGISTRY, rule_codes
from claimcheck.formats.base import Output, printable

if TYPE_CHECKING:
    from claimcheck.config import Config
    from claimcheck.findings import LocatedFinding
    from claimcheck.judge.compare import CompareSettings
    from claimcheck.registry.documents.cache import DocumentCache
    from claimcheck.registry.limits import Limits
    from claimcheck.validate.run import Validation
    from claimcheck.validate.unchecked import Unchecked
    from claimcheck.views.report import Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])

registry_argument = click.argument("registry", required=False, type=click.Path(dir_okay=True, path_type=Path))
color_option = click.option("--color/--no-color", default=None,
                            help="Colour the output. Default: only on a terminal, and never with NO_COLOR set.")
exit_zero_option = click.option("--exit-zero", is_flag=True,
                                help="Exit 0 even when there are findings (2 still means a usage error).")


def examples(*lines: str) -> str:
    """A command's epilog: examples, kept as written (click does not rewrap a paragraph after \\b)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def format_option(view: str) -> Callable[[F], F]:
    """--format, offering `auto` and the formats that render this view."""
    return click.option("--format", "output_format", type=click.Choice((formats.AUTO, *formats.choices(view))),
                        default=None, help="Output format. [default: auto: github annotations in GitHub Actions, "
                                           "else text, coloured on a terminal]")


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Keep an option's value in the context, for `prepare_run`, rather than as a parameter of each command."""
    if value is not None:
        ctx.meta[f"claimcheck.{param.name}"] = value


def run_options(function: F) -> F:
    """The options of every command that reads a registry: rule selection, configuration, --quiet, the cache.

    The cache's options reach `prepare_run` through the click context (`_remember`).
    """
    options = (
        click.option("--cache/--no-cache", "cache", default=None, expose_value=False, callback=_remember,
                     help="Keep the text read from PDFs, web pages and JATS XML, to read them once. "
                          "[default: cache]"),
        click.option("--cache-dir", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
                     expose_value=False, callback=_remember,
                     help="The cache's folder. [default: .claimcheck-cache beside the registry]"),
        click.option("--select", "select", multiple=True, metavar="CODES", shell_complete=rule_codes,
                     help="Report only these codes or prefixes (CC3, CC303, ALL); repeat or separate with commas."),
        click.option("--ignore", "ignore", multiple=True, metavar="CODES", shell_complete=rule_codes,
                     help="Do not report these codes or prefixes; a more specific --select wins (see README)."),
        click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Use this configuration file instead of looking for claimcheck.toml or pyproject.toml."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--limit", "limit", multiple=True, metavar="NAME=VALUE",
                     help="Change a limit on what is read, such as depth=100 or file-size=1GiB "
                          "(`claimcheck docs reliability` lists them)."),
        click.option("-q", "--quiet", is_flag=True,
                     help="Never show a progress bar; `validate` prints only the findings, nothing on success."),
    )
    for option in reversed(options):
        function = option(function)
    return function


def fail_usage(message: str) -> NoReturn:
    """Each line of the message on standard error, its escapes shown, never sent to the terminal; exit 2."""
    for line in message.splitlines():
        click.echo(f"claimcheck: error: {printable(line)}", err=True)
    sys.exit(EXIT_USAGE)


def stdout(color: bool | None, quiet: bool = False) -> Output:
    return Output(sys.stdout, color, quiet=quiet)


@dataclass(frozen=True)
class Run:
    """One command's settings: its configuration with the command line's flags over it."""

    config: Config
    registries: tuple[Path, ...]
    enabled: frozenset[str]
    compare: CompareSettings
    quiet: bool = False
    limits: Limits = field(default_factory=lambda: _default_limits())

    def document_cache(self, folder: Path) -> DocumentCache | None:
        """The cache of extracted texts for a registry in `folder`: the configured folder, else one in
        `folder`; None when off."""
        from claimcheck.registry.documents.cache import FOLDER_NAME, DocumentCache

        if self.config.cache is False:
            return None
        return DocumentCache(self.config.cache_dir or folder / FOLDER_NAME)

    def output_format(self, requested: str | None, view: str) -> str:
        """--format, else the configuration's format where this view has it, else auto; resolved."""
        name = requested
        if name is None and self.config.format is not None:
            offered = self.config.format == formats.AUTO or view in formats.get_info(self.config.format).views
            name = self.config.format if offered else None
        return formats.resolve(name or formats.AUTO, view, os.environ)

    @contextmanager
    def progress(self) -> Iterator[None]:
        from claimcheck import progress

        with progress.showing(progress.wanted(sys.stderr, os.environ, self.quiet)):
            yield


def _default_limits() -> Limits:
    from claimcheck.registry.limits import DEFAULT_LIMITS

    return DEFAULT_LIMITS


def prepare_run(registries: Sequence[Path], select: Sequence[str] = (), ignore: Sequence[str] = (),
                config_file: Path | None = None, isolated: bool = False, quiet: bool = False,
                limit: Sequence[str] = (), **overrides: Any) -> Run:
    """Read the configuration (from the first registry's folder upwards) and put the flags over it.

    `overrides` are the command's own flags that have a configuration key
    (strict, fail_on); None means the flag was not given.
    """
    from dataclasses import replace

    from claimcheck.config import Config, ConfigError, discover, load_config
    from claimcheck.findings.selection import RuleSelection, SelectionError, enabled_codes, split_selectors
    from claimcheck.judge.compare import CompareSettings

    registries = [in_folder(Path(registry)) for registry in registries]
    start = Path(registries[0]).parent if registries else Path.cwd()
    try:
        config = Config() if isolated else load_config(config_file) if config_file else discover(start)
    except ConfigError as error:
        fail_usage(str(error))
    context = click.get_current_context(silent=True)
    remembered = {key: (context.meta if context else {}).get(f"claimcheck.{key}") for key in ("cache", "cache_dir")}
    config = replace(config, **{key: value for key, value in {**overrides, **remembered}.items() if value is not None})
    selections = [RuleSelection(config.select, config.ignore)]
    if select or ignore:
        selections.append(RuleSelection(split_selectors(select) or None, split_selectors(ignore)))
    try:
        enabled = enabled_codes(selections)
    except SelectionError as error:
        fail_usage(str(error))
    default = config.registry if config.registry is not None else Path(DEFAULT_REGISTRY)
    compare = CompareSettings() if config.alpha is None else CompareSettings(alpha=config.alpha)
    return Run(config, tuple(registries) or (default,), enabled, compare, quiet, _limits(config, limit))


def in_folder(path: Path) -> Path:
    """A registry named by its folder, as linters take a folder: the folder's claims.yaml."""
    return path / DEFAULT_REGISTRY if path.is_dir() else path


def _missing_registry_hint(registry: Path) -> str | None:
    """How to go on when a claims.yaml is not there: name another, or start one with `init`."""
    if registry.name != DEFAULT_REGISTRY or os.path.lexists(registry):
        return None
    command = click.get_current_context().info_name or "validate"
    if registry == Path(DEFAULT_REGISTRY):
        return (f"no {DEFAULT_REGISTRY} here; name a registry (`claimcheck {command} path/to/claims.yaml`, "
                "or the folder that holds it), or start one here with `claimcheck init`")
    folder = display_name(registry.parent)
    return f"{folder} has no {DEFAULT_REGISTRY}; start one there with `claimcheck init {folder}`"


def _limits(config: Config, assignments: Sequence[str]) -> Limits:
    """The configuration's limits, with --limit flags over them."""
    from claimcheck.registry.limits import DEFAULT_LIMITS, LimitError, parse_assignments, with_values

    try:
        return with_values(with_values(DEFAULT_LIMITS, dict(config.limits)), parse_assignments(list(assignments)))
    except LimitError as error:
        fail_usage(str(error))


def validate_registry(registry: Path, run: Run | None = None) -> Validation:
    """Validate one registry file, keeping the selected codes; an unreadable file is a usage error."""
    from claimcheck.registry.loader import RegistryReadError
    from claimcheck.validate.run import validate_file

    run = run or prepare_run((registry,))
    try:
        validation = validate_file(registry, display_name(registry), run.compare, run.limits,
                                   run.document_cache(registry.parent))
    except RegistryReadError as error:
        fail_usage(_missing_registry_hint(registry) or str(error))
    validation.findings = [f for f in validation.findings if f.code in run.enabled]
    validation.silenced = [f for f in validation.silenced if f.code in run.enabled]
    return validation


def display_name(path: Path) -> str:
    """The registry's name as findings show it: relative to the working directory when inside it.

    Symbolic links are not resolved, so that a linked claims.yaml is named, like
    the folder its sources are read from, by the link.
    """
    try:
        return os.path.relpath(os.path.abspath(path)) if os.path.abspath(path).startswith(
            os.path.join(os.path.abspath(os.getcwd()), "")) else str(path)
    except ValueError:
        return str(path)


def print_findings(findings: list[LocatedFinding], output_format: str, color: bool | None,
                   quiet: bool = False) -> None:
    formats.get(output_format).findings(findings, stdout(color, quiet))


def load_report(registry: Path | None, run: Run | None = None, only_claim: str | None = None) -> Report:
    """A report over a registry, every claim with an error of its own (or naming a source with one)
    left unchecked; a registry that cannot be read as a whole stops here (`stop_unreadable`).

    With `only_claim`, only the claims with that id are compared and graded (for `show`).
    """
    from claimcheck import progress
    from claimcheck.judge.compare import compare_claim, compare_registry
    from claimcheck.views.report import Report

    run = run or prepare_run((registry,) if registry else ())
    with run.progress():
        validation, unchecked = validate_readable(run)
        assert validation.index is not None
        index = validation.index
        if only_claim is None and not unchecked.claims:
            comparisons = compare_registry(index, run.compare)
        else:
            claims = index.registry.claims if only_claim is not None else progress.track(
                index.registry.claims, "Comparing claims")
            comparisons = [compare_claim(index, position, claim, run.compare)
                           for position, claim in enumerate(claims)
                           if (only_claim is None or claim.id == only_claim) and unchecked.claim(position) is None]
    return Report(index, comparisons, validation, unchecked)


def validate_readable(run: Run) -> tuple[Validation, Unchecked]:
    """The registry's validation, and what its errors leave unchecked; a registry that cannot be
    read as a whole (not YAML, not a mapping, a wrong `version`, a limit exceeded) stops here."""
    from claimcheck.validate.unchecked import find_unchecked

    validation = validate_registry(run.registries[0], run)
    if validation.index is None:
        stop_unreadable(validation)
    return validation, find_unchecked((f.path for f in validation.errors), validation.index, validation.dropped)


def stop_unreadable(validation: Validation) -> NoReturn:
    """Say why a registry cannot be read at all, its findings on standard error, and exit 2."""
    click.echo(f"claimcheck: error: {validation.file} cannot be read as a registry:", err=True)
    formats.get("text").findings(validation.findings, Output(sys.stderr, False))
    sys.exit(EXIT_USAGE)


def unchecked_note(unchecked: Unchecked, file: str) -> str:
    """The line on standard error when a registry has errors: what they leave unchecked, and where they are listed."""
    def count(n: int, word: str) -> str:
        return f"{n:,} {word}{'' if n == 1 else 's'}"

    errors, where = count(unchecked.errors, "error"), f"`claimcheck validate {file}` lists them"
    if not unchecked.claims and not unchecked.sources:
        return f"claimcheck: {file} has {errors}, in no claim nor source; {where}"
    what = count(len(unchecked.claims), "claim")
    if unchecked.sources:
        what += f" and {count(len(unchecked.sources), 'source')}"
    return f"claimcheck: {what} not checked for {errors} in {file}; {where}"


def finish(unchecked: Unchecked, file: str, exit_zero: bool, failed: bool = False) -> None:
    """The end of a report: the note on what errors left unchecked, and the exit code.

    1 when the registry has errors or the command's own test failed (`--fail`, `--min`), unless `exit_zero`.
    """
    if unchecked:
        sys.stdout.flush()  # the report first, where both streams go to one place
        click.echo(unchecked_note(unchecked, file), err=True)
    if (unchecked or failed) and not exit_zero:
        sys.exit(EXIT_FINDINGS)
