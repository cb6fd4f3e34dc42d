"""Inputs built to be slow or large, each answered in seconds and bounded memory (issues 8 and 11).

Each case writes a registry (and its texts) into a folder; the runner times
one command on it. `CASES` lists them, one line a case.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import OUTCOMES, SUBJECTS, _filler


@dataclass(frozen=True)
class Case:
    name: str
    label: str
    args: tuple[str, ...]
    build: Callable[[Path], None]
    #: Runs are stopped here, and the row says so.
    timeout: float = 120.0


def _outcome(rng: random.Random) -> str:
    return (f"Of the {rng.randint(100, 900)} {rng.choice(SUBJECTS)}, {rng.randint(1, 99)} "
            f"{rng.choice(OUTCOMES)} during the study.")


def _sentences(rng: random.Random, size: int, statement: Callable[[random.Random], str] = _outcome,
               share: float = 0.5) -> list[str]:
    """Sentences of about `size` characters in all: filler, and `statement`s in the given share."""
    sentences: list[str] = []
    total = 0
    while total < size:
        sentence = statement(rng) if share and rng.random() >= 1 - share else _filler(rng)
        sentences.append(sentence)
        total += len(sentence) + 1
    return sentences


def _paragraphs(sentences: list[str]) -> str:
    return "\n".join(" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5))


def _write(folder: Path, text: str, claims: list[str], source: str = "big") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / f"{source}.txt").write_text(text, encoding="utf-8")
    header = ["version: 1", "sources:", f"  - id: {source}", "    title: A large document", "    type: other",
              f"    path: sources/{source}.txt", "claims:"]
    (folder / "claims.yaml").write_text("\n".join(header + claims) + "\n", encoding="utf-8")


def _claim(number: int, says: str, quote: str, source: str = "big") -> list[str]:
    return [f"  - id: claim-{number}", f"    statement: Claim {number}", "    evidence:",
            f"      - source: {source}", f"        says: {says}", f"        quote: {json.dumps(quote)}"]


def missing_quotes(folder: Path, size: int = 5_000_000, misses: int = 2_000) -> None:
    """A text of `size` characters and `misses` quotes not in it, each a sentence of it with one word changed."""
    rng = random.Random(5)
    sentences = _sentences(rng, size)
    text = _paragraphs(sentences)
    claims: list[str] = []
    for number in range(misses):
        words = rng.choice(sentences).split()
        words[rng.randrange(len(words))] = "altered"
        claims += _claim(number, "30%", " ".join(words))
    _write(folder, text, claims)


def large_text(folder: Path, size: int = 20_000_000, quotes: int = 200) -> None:
    """A text of `size` characters, every quote found in it: the cost of holding a text."""
    rng = random.Random(6)
    sentences = _sentences(rng, size)
    text = _paragraphs(sentences)
    claims: list[str] = []
    for number in range(quotes):
        claims += _claim(number, "30%", rng.choice(sentences))
    _write(folder, text, claims)


def many_entries(folder: Path, entries: int = 2_000, kind: str = "percent") -> None:
    """One claim with `entries` entries from as many studies, each stating a value of its own."""
    rng = random.Random(7)
    lines = ["version: 1", "sources:"]
    for number in range(entries):
        lines += [f"  - id: study-{number}", f"    title: Study {number}", "    type: study", "    design: cohort",
                  f"    sample_size: {1000 + number}"]
    lines += ["claims:", "  - id: crowded", "    statement: A claim every study states", "    evidence:"]
    for number in range(entries):
        if kind == "stance":
            says = rng.choice(("yes", "no"))
        elif kind == "count":
            n = 1000 + number
            says = f"{round(n * rng.uniform(0.2, 0.4))}/{n}"
        else:
            says = f"{10 + number * 40 / entries:.3f}%"
        lines += [f"      - source: study-{number}", f"        says: {json.dumps(says)}",
                  f"        quote: \"reported {number}\""]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claims.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def two_source_stances(folder: Path, entries: int = 2_000) -> None:
    """One claim with `entries` stance entries, yes, no and uncertain in turn, from two studies (issue 23):
    `conflicts` lists a pair of groups per two values, never every pair of their entries."""
    lines = ["version: 1", "sources:"]
    for number in (1, 2):
        lines += [f"  - id: study-{number}", f"    title: Study {number}", "    type: study", "    design: cohort"]
    lines += ["claims:", "  - id: crowded", "    statement: A claim two studies state often", "    evidence:"]
    stances = ("yes", "no", "uncertain")
    for number in range(entries):
        lines += [f"      - source: study-{1 + number % 2}", f"        says: {stances[number % 3]}",
                  f"        quote: \"reported {number}\""]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claims.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


#: Sentences dense with the forms `claimcheck extract` finds, for the extraction case.
_STATEMENTS = (
    "In all, {k} out of {n} patients ({p}%) responded after 3 to 6 months.",
    "About {p}% of men reported dry lips; fewer than 10% stopped treatment.",
    "Most patients took 20 mg twice a day for up to 9 months.",
    "The risk ratio was 0.{r} (95% CI 0.{lo} to 0.{hi}), p = 0.03.",
    "The study involved {n} women, and {k} of them were followed for 74 days.",
    "Its long-term safety remains unknown and it should not be used in pregnancy.",
)


def prose_text(folder: Path, size: int = 5_000_000) -> None:
    """A text of `size` characters of prose without a single value: what every scan costs at least."""
    _write(folder, _paragraphs(_sentences(random.Random(9), size, share=0.0)), [])


def _statement(rng: random.Random) -> str:
    n = rng.randint(20, 900)
    k = rng.randint(1, n)
    return rng.choice(_STATEMENTS).format(k=k, n=n, p=round(100 * k / n), r=rng.randint(50, 69),
                                          lo=rng.randint(30, 49), hi=rng.randint(70, 99))


def dense_text(folder: Path, size: int = 5_000_000) -> None:
    """A text of `size` characters where about every other sentence states a value: the cost of `extract`."""
    _write(folder, _paragraphs(_sentences(random.Random(8), size, _statement)), [])


CASES: tuple[Case, ...] = (
    Case("missing-quotes", "5 MB text, 2,000 quotes missing from it: `validate`", ("validate", "{registry}"),
         missing_quotes),
    Case("large-text", "20 MB text, 200 quotes found: `validate`", ("validate", "{registry}"), large_text),
    Case("entries-percent", "1 claim, 2,000 entries of distinct percentages from 2,000 studies: `conflicts`",
         ("conflicts", "{registry}"), many_entries),
    Case("entries-percent-show", "the same: `show crowded`", ("show", "crowded", "{registry}"), many_entries),
    Case("entries-percent-3000", "1 claim, 3,000 entries of distinct percentages from 3,000 studies: `conflicts`",
         ("conflicts", "{registry}"), lambda folder: many_entries(folder, 3_000)),
    Case("entries-stance", "1 claim, 10,000 yes/no entries from 10,000 studies: `conflicts`",
         ("conflicts", "{registry}"), lambda folder: many_entries(folder, 10_000, "stance")),
    Case("entries-count", "1 claim, 2,000 counts k/n from 2,000 studies: `conflicts`",
         ("conflicts", "{registry}"), lambda folder: many_entries(folder, 2_000, "count")),
    Case("two-sources-2000", "1 claim, 2,000 yes/no/uncertain entries from 2 studies: `conflicts`",
         ("conflicts", "{registry}"), two_source_stances),
    Case("two-sources-10000", "1 claim, 10,000 yes/no/uncertain entries from 2 studies: `conflicts --format json`",
         ("conflicts", "--format", "json", "{registry}"), lambda folder: two_source_stances(folder, 10_000)),
    Case("extract-prose", "5 MB text of prose without values: `extract --format json`",
         ("extract", "big", "--registry", "{registry}", "--format", "json"), prose_text),
    Case("extract-dense", "5 MB text, a value in every other sentence (65,000 candidates): `extract --format json`",
         ("extract", "big", "--registry", "{registry}", "--format", "json"), dense_text),
)


def build_case(name: str, folder: str) -> None:
    """Write the case called `name` into folder (for benchmarks/run.py, in a process of its own)."""
    next(case for case in CASES if case.name == name).build(Path(folder))
