"""`claimcheck scan` on a generated corpus: documents per second, scaling, memory, and statcheck beside it.

    python benchmarks/scan_corpus.py --documents 500              # scan at --jobs 1 and 2, and statcheck
    python benchmarks/scan_corpus.py --documents 10000 --no-statcheck --jobs 1

The corpus is deterministic (seed 1): each document is about 40 KB of filler prose with 20 APA-style
test statistics (t, F, r, chi-square, z; about a fifth reported with a p that does not fit, a few of
those on the other side of .05). statcheck (Debian's r-cran-statcheck) is run with `Rscript` on the
same folder when it is installed; `--install-statcheck` installs it with apt-get first. Agreement is
counted on the statistics both tools extract, matched by document and statistic.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scipy import stats

FILLER = ("Participants completed the questionnaire in a quiet room and were thanked for their time. "
          "The procedure followed the protocol that the ethics committee approved before recruitment began. ")
STATCHECK_R = """
suppressMessages(library(statcheck))
files <- list.files("{folder}", pattern = "[.]txt$", full.names = TRUE)
texts <- vapply(files, function(f) paste(readLines(f, warn = FALSE, encoding = "UTF-8"), collapse = "\\n"), "")
names(texts) <- basename(files)
res <- statcheck(texts, messages = FALSE)
write.csv(res[, c("source", "raw", "error", "decision_error")], "{out}", row.names = FALSE)
"""


def _statistic(rng: random.Random) -> str:
    kind = rng.choice(("t", "F", "r", "chi2", "z"))
    if kind == "t":
        df = rng.randint(10, 200)
        value = round(rng.uniform(0.5, 4.0), 2)
        p = 2 * stats.t.sf(value, df)
        text = f"t({df}) = {value:.2f}"
    elif kind == "F":
        df1, df2 = rng.randint(1, 4), rng.randint(20, 200)
        value = round(rng.uniform(0.5, 12.0), 2)
        p = stats.f.sf(value, df1, df2)
        text = f"F({df1}, {df2}) = {value:.2f}"
    elif kind == "r":
        df = rng.randint(20, 300)
        value = round(rng.uniform(0.05, 0.6), 2)
        t = value * ((df / (1 - value**2)) ** 0.5)
        p = 2 * stats.t.sf(t, df)
        text = f"r({df}) = {value:.2f}"
    elif kind == "chi2":
        df = rng.randint(1, 5)
        value = round(rng.uniform(0.5, 20.0), 2)
        p = stats.chi2.sf(value, df)
        text = f"χ2({df}) = {value:.2f}"
    else:
        value = round(rng.uniform(0.5, 4.0), 2)
        p = 2 * stats.norm.sf(value)
        text = f"z = {value:.2f}"
    if rng.random() < 0.2:
        p = min(0.99, p * rng.choice((0.3, 0.5, 2.0, 3.0)))  # a p that does not fit
    reported = "p < .001" if p < 0.001 else f"p = {p:.3f}".replace("0.", ".")
    return f"{text}, {reported}"


def write_corpus(folder: Path, documents: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(documents):
        paragraphs = []
        for _ in range(20):
            paragraphs.append(FILLER * 9 + f"The effect was reliable, {_statistic(rng)}.")
        (folder / f"paper-{number:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, the command's own peak resident memory in MiB (from `os.wait4`), and its standard output."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, _status, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped here, not by Popen
    return time.monotonic() - started, usage.ru_maxrss / 1024, output


def scan(folder: Path, jobs: int) -> tuple[float, float, list[dict[str, str]]]:
    wall, peak, output = timed([sys.executable, "-m", "claimcheck", "scan", str(folder), "--jobs", str(jobs),
                                "--format", "csv", "--exit-zero", "-q"])
    return wall, peak, list(csv.DictReader(io.StringIO(output)))


def statcheck(folder: Path) -> tuple[float, list[dict[str, str]]] | None:
    if shutil.which("Rscript") is None:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "statcheck.csv"
        script = Path(scratch) / "run.R"
        script.write_text(STATCHECK_R.format(folder=folder, out=out), encoding="utf-8")
        started = time.monotonic()
        result = subprocess.run(["Rscript", str(script)], capture_output=True, text=True, check=False)
        wall = time.monotonic() - started
        if result.returncode != 0 or not out.exists():
            print(f"statcheck failed: {result.stderr.strip()[:500]}")
            return None
        with out.open(encoding="utf-8") as handle:
            return wall, list(csv.DictReader(handle))


def _key(document: str, statistic: str) -> tuple[str, str]:
    compact = "".join(statistic.replace("χ2", "chi2").replace("χ²", "chi2").split()).lower()
    return Path(document).stem, compact.split(",p")[0]


def agreement(ours: list[dict[str, str]], theirs: list[dict[str, str]]) -> str:
    mine = {_key(row["document"], row["statistic"]): row for row in ours}
    found = matched = same_error = same_decision = 0
    for row in theirs:
        found += 1
        key = _key(row["source"], row["raw"])
        if key not in mine:
            continue
        matched += 1
        same_error += (mine[key]["error"] == "TRUE") == (row["error"] == "TRUE")
        same_decision += (mine[key]["decision_error"] == "TRUE") == (row["decision_error"] == "TRUE")
    return (f"statcheck extracted {found:,}; scan found {matched:,} of them ({matched / max(found, 1):.1%}); "
            f"same consistency verdict on {same_error / max(matched, 1):.1%}, same decision-error verdict on "
            f"{same_decision / max(matched, 1):.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--no-statcheck", action="store_true")
    parser.add_argument("--install-statcheck", action="store_true")
    options = parser.parse_args()
    if options.install_statcheck and shutil.which("Rscript") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "r-cran-statcheck"], check=False)
    with tempfile.TemporaryDirectory(prefix="claimcheck-scan-") as scratch:
        folder = Path(scratch) / "corpus"
        write_corpus(folder, options.documents)
        rows: list[dict[str, str]] = []
        scan_walls = {}
        for jobs in options.jobs:
            wall, peak, rows = scan(folder, jobs)
            scan_walls[jobs] = wall
            print(f"scan --jobs {jobs}: {options.documents:,} documents in {wall:.1f} s "
                  f"({options.documents / wall:,.0f} documents/s), peak {peak:,.0f} MiB, {len(rows):,} statistics")
        if not options.no_statcheck:
            checked = statcheck(folder)
            if checked is None:
                print("statcheck: not installed (--install-statcheck installs Debian's r-cran-statcheck)")
            else:
                wall, theirs = checked
                one = scan_walls.get(1)
                ratio = f"; scan --jobs 1 is {wall / one:.1f} times faster" if one else ""
                print(f"statcheck: {options.documents:,} documents in {wall:.1f} s{ratio}")
                print(agreement(rows, theirs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
