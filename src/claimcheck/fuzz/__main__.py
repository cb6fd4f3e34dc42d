"""`python -m claimcheck.fuzz`: run a fuzzing campaign and print what it found (docs/reliability.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimcheck.fuzz.campaign import Settings, Tally, all_runs, campaign, minimise_failure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcheck.fuzz", description=__doc__)
    parser.add_argument("--seed", type=int, default=1, help="Inputs are made from the seed and their number.")
    parser.add_argument("--count", type=int, help="How many inputs to try (default: 1000 unless --time is given).")
    parser.add_argument("--time", type=float, help="Stop after this many seconds.")
    parser.add_argument("--workers", type=int, default=2, help="Processes running inputs at once.")
    parser.add_argument("--timeout", type=float, default=20.0, help="A run's time limit, in seconds.")
    parser.add_argument("--memory", type=int, default=2048, help="A run's memory limit, in MiB.")
    parser.add_argument("--registry", type=Path, default=Path("claims.yaml"),
                        help="The valid registry to mutate, with its sources/ beside it.")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"),
                        help="Where each failing input is saved, minimised.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args(argv)
    if not args.registry.is_file():
        parser.error(f"{args.registry}: no such file; give --registry")
    count = args.count if args.count is not None or args.time is not None else 1000
    settings = Settings(args.seed, count, args.time, args.workers, args.timeout, args.memory, args.registry)
    tally = campaign(settings)
    saved = _save_failures(tally, settings, args.out)
    print(json.dumps(_figures(tally, settings, saved), indent=2) if args.json else _table(tally, settings, saved))
    return 1 if tally.failures else 0


def _save_failures(tally: Tally, settings: Settings, folder: Path) -> list[str]:
    saved = []
    for failure in tally.failures[:50]:
        folder.mkdir(parents=True, exist_ok=True)
        data = minimise_failure(failure, settings)
        name = f"seed{settings.seed}-input{failure.number}-{failure.kind.replace(' ', '-')}.yaml"
        (folder / name).write_bytes(data)
        saved.append(f"{folder / name}: claimcheck {' '.join(failure.args)} ({failure.kind}: {failure.detail})")
    return saved


def _figures(tally: Tally, settings: Settings, saved: list[str]) -> dict[str, object]:
    kinds = {"traceback": 0, "time limit": 0, "finding outside the file": 0}
    bad_exits = 0
    for failure in tally.failures:
        if failure.kind.startswith("exit code"):
            bad_exits += 1
        else:
            kinds[failure.kind] = kinds.get(failure.kind, 0) + 1
    return {
        "seed": settings.seed, "workers": settings.workers, "inputs": tally.inputs, "runs": tally.runs,
        "command_and_format_pairs": len(all_runs()), "tracebacks": kinds["traceback"], "bad_exit_codes": bad_exits,
        "over_time_limit": kinds["time limit"], "findings_outside_the_file": kinds["finding outside the file"],
        "worst_seconds": round(tally.worst_seconds, 3), "worst_seconds_input": tally.worst_seconds_input,
        "peak_memory_mib": round(tally.peak_kib / 1024, 1), "peak_memory_input": tally.peak_input,
        "exit_codes": dict(sorted(tally.exits.items())), "rejected_by_kind": dict(tally.rejected.most_common()),
        "failures_saved": saved,
    }


def _table(tally: Tally, settings: Settings, saved: list[str]) -> str:
    figures = _figures(tally, settings, saved)
    rows = [f"{key.replace('_', ' ')}: {value}" for key, value in figures.items() if key != "failures_saved"]
    rows += [f"failure: {line}" for line in saved]
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
