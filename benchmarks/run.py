"""The benchmark runner: each command as a whole process, as a ratio to PyYAML merely loading the file.

For each size, a registry is generated (benchmarks/generate.py) and each
command of `COMMANDS` is run in turn with the floor, ``yaml.load(f,
Loader=yaml.CSafeLoader)`` of the same file in a process of its own: floor,
command, floor, command... Each pair gives a ratio of wall-clock times (and one
of CPU times); the median of the pairs is quoted, with its range, so that a
machine whose speed drifts still gives a fair figure. Peak memory is each
process's own maximum resident set (``os.wait4``). Output is Markdown, ready
for benchmarks/README.md.

    python benchmarks/run.py                      # 1k and 10k claims, start-up, pathological inputs
    python benchmarks/run.py --sizes 100000       # the opt-in 100k run
    python benchmarks/run.py --million            # the opt-in 1M-claim validate
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import pathological
from benchmarks.generate import Planted

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ("-c", "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)",
         "{registry}")
IMPORT_FLOOR = ("-c", "import click, yaml, pydantic, rich")
#: The registry size at which the ratio targets hold (issue 8: 10k claims with texts, every check on).
TARGET_SIZE = 10_000


@dataclass(frozen=True)
class Command:
    """A claimcheck command line to time; `{registry}` and `{claim}` are filled in."""

    name: str
    args: tuple[str, ...]
    #: The target ratio to the floor at `TARGET_SIZE` claims, if the issue sets one.
    target: float | None = None


#: The commands timed at every size: one line a command.
COMMANDS: tuple[Command, ...] = (
    Command("validate", ("validate", "{registry}"), target=0.4),
    Command("conflicts", ("conflicts", "{registry}"), target=0.5),
    Command("list --format json", ("list", "--format", "json", "{registry}"), target=0.5),
    Command("show", ("show", "{claim}", "{registry}")),
    Command("extract", ("extract", "{text_source}", "--registry", "{registry}")),
)


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    exit_code: int


@dataclass(frozen=True)
class Row:
    """One command against its floor, over several pairs of runs."""

    label: str
    runs: tuple[Run, ...]
    floor_runs: tuple[Run, ...]
    target: float | None = None

    @property
    def ratios(self) -> list[float]:
        return [run.wall / floor.wall for run, floor in zip(self.runs, self.floor_runs)]

    @property
    def cpu_ratios(self) -> list[float]:
        return [run.cpu / floor.cpu for run, floor in zip(self.runs, self.floor_runs)]

    def markdown(self) -> str:
        ratios, cpu = self.ratios, self.cpu_ratios
        wall = statistics.median(run.wall for run in self.runs)
        floor = statistics.median(run.wall for run in self.floor_runs)
        peak = max(run.peak_mb for run in self.runs)
        floor_peak = max(run.peak_mb for run in self.floor_runs)
        verdict = "" if self.target is None else (
            "met" if statistics.median(ratios) <= self.target else f"missed (target {self.target})")
        codes = sorted({run.exit_code for run in self.runs})
        return (f"| {self.label} | {wall:.2f} | {floor:.2f} | **{statistics.median(ratios):.2f}** "
                f"({min(ratios):.2f}-{max(ratios):.2f}) | {statistics.median(cpu):.2f} | {peak:.0f} | "
                f"{floor_peak:.0f} | {','.join(map(str, codes))} | {verdict} |")


HEADER = ("| what | s | floor s | ratio (min-max) | CPU ratio | peak MB | floor peak MB | exit | target |\n"
          "|---|---|---|---|---|---|---|---|---|")


def claimcheck() -> list[str]:
    """How to start claimcheck: its console script beside this Python, else `python -m claimcheck`."""
    script = Path(sys.executable).with_name("claimcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimcheck"]


def build(function: str, *args: object) -> Any:
    """Call a builder of benchmarks/ in a process of its own and return what it returns (as JSON).

    The runner stays small, since a child's peak memory counts the memory of the
    process it was forked from.
    """
    module, name = function.rsplit(".", 1)
    code = (f"import dataclasses, json, sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
            f"from {module} import {name}; result = {name}(*json.loads(sys.argv[1])); "
            "print(json.dumps(dataclasses.asdict(result) if dataclasses.is_dataclass(result) else result))")
    arguments = json.dumps([str(arg) if isinstance(arg, Path) else arg for arg in args])
    output = subprocess.run([sys.executable, "-c", code, arguments], check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


#: The children's environment. Python's compiled modules are written and used, as they are for
#: anyone who installed claimcheck: where PYTHONDONTWRITEBYTECODE is set, every run would also
#: compile every module of claimcheck that changed since its files were last compiled.
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_once(argv: Sequence[str], cwd: Path, timeout: float) -> Run:
    """Run a process to its end; its own CPU time and peak memory come from wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.002)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here; stop Popen waiting again
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def paired(label: str, command: Sequence[str], floor: Sequence[str], cwd: Path, repeat: int,
           target: float | None = None, timeout: float = 600.0, warmup: int = 1) -> Row:
    """Floor and command in turn, `warmup` pairs first."""
    runs, floors = [], []
    for turn in range(repeat + warmup):
        floor_run = run_once(floor, cwd, timeout)
        command_run = run_once(command, cwd, timeout)
        if turn >= warmup:
            runs.append(command_run)
            floors.append(floor_run)
    return Row(label, tuple(runs), tuple(floors), target)


def fill(args: Sequence[str], values: dict[str, str]) -> list[str]:
    return [arg.format(**values) for arg in args]


def first_text(registry: Path) -> str:
    """The id of the registry's first source with a text (the generator names each text after its source)."""
    with registry.open(encoding="utf-8") as lines:
        found = next(match for line in lines if (match := re.match(r"\s*path: sources/(\S+)\.txt", line)))
    return found[1]


def size_rows(claims: int, folder: Path, repeat: int, commands: Sequence[Command] = COMMANDS,
              report: Callable[[str], None] = print, warmup: int = 1) -> list[Row]:
    """Generate a registry of `claims` claims in folder and time each command against the floor."""
    planted = Planted(**build("benchmarks.generate.generate_into", folder, claims))
    registry = folder / "claims.yaml"
    text = first_text(registry)
    values = {"registry": str(registry), "claim": f"claim-{claims // 2}",
              "text": str(folder / "sources" / f"{text}.txt"), "text_source": text}
    size_mb = registry.stat().st_size / 1e6
    report(f"\n{claims:,} claims: {size_mb:.1f} MB of YAML, {planted.entries:,} evidence entries, "
           f"{planted.texts:,} source texts ({planted.text_bytes / 1e6:.1f} MB)\n")
    report(HEADER)
    floor = [sys.executable, *fill(FLOOR, values)]
    rows = []
    for command in commands:
        target = command.target if claims == TARGET_SIZE else None
        row = paired(f"{claims // 1000}k `{command.name}`", [*claimcheck(), *fill(command.args, values)],
                     floor, folder, repeat, target, warmup=warmup)
        report(row.markdown())
        rows.append(row)
    return rows


def startup_rows(repeat: int, report: Callable[[str], None] = print) -> list[Row]:
    """The bundled registry's validate against importing its four libraries; --version and --help."""
    report("\nStart-up (the bundled registry; floor: `python -c \"import click, yaml, pydantic, rich\"`)\n")
    report(HEADER)
    floor = [sys.executable, *IMPORT_FLOOR]
    rows = [paired("`validate` (bundled)", [*claimcheck(), "validate", "claims.yaml"], floor, ROOT, repeat, 1.3),
            paired("`--version`", [*claimcheck(), "--version"], floor, ROOT, repeat),
            paired("`--help`", [*claimcheck(), "--help"], floor, ROOT, repeat)]
    for row in rows:
        report(row.markdown())
    return rows


def pathological_rows(folder: Path, repeat: int, report: Callable[[str], None] = print) -> list[Row]:
    """Inputs built to be slow: each against the floor of loading its registry."""
    report("\nPathological inputs (floor: loading each registry with the C loader)\n")
    report(HEADER)
    rows = []
    for case in pathological.CASES:
        case_folder = folder / case.name
        build("benchmarks.pathological.build_case", case.name, case_folder)
        floor = [sys.executable, *fill(FLOOR, {"registry": str(case_folder / "claims.yaml")})]
        command = [*claimcheck(), *fill(case.args, {"registry": str(case_folder / "claims.yaml")})]
        row = paired(case.label, command, floor, case_folder, repeat, timeout=case.timeout, warmup=0)
        if any(run.wall >= case.timeout for run in row.runs):
            row = Row(f"{case.label} (stopped at {case.timeout:.0f} s)", row.runs, row.floor_runs)
        report(row.markdown())
        rows.append(row)
    return rows


def million(folder: Path, report: Callable[[str], None] = print) -> Run:
    """`validate` on 1,000,000 claims, once: the floor would take as long again, so it is not run."""
    planted = Planted(**build("benchmarks.generate.generate_into", folder, 1_000_000))
    registry = folder / "claims.yaml"
    result = run_once([*claimcheck(), "validate", str(registry)], folder, 3600)
    report(f"\n1,000,000 claims ({registry.stat().st_size / 1e6:.0f} MB of YAML, {planted.texts:,} texts of "
           f"{planted.text_bytes / 1e6:.0f} MB): `validate` {result.wall:.0f} s wall, {result.cpu:.0f} s CPU, "
           f"peak {result.peak_mb:,.0f} MB, exit {result.exit_code}")
    return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    import yaml

    return (f"{date.today()}, {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
            f"(libyaml: {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="claims per registry, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="counted pairs of runs per row (after a warm-up)")
    parser.add_argument("--warmup", type=int, default=1, help="pairs of runs not counted, first")
    parser.add_argument("--commands", help="only these of the table, comma-separated (e.g. validate,conflicts)")
    parser.add_argument("--million", action="store_true", help="only `validate` on 1,000,000 claims, no floor")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--no-pathological", action="store_true")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    print(f"Command: python benchmarks/run.py {' '.join(sys.argv[1:])}".rstrip())
    folder = args.keep or Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    try:
        if args.million:
            million(folder / "1000000")
            return
        commands = [c for c in COMMANDS if args.commands is None or c.name.split()[0] in args.commands.split(",")]
        if not args.no_startup:
            startup_rows(max(args.repeat, 5))
        for size in (int(size) for size in args.sizes.split(",") if size):
            size_rows(size, folder / str(size), args.repeat, commands, warmup=args.warmup)
        if not args.no_pathological:
            pathological_rows(folder / "pathological", max(1, args.repeat // 2))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
