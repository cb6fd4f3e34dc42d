"""A text-only registry's start-up under two commits of claimcheck, in turn, as paired ratios.

Each commit's `src/` is taken with `git archive` into a folder of its own, and
`python -m claimcheck validate` runs on the bundled registry (64 claims over
text files, no PDF, web page or JATS source) from each in turn, with
PYTHONPATH naming that folder: A B A B ... after a warm-up pair. Prints the
median wall and CPU seconds of each and the medians of the paired ratios A/B
(with their range); pairing keeps a ratio fair when the machine's speed drifts.

    python benchmarks/startup_vs.py HEAD 682384c --pairs 31
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import CHILD_ENV, Run, run_once

ROOT = Path(__file__).resolve().parent.parent


def checkout(commit: str, folder: Path) -> Path:
    """The commit's src/ in folder (by `git archive`, leaving the working tree alone)."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def timed(source: Path, arguments: list[str]) -> Run:
    CHILD_ENV["PYTHONPATH"] = str(source)  # the environment run_once gives its child
    return run_once([sys.executable, "-m", "claimcheck", *arguments], ROOT, 60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", help="the commit measured (A)")
    parser.add_argument("b", help="the commit it is measured against (B)")
    parser.add_argument("--pairs", type=int, default=21)
    parser.add_argument("--command", default="validate", help="claimcheck's arguments (default: validate)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimcheck-startup-") as name:
        a, b = checkout(args.a, Path(name) / "a"), checkout(args.b, Path(name) / "b")
        command = args.command.split()
        pairs = [(timed(a, command), timed(b, command)) for _ in range(args.pairs + 1)][1:]
    print(f"`claimcheck {args.command}` on the bundled registry, {args.a} (A) against {args.b} (B), "
          f"{args.pairs} pairs after a warm-up\n")
    print("| | A s | B s | A/B wall (min-max) | A/B CPU (min-max) | exit A, B |\n|---|---|---|---|---|---|")
    wall = [x.wall / y.wall for x, y in pairs]
    cpu = [x.cpu / y.cpu for x, y in pairs]
    codes = ",".join(sorted({str(x.exit_code) for x, _ in pairs})), ",".join(sorted({str(y.exit_code) for _, y in pairs}))
    print(f"| median | {statistics.median(x.wall for x, _ in pairs):.3f} | "
          f"{statistics.median(y.wall for _, y in pairs):.3f} | **{statistics.median(wall):.2f}** "
          f"({min(wall):.2f}-{max(wall):.2f}) | **{statistics.median(cpu):.2f}** ({min(cpu):.2f}-{max(cpu):.2f}) "
          f"| {codes[0]}; {codes[1]} |")


if __name__ == "__main__":
    main()
