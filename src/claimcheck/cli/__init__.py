"""The command line: a thin layer that parses options, calls the layers, prints and exits.

Exit codes follow sqlfluff: 0 clean, 1 findings (or conflicts with --fail),
2 for a usage error or a registry file that cannot be read, 3 for an
internal error: a bug in claimcheck, never a verdict on the registry, and 4
when the output cannot be written (a full disk, a closed standard output): the
environment's fault, said in one line. Each command lives
in a module of this package; the layers it calls are imported inside the
command, so that `--help` and `--version` start without loading them.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import sys
import traceback
from typing import Any

import click

from claimcheck import __version__
from claimcheck.cli.common import examples
from claimcheck.cli.extract import coverage, extract, text
from claimcheck.cli.init import init
from claimcheck.cli.plot import plot
from claimcheck.cli.reference import docs, rule, rules, schema
from claimcheck.cli.report import report
from claimcheck.cli.reports import conflicts, list_claims, show, sources
from claimcheck.cli.scan import scan
from claimcheck.cli.sof import sof
from claimcheck.cli.validate import validate

EXIT_INTERNAL_ERROR = 3
#: The output could not be written: a full device, a closed standard output, an I/O error.
EXIT_IO_ERROR = 4
COMPLETION_HELP = ("\b\nShell completion (commands, options, claim ids, source ids, tags, rule codes):\n"
                   '  bash, in ~/.bashrc:  eval "$(_CLAIMCHECK_COMPLETE=bash_source claimcheck)"\n'
                   '  zsh, in ~/.zshrc:    eval "$(_CLAIMCHECK_COMPLETE=zsh_source claimcheck)"\n'
                   "  fish:                _CLAIMCHECK_COMPLETE=fish_source claimcheck | source")
#: rich's own code when a reader closes the pipe; every format now ends the same way.
EXIT_BROKEN_PIPE = 1
#: Set (to anything) to see the traceback of an internal error.
DEBUG_VARIABLE = "CLAIMCHECK_DEBUG"


class _Group(click.Group):
    """The command group: an exception no command expected is an internal error, exit 3.

    An uncaught exception would otherwise exit 1, the code for findings, and a
    CI job would take a crash for a verdict.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:
                # Written now, not at exit, so that a failed write is reported here.
                sys.stdout.flush()
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _quiet_after_broken_pipe()
            ctx.exit(EXIT_BROKEN_PIPE)
        except OSError as error:
            _report_io_error(error)
            ctx.exit(EXIT_IO_ERROR)
        except Exception as error:  # noqa: BLE001 - the point is to catch what nobody foresaw
            _report_internal_error(ctx, error)
            ctx.exit(EXIT_INTERNAL_ERROR)


def _quiet_after_broken_pipe() -> None:
    """The reader of the output went away (`| head`): say nothing more, as rich does for its own output.

    Standard output is pointed at the null device, so that Python's flush at exit
    does not fail again with a message of its own.
    """
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):
        return  # closed before the run began: nothing to flush at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)


def _report_io_error(error: OSError) -> None:
    """One line for an output that cannot be written; what was not written is dropped."""
    reason = error.strerror or str(error)
    where = f"{error.filename}: " if error.filename else "cannot write the output: "
    click.echo(f"claimcheck: error: {where}{reason}", err=True)
    _quiet_after_broken_pipe()


class _ClosedOutput(io.TextIOBase):
    """Standard output when the shell closed it (`>&-`): every write fails as an I/O error."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _report_internal_error(ctx: click.Context, error: Exception) -> None:
    command = ctx.invoked_subcommand or "claimcheck"
    click.echo(f"claimcheck: internal error in `{command}`: {type(error).__name__}: {error}", err=True)
    if os.environ.get(DEBUG_VARIABLE):
        click.echo("".join(traceback.format_exception(error)), err=True)
    else:
        click.echo(f"claimcheck: this is a bug in claimcheck {__version__}, not a finding about your registry; "
                   f"please report it with the input that caused it ({DEBUG_VARIABLE}=1 shows the traceback)",
                   err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=COMPLETION_HELP + "\n\n" + examples(
    "claimcheck init my-review",
    "claimcheck validate",
    "claimcheck conflicts --fail",
    "claimcheck list --tag efficacy",
    "claimcheck COMMAND --help",
))
@click.version_option(__version__, "--version", prog_name="claimcheck")
def main() -> None:
    """claimcheck: check what a set of documents claims, where they disagree,
    and how strong the evidence is, from a YAML registry (claims.yaml)."""


#: Each command's line in `claimcheck --help`, short enough to fit whole in 80 columns.
SUMMARIES = {
    "init": "Start a registry here or in FOLDER, with an example.",
    "validate": "Check a registry: format, references, quotes, arithmetic.",
    "conflicts": "Where documents disagree, claim by claim, and why.",
    "list": "One row per claim: what each document says, status, grade.",
    "show": "Everything about one claim: evidence, verdicts, grade.",
    "sources": "One row per source: type, design, cites, quotes found.",
    "report": "Write the evidence map, one self-contained HTML page.",
    "extract": "Find candidate claims in documents, with proposed says.",
    "coverage": "How much of each source's text the registry covers.",
    "scan": "Check a corpus's statistics, no registry needed.",
    "text": "Print a document's text as claimcheck reads it, with places.",
    "sof": "A summary-of-findings table, as GRADE lays it out.",
    "plot": "Draw a claim's forest plot as SVG.",
    "schema": "Print the JSON Schema of the registry format.",
    "rules": "List every rule: code, name, severity and summary.",
    "rule": "Explain one rule, by code (CC101) or name.",
    "docs": "Print a reference page, such as the registry format.",
}

for command in (init, validate, conflicts, list_claims, show, sources, sof, plot, report, extract, coverage, text, scan,
                schema, rules, rule, docs):
    command.short_help = SUMMARIES[command.name or ""]
    main.add_command(command)


def run() -> None:
    """The console script and `python -m claimcheck`: one command, then the process ends.

    The cycle collector stays off: a command builds one large registry of acyclic data and
    exits, so collecting only re-scans that data again and again (a quarter of `validate`'s
    time on 10,000 claims); what little cyclic garbage there is goes with the process.
    """
    gc.disable()
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    try:
        main(prog_name="claimcheck")
    except BrokenPipeError:  # `claimcheck --help | head`, outside any command
        _quiet_after_broken_pipe()
        sys.exit(EXIT_BROKEN_PIPE)
    except OSError as error:  # `--help` or `--version` onto a full or closed output
        _report_io_error(error)
        sys.exit(EXIT_IO_ERROR)
