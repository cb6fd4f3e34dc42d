"""A fuzzing campaign: inputs made from a seed, each run through one command and format, on workers.

`COMMANDS` is the table of how each command is run; the campaign refuses to
start if the command line has a command the table lacks, so that a command
added later cannot go untested. Each input is run through the command and
format its number picks, so a campaign covers every pair many times over.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.fuzz.inputs import Input, make_input
from claimcheck.fuzz.minimise import minimise
from claimcheck.fuzz.runner import Outcome, run

#: How each command is run: its argument lists, with FORMAT standing for each output format it offers.
COMMANDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "validate": (("validate", "--format", "FORMAT"), ("validate", "--statistics", "--format", "FORMAT"),
                 ("validate", "--strict", "--select", "CC3", "--format", "json")),
    "conflicts": (("conflicts", "--all", "--format", "FORMAT"), ("conflicts", "--fail", "--format", "FORMAT")),
    "list": (("list", "--format", "FORMAT"),),
    "show": (("show", "claim-0", "--format", "FORMAT"), ("show", "overall-motile-sperm", "--format", "FORMAT")),
    "sources": (("sources", "--format", "FORMAT"),),
    "sof": (("sof", "--format", "FORMAT"),),
    "plot": (("plot", "claim-0"), ("plot", "overall-motile-sperm", "-o", "-")),
    "report": (("report", "-o", "-"),),
    "extract": (("extract", "doc-0", "--format", "FORMAT"), ("extract", "aksoy-blog-2025", "--format", "FORMAT"),
                ("extract", "sources/doc-0.txt", "--kind", "proportion", "--format", "FORMAT")),
    "text": (("text", "doc-0"), ("text", "sources/doc-0.txt")),
    "coverage": (("coverage", "--format", "FORMAT"), ("coverage", "--min", "100", "--format", "FORMAT")),
    "schema": (("schema",),),
    "rules": (("rules", "--format", "FORMAT"),),
    "rule": (("rule", "CC101"),),
    "docs": (("docs", "format"),),
    "init": (("init", "new-folder"),),
    "scan": tuple(("scan", "sources", "--jobs", "1", "--format", name) for name in ("text", "json", "jsonl", "csv", "sarif", "html")),
}
#: The formats each view offers, taken from the formats registry when the campaign starts.
_FORMAT_VIEWS = {"validate": "findings", "conflicts": "conflicts", "list": "claims", "show": "claim",
                 "sources": "sources", "extract": "candidates", "coverage": "coverage",
                 "sof": "summary-of-findings"}
#: Finding codes that say an input was rejected before it was read further, and what for.
REJECTIONS = {"CC001": "not UTF-8", "CC002": "YAML syntax", "CC004": "alias expansion", "CC005": "empty",
              "CC006": "not a mapping", "CC007": "version", "CC020": "file too large", "CC021": "too deep",
              "CC022": "scalar too long", "CC023": "too many claims", "CC024": "too many entries"}


def runs_of(command: str) -> list[tuple[str, ...]]:
    """Every argument list of a command, one per format it offers."""
    from claimcheck import formats

    view = _FORMAT_VIEWS.get(command)
    names = formats.choices(view) if view else ("text", "markdown", "json")
    found = []
    for args in COMMANDS[command]:
        if "FORMAT" in args:
            offered = names if "--statistics" not in args else ("text", "json")
            found += [tuple(name if a == "FORMAT" else a for a in args) for name in offered]
        else:
            found.append(args)
    return found


def all_runs() -> list[tuple[str, ...]]:
    """Every (command, format) argument list; fails loudly on a command the table lacks."""
    from claimcheck.cli import main

    missing = sorted(set(main.commands) - set(COMMANDS))
    if missing:
        raise SystemExit(f"claimcheck.fuzz: no row in COMMANDS for {', '.join(missing)}; add one")
    return [args for command in sorted(COMMANDS) for args in runs_of(command)]


@dataclass
class Failure:
    number: int
    how: str
    args: tuple[str, ...]
    kind: str
    detail: str
    data: bytes


@dataclass
class Tally:
    """What a campaign (or one worker's share of it) found."""

    inputs: int = 0
    runs: int = 0
    worst_seconds: float = 0.0
    worst_seconds_input: str = ""
    peak_kib: int = 0
    peak_input: str = ""
    exits: Counter[int] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)

    def add(self, item: Input, outcome: Outcome) -> None:
        self.runs += 1
        self.exits[outcome.exit_code if outcome.exit_code is not None else -1] += 1
        if outcome.seconds > self.worst_seconds:
            self.worst_seconds, self.worst_seconds_input = outcome.seconds, f"#{item.number} {' '.join(outcome.args)}"
        if outcome.peak_kib > self.peak_kib:
            self.peak_kib, self.peak_input = outcome.peak_kib, f"#{item.number} {' '.join(outcome.args)}"
        for code in set(outcome.codes) & set(REJECTIONS):
            self.rejected[REJECTIONS[code]] += 1
        kind = outcome.failure
        if kind is not None:
            detail = "; ".join(outcome.outside) or outcome.stderr.strip().splitlines()[-1:][0] \
                if outcome.stderr.strip() or outcome.outside else kind
            self.failures.append(Failure(item.number, item.how, outcome.args, kind, detail, item.data))

    def merge(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.runs += other.runs
        if other.worst_seconds > self.worst_seconds:
            self.worst_seconds, self.worst_seconds_input = other.worst_seconds, other.worst_seconds_input
        if other.peak_kib > self.peak_kib:
            self.peak_kib, self.peak_input = other.peak_kib, other.peak_input
        self.exits.update(other.exits)
        self.rejected.update(other.rejected)
        self.failures += other.failures


@dataclass(frozen=True)
class Settings:
    seed: int
    count: int | None
    seconds: float | None
    workers: int
    timeout: float
    memory_mib: int
    base: Path  # the registry to mutate, with its sources/ folder beside it


def campaign(settings: Settings) -> Tally:
    """Run the campaign on `settings.workers` processes and add up what they found."""
    all_runs()  # refuse to start on a command without a row
    deadline = time.monotonic() + settings.seconds if settings.seconds else None
    shares = [(settings, worker, deadline) for worker in range(settings.workers)]
    if settings.workers == 1:
        results = [_work(*shares[0])]
    else:
        with multiprocessing.get_context("fork").Pool(settings.workers) as pool:
            results = pool.starmap(_work, shares)
    total = Tally()
    for result in results:
        total.merge(result)
    return total


def _numbers(settings: Settings, worker: int, deadline: float | None) -> Iterator[int]:
    number = worker
    while (settings.count is None or number < settings.count) and (deadline is None or time.monotonic() < deadline):
        yield number
        number += settings.workers


def _warm_up() -> None:
    """Import every module of claimcheck once, so that each forked run starts warm.

    The command line imports the layers a command needs inside the command; left
    to each run, that would cost a tenth of a second of imports per input.
    """
    import claimcheck

    for module in pkgutil.walk_packages(claimcheck.__path__, "claimcheck."):
        if not module.name.startswith(("claimcheck.fuzz", "claimcheck.__main__")):
            importlib.import_module(module.name)


def _work(settings: Settings, worker: int, deadline: float | None) -> Tally:
    _warm_up()
    runs = all_runs()
    base_text = settings.base.read_text(encoding="utf-8")
    base_texts = _texts_beside(settings.base)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix=f"claimcheck-fuzz-{worker}-") as folder:
        workdir = Path(folder)
        for number in _numbers(settings, worker, deadline):
            item, texts = make_input(settings.seed, number, base_text, base_texts)
            _prepare(workdir, texts)
            args = runs[number % len(runs)]
            tally.inputs += 1
            tally.add(item, run(workdir, item.data, args, settings.timeout, settings.memory_mib))
    return tally


def _texts_beside(registry: Path) -> dict[str, str]:
    folder = registry.parent / "sources"
    if not folder.is_dir():
        return {}
    return {f"sources/{path.name}": path.read_text(encoding="utf-8") for path in folder.glob("*.txt")}


def _prepare(workdir: Path, texts: Mapping[str, str | bytes]) -> None:
    """A clean folder holding the input's source texts (and nothing a previous run left)."""
    for child in workdir.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for relative, text in texts.items():
        target = workdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def minimise_failure(failure: Failure, settings: Settings) -> bytes:
    """The smallest input, found by delta debugging, that fails the same command the same way."""
    _item, texts = make_input(settings.seed, failure.number, settings.base.read_text(encoding="utf-8"),
                              _texts_beside(settings.base))
    with tempfile.TemporaryDirectory(prefix="claimcheck-fuzz-min-") as folder:
        workdir = Path(folder)

        def still_fails(data: bytes) -> bool:
            _prepare(workdir, texts)
            return run(workdir, data, failure.args, settings.timeout, settings.memory_mib).failure == failure.kind

        return minimise(failure.data, still_fails)
