"""Benchmark: fully validating a 10,000-claim registry vs. PyYAML's C loader merely loading it.

The target (issue 2): validation in under half the time `yaml.load(text, CSafeLoader)` takes.
Run: python benchmarks/bench_validate.py [--claims N] [--repeat R]
Times are the best of R runs (the least disturbed by other load on the machine).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import yaml

from claimcheck.validate import validate_file

WORDS = ("isotretinoin", "azoospermia", "response", "dose", "duration", "safety", "acne", "eczema")
VALUES = ("{k}/{n}", "{k}/{n} ({pct}%)", "{pct}%", "about {pct}%", "{k} months", "3-6 months", "up to {k} months",
          "{k} mg/day", "0.5 mg/kg/day", "most", "yes", "no", "over {k} years")


def make_registry(claims: int, sources: int = 200, seed: int = 1) -> str:
    """A synthetic registry of the given size, valid, in the style of claims.yaml."""
    rng = random.Random(seed)
    lines = ["version: 1", "sources:"]
    for i in range(sources):
        lines += [f"  - id: study-{i}", f"    title: Study {i} of {rng.choice(WORDS)}", "    type: study",
                  "    design: cohort", "    peer_reviewed: true", "    published: 2024",
                  f"    sample_size: {100 + i}"]
    for i in range(sources):
        lines += [f"  - id: news-{i}", f"    title: News {i}", "    type: news", f"    cites: [study-{i}]",
                  "    flags: [ai-generated]"]
    lines.append("claims:")
    for c in range(claims):
        template = VALUES[c % len(VALUES)]
        lines += [f"  - id: claim-{c}", f"    statement: Statement {c} about {rng.choice(WORDS)} and its effects",
                  f"    tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]", "    evidence:"]
        for _ in range(3):
            k, n = rng.randint(1, 30), 30
            says = template.format(k=k, n=n, pct=round(100 * k / n))
            if "/" in template:
                k, n = 11, 30
                says = template.format(k=k, n=n, pct=37)
            source = rng.choice(("study", "news"))
            lines += [f"      - source: {source}-{rng.randint(0, sources - 1)}",
                      f"        says: {says}",
                      f'        quote: "In trial {c}, {k} out of {n} men responded to the treatment"']
    return "\n".join(lines) + "\n"


def best_of(repeat: int, action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = make_registry(args.claims)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.yaml"
        path.write_text(text, encoding="utf-8")
        validation = validate_file(path)
        errors = validation.errors
        assert not errors, errors[:3]
        load = best_of(args.repeat, lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        check = best_of(args.repeat, lambda: validate_file(path))
    print(f"registry: {args.claims} claims, {len(text) / 1e6:.1f} MB")
    print(f"yaml.load (CSafeLoader):   {load:.3f} s")
    print(f"claimcheck validate:       {check:.3f} s  ({check / load:.2f} of the load time; target < 0.50)")


if __name__ == "__main__":
    main()
