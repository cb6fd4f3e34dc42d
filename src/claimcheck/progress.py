"""Progress bars for long runs: on stderr, only on a terminal, never in CI or with --quiet.

A layer wraps a long loop in `track(items, label)`, work counted in other units (the characters
of a file) in `measuring`, and a step that cannot be counted in `stage`. That costs nothing unless
the command line has turned progress on for the run (`showing`), and even then
a bar appears only for at least `MIN_ITEMS` items, so short runs stay silent.
The bar is transient: it is erased when the work is done, leaving stdout and
stderr as they would be without it. NO_COLOR does not hide it (it only takes
its colour away); --quiet, a pipe, `CI` or `GITHUB_ACTIONS` do.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any, TypeVar

T = TypeVar("T")

#: Fewer items than this finish too quickly for a bar to help.
MIN_ITEMS = 50
CI_VARIABLES = ("CI", "GITHUB_ACTIONS")

_BAR: ContextVar[Any] = ContextVar("claimcheck_progress", default=None)


def wanted(stream: IO[str], environ: Mapping[str, str], quiet: bool) -> bool:
    """Whether a run may show progress on `stream`: a terminal, not in CI, not --quiet."""
    if quiet or any(environ.get(name) for name in CI_VARIABLES):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def showing(enabled: bool, stream: IO[str] | None = None) -> Iterator[None]:
    """Within this block, `track` draws bars on `stream` (stderr) if `enabled`."""
    if not enabled:
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream or sys.stderr, force_terminal=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        token = _BAR.set(bar)
        try:
            yield
        finally:
            _BAR.reset(token)


def track(items: Sequence[T], label: str, minimum: int = MIN_ITEMS) -> Iterable[T]:
    """The items, with a bar while they are worked through when progress is on and they are
    at least `minimum` (a few steps, each long, may lower it)."""
    bar = _BAR.get()
    if bar is None or len(items) < max(1, minimum):
        return items
    return _tracked(bar, items, label)


def measuring_off(_done: int) -> None:
    """What `measuring` gives when no bar is drawn: callers may skip feeding it."""


@contextmanager
def measuring(label: str, total: int, minimum: int) -> Iterator[Callable[[int], None]]:
    """A bar for work measured in units, such as characters read, when there are at least `minimum`:
    the block calls the function it is given with how many units are done."""
    bar = _BAR.get()
    if bar is None or total < minimum:
        yield measuring_off
        return
    task = bar.add_task(label, total=total)
    try:
        yield lambda done: bar.update(task, completed=done)
    finally:
        bar.remove_task(task)


@contextmanager
def stage(label: str, shown: bool = True) -> Iterator[None]:
    """A step that cannot be counted, shown (when `shown`) as a bar that pulses while it runs."""
    bar = _BAR.get()
    if bar is None or not shown:
        yield
        return
    task = bar.add_task(label, total=None)
    try:
        yield
    finally:
        bar.remove_task(task)


def _tracked(bar: Any, items: Sequence[T], label: str) -> Iterator[T]:
    task = bar.add_task(label, total=len(items))
    try:
        for item in items:
            yield item
            bar.advance(task)
    finally:
        bar.remove_task(task)


def track_stream(items: Iterable[T], total: int, label: str, note: Callable[[T], str]) -> Iterator[T]:
    """Items that arrive one by one (a total known beforehand), with a bar whose label says how it goes.

    `note(item)` words the state after each item ("12 findings"); the label also
    gives the rate, items per second.
    """
    bar = _BAR.get()
    if bar is None or total < MIN_ITEMS:
        yield from items
        return
    import time

    started = time.monotonic()
    task = bar.add_task(label, total=total)
    try:
        for done, item in enumerate(items, start=1):
            yield item
            rate = done / max(time.monotonic() - started, 1e-9)
            bar.update(task, advance=1, description=f"{label}: {note(item)}, {rate:,.0f}/s", refresh=done == total)
    finally:
        bar.remove_task(task)
