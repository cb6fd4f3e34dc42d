"""Deterministic synthetic registries, with source texts, for the benchmarks.

`generate(folder, claims)` writes ``claims.yaml`` and ``sources/*.txt`` shaped
like a real registry: studies with designs and sample sizes; documents (news,
blogs, reviews, web pages) that cite them and have texts; 2-4 evidence entries
per claim, from distinct documents, in a mix of value kinds (`VALUE_KINDS`,
one line a kind); quotes that occur in the texts, some written with
typographic quotes and dashes, some broken across lines, some inside a
scraped table whose cell separators were lost ("Response rate (RR)37%The
next"); a few planted conflicts (accepted or not) and warnings. With
``errors=K`` it also plants K errors of each planted kind (a quote missing
from its text, a percentage that does not match its count, an unknown
source): `Planted` says how many of each, so a test can count the findings.

Run ``python benchmarks/generate.py FOLDER --claims N`` to write one by hand.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DESIGNS = ("rct", "cohort", "cohort", "case-control", "cross-sectional", "case-series", "meta-analysis")
DOCUMENT_TYPES = ("news", "news", "blog", "other", "review", "reference")
WORDS = ("isotretinoin", "azoospermia", "acne", "eczema", "retinoid", "sperm", "dose", "relapse", "response",
         "safety", "trial", "cohort", "patients", "treatment", "outcome", "follow-up", "therapy", "serum",
         "biopsy", "maturation", "arrest", "placebo", "remission", "lesion", "dermatitis", "fertility")
SUBJECTS = ("patients", "men", "women", "participants", "adolescents", "adults")
OUTCOMES = ("responded to treatment", "relapsed within a year", "reported dry skin", "regained motile sperm",
            "stopped treatment early", "reached clear skin", "had raised liver enzymes", "needed a second course")
TABLE_LABELS = ("Maturation Arrest (MA)", "Sertoli Cell Only (SCO)", "Response rate (RR)", "Relapse (RL)",
                "Hypospermatogenesis (HS)", "Dropout (DO)")


@dataclass(frozen=True)
class Entry:
    """One evidence entry as the generator plans it: what it says and the sentence it quotes."""

    says: str
    sentence: str
    quote: str | None = None  # the quote, when it differs from the sentence (a table cell's words)
    text_form: str | None = None  # how the text writes it, when that differs (a joined table cell)


@dataclass(frozen=True)
class Context:
    """What an entry's value may depend on: the claim's truth, and the study it reports (if one)."""

    truth: float
    sample_size: int | None


# A value kind: (name, weight, truth drawn for a claim, entry for a context, a conflicting truth or None).
ValueKind = tuple[str, int, Callable[[random.Random], float], Callable[[random.Random, Context], Entry],
                  Callable[[float], float] | None]


def _half_up(x: float) -> int:
    return int(x + 0.5)


def _count(rng: random.Random, context: Context) -> Entry:
    n = context.sample_size or rng.choice(range(100, 1001, 50))
    k = _half_up(context.truth * n / 100)
    subject, outcome = rng.choice(SUBJECTS), rng.choice(OUTCOMES)
    says = rng.choice((f"{k}/{n}", f"{k}/{n} ({_half_up(100 * k / n)}%)", f"{k} of {n}"))
    return Entry(says, f"Of the {n} {subject}, {k} ({_half_up(100 * k / n)}%) {outcome} during the study.")


def _percent(rng: random.Random, context: Context) -> Entry:
    percent = _half_up(context.truth)
    if context.sample_size:  # a document reporting one study gives that study's figure
        k = _half_up(context.truth * context.sample_size / 100)
        percent = _half_up(100 * k / context.sample_size)
    if rng.random() < 0.3:
        label = rng.choice(TABLE_LABELS)
        cell = f"{label} {percent}%"
        after = rng.choice(("The highest", "Total", "See note", "n/a"))
        return Entry(f"{percent}%", cell, quote=cell, text_form=f"{label}{percent}%{after}")
    says = rng.choice((f"{percent}%", f"about {percent}%", f"{percent}%"))
    return Entry(says, f"About {percent}% of {rng.choice(SUBJECTS)} {rng.choice(OUTCOMES)}, the authors report.")


def _percent_range(rng: random.Random, context: Context) -> Entry:
    low = max(0, _half_up(context.truth) - rng.randint(2, 6))
    high = min(100, _half_up(context.truth) + rng.randint(2, 6))
    return Entry(f"{low}-{high}%", f"Between {low}% and {high}% of {rng.choice(SUBJECTS)} {rng.choice(OUTCOMES)}.")


def _duration(rng: random.Random, context: Context) -> Entry:
    months = _half_up(context.truth)
    says, words = rng.choice(((f"{months} months", f"{months} months"),
                              (f"{months - 1}-{months + 1} months", f"{months - 1} to {months + 1} months"),
                              (f"about {months * 30} days", f"roughly {months * 30} days")))
    return Entry(says, f"Treatment usually lasts {words}, according to the guidance it follows.")


def _daily_dose(rng: random.Random, context: Context) -> Entry:
    mg = _half_up(context.truth)
    return Entry(f"{mg} mg/day", f"The usual daily dose was {mg} mg a day, taken with food.")


def _weight_dose(rng: random.Random, context: Context) -> Entry:
    dose = (0.25, 0.5, 1.0)[_half_up(context.truth) % 3]
    return Entry(f"{dose} mg/kg/day", f"Dosing started at {dose} mg/kg/day and rose when tolerated.")


def _word(rng: random.Random, context: Context) -> Entry:
    word = "most" if context.truth > 55 else "a third" if context.truth > 30 else "few"
    return Entry(word, f"In this series, {word} of the {rng.choice(SUBJECTS)} {rng.choice(OUTCOMES)}.")


def _number(rng: random.Random, context: Context) -> Entry:
    value = _half_up(context.truth)
    return Entry(str(value), f"The clinic recorded {value} referrals in the period under review.")


def _stance(rng: random.Random, context: Context) -> Entry:
    says = "yes" if context.truth >= 50 else "no"
    word = "does" if says == "yes" else "does not"
    return Entry(says, f"The evidence shows that the treatment {word} improve the outcome it was given for.")


VALUE_KINDS: tuple[ValueKind, ...] = (
    ("count", 30, lambda rng: rng.randint(5, 95), _count, lambda t: t + 40 if t < 50 else t - 40),
    ("percent", 20, lambda rng: rng.randint(5, 95), _percent, lambda t: t + 40 if t < 50 else t - 40),
    ("percent range", 8, lambda rng: rng.randint(15, 85), _percent_range, None),
    ("duration", 8, lambda rng: rng.randint(3, 12), _duration, None),
    ("daily dose", 6, lambda rng: rng.choice((10, 20, 40, 60, 80)), _daily_dose, None),
    ("weight-based dose", 4, lambda rng: rng.randint(0, 2), _weight_dose, None),
    ("quantifier word", 6, lambda rng: rng.randint(5, 95), _word, None),
    ("bare number", 4, lambda rng: rng.randint(10, 500), _number, None),
    ("stance", 14, lambda rng: rng.choice((20, 80)), _stance, lambda t: 100 - t),
)


@dataclass
class Planted:
    """How many of each planted thing the registry holds."""

    claims: int = 0
    entries: int = 0
    conflicts: int = 0
    accepted_conflicts: int = 0
    missing_designs: int = 0
    missing_quotes: int = 0
    percent_mismatches: int = 0
    unknown_sources: int = 0
    texts: int = 0
    text_bytes: int = 0
    kinds: dict[str, int] = field(default_factory=dict)


@dataclass
class _Source:
    id: str
    type: str
    cites: list[str]
    sample_size: int | None = None
    design: str | None = None
    has_text: bool = True
    sentences: list[str] = field(default_factory=list)


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _typographic(sentence: str) -> str:
    """Typographic quotes and dashes, which quote grounding folds to plain ones."""
    return "“" + sentence.replace("-", "–").replace("'", "’") + "”"


_SYLLABLES = ("ta", "re", "mon", "ci", "lo", "per", "sa", "dis", "ven", "ul", "ro", "gra", "te", "an", "is", "cor")
#: A vocabulary as varied as prose: the medical words, and 2,000 made-up ones.
VOCABULARY = WORDS + tuple(
    "".join(_SYLLABLES[(i >> shift) % len(_SYLLABLES)] for shift in range(0, 4 * (2 + i % 2), 4)) for i in range(2000))


def _filler(rng: random.Random) -> str:
    words = [rng.choice(VOCABULARY if rng.random() < 0.6 else WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _wrap(paragraph: str, width: int) -> str:
    lines, line = [], ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def _sources(rng: random.Random, claims: int) -> tuple[list[_Source], list[_Source]]:
    studies = [_Source(f"study-{i}", "study", [], rng.choice(range(100, 1001, 50)), rng.choice(DESIGNS),
                       has_text=i % 4 == 0) for i in range(max(4, claims // 20))]
    documents = []
    for i in range(max(3, claims // 10)):
        kind = rng.choice(DOCUMENT_TYPES)
        cited = rng.sample(studies, rng.choice((0, 1, 1, 1, 2))) if kind != "reference" else []
        design = "systematic-review" if kind == "review" else None
        documents.append(_Source(f"{kind}-{i}", kind, [s.id for s in cited], design=design))
    return studies, documents


def generate(folder: Path, claims: int, seed: int = 1, errors: int = 0) -> Planted:
    """Write claims.yaml and sources/ into folder; what was planted is returned."""
    rng = random.Random(seed)
    studies, documents = _sources(rng, claims)
    by_id = {s.id: s for s in studies + documents}
    quotable = [s for s in studies if s.has_text] + documents
    planted = Planted(claims=claims)
    weights = [kind[1] for kind in VALUE_KINDS]
    lines: list[str] = []
    for c in range(claims):
        kind = rng.choices(VALUE_KINDS, weights)[0]
        name, _weight, draw, make, conflicting = kind
        planted.kinds[name] = planted.kinds.get(name, 0) + 1
        truth = draw(rng)
        chosen = rng.sample(quotable, rng.randint(2, 4))
        conflict = conflicting is not None and rng.random() < 0.03
        accepted = conflict and rng.random() < 0.5
        lines += [f"  - id: claim-{c}",
                  (f"    statement: Share of {rng.choice(SUBJECTS)} on {rng.choice(WORDS)} who "
                   f"{rng.choice(OUTCOMES)} ({name} {c})"),
                  f"    tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]"]
        if accepted:
            lines += ["    accepted: conflict", "    note: The studies enrolled different populations."]
        planted.conflicts += conflict
        planted.accepted_conflicts += accepted
        lines.append("    evidence:")
        for position, source in enumerate(chosen):
            cited = rng.choice(source.cites) if source.cites else None
            root = by_id[cited] if cited else source if source.type == "study" else None
            value = conflicting(truth) if conflict and position == len(chosen) - 1 and conflicting else truth
            entry = make(rng, Context(value, root.sample_size if root is not None else None))
            lines += _entry_lines(rng, source, entry)
            if len(source.cites) > 1:  # which of the document's studies this statement reports
                lines.append(f"        cites: [{cited}]")
            planted.entries += 1
    planted_errors = _plant_errors(rng, lines, errors, planted, documents)
    for number, study in enumerate(studies):
        if number % 50 == 7:
            study.design = None  # warning CC211, planted
            planted.missing_designs += 1
    text = ["version: 1", "sources:"] + [line for s in studies + documents for line in _source_lines(s)]
    text += ["claims:"] + lines + planted_errors
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claims.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    _write_texts(rng, folder, studies + documents, planted)
    return planted


def generate_into(folder: str, claims: int) -> Planted:
    """`generate`, for a caller in another process (benchmarks/run.py)."""
    return generate(Path(folder), claims)


def _entry_lines(rng: random.Random, source: _Source, entry: Entry) -> list[str]:
    quote = entry.quote or entry.sentence
    if entry.text_form is not None:
        source.sentences.append(entry.text_form)
    elif rng.random() < 0.15:
        source.sentences.append(_typographic(entry.sentence))
    else:
        source.sentences.append(entry.sentence)
    if entry.quote is None and rng.random() < 0.2:  # quote a part of the sentence, eliding the middle
        words = quote.split(" ")
        quote = " ".join(words[:4]) + " ... " + " ".join(words[-3:]) if len(words) > 9 else quote
    says = entry.says if entry.says not in ("yes", "no") or rng.random() < 0.5 else _yaml_string(entry.says)
    return [f"      - source: {source.id}", f"        says: {says}", f"        quote: {_yaml_string(quote)}"]


def _plant_errors(rng: random.Random, lines: list[str], errors: int, planted: Planted,
                  documents: list[_Source]) -> list[str]:
    """Claims that each carry one planted error, `errors` of each kind."""
    extra: list[str] = []
    for i in range(errors):
        document = documents[i % len(documents)]
        document.sentences.append("Of the 300 men, 90 (30%) relapsed within a year during the study.")
        extra += [f"  - id: planted-error-{i}", "    statement: Planted errors", "    evidence:",
                  f"      - source: {document.id}", "        says: 90/300 (45%)",  # CC303
                  f"        quote: {_yaml_string('Of the 300 men, 90 (30%) relapsed')}",
                  f"      - source: {document.id}", "        says: 30%",
                  f"        quote: {_yaml_string('a sentence that the text does not hold ' + str(i))}",  # CC101
                  f"      - source: missing-source-{i}", "        says: 30%",  # CC207
                  f"        quote: {_yaml_string('anything')}"]
        planted.percent_mismatches += 1
        planted.missing_quotes += 1
        planted.unknown_sources += 1
    return extra


def _source_lines(source: _Source) -> list[str]:
    number = source.id.rsplit("-", 1)[1]
    lines = [f"  - id: {source.id}", f"    title: {source.type.capitalize()} {number}", f"    type: {source.type}"]
    if source.design is not None:
        lines.append(f"    design: {source.design}")
    if source.type == "study":
        lines += ["    peer_reviewed: true", "    published: 2024", f"    sample_size: {source.sample_size}"]
    if source.cites:
        lines.append(f"    cites: [{', '.join(source.cites)}]")
    if source.type == "news" and source.id.endswith(("3", "7")):
        lines.append("    flags: [ai-generated]")
    if source.has_text:
        lines.append(f"    path: sources/{source.id}.txt")
    return lines


def _write_texts(rng: random.Random, folder: Path, sources: list[_Source], planted: Planted) -> None:
    texts = folder / "sources"
    texts.mkdir(exist_ok=True)
    for source in sources:
        if not source.has_text:
            continue
        sentences = list(source.sentences)
        sentences += [_filler(rng) for _ in range(max(6, len(sentences)))]
        rng.shuffle(sentences)
        width = rng.choice((0, 72, 100))  # 0: one paragraph a line, as scraped from a web page
        paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
        body = "\n\n".join(_wrap(p, width) if width else p for p in paragraphs)
        data = f"{source.type.upper()} {source.id}\n\n{body}\n".encode()
        (texts / f"{source.id}.txt").write_bytes(data)
        planted.texts += 1
        planted.text_bytes += len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--errors", type=int, default=0, help="plant this many errors of each kind")
    args = parser.parse_args()
    print(generate(args.folder, args.claims, args.seed, args.errors))


if __name__ == "__main__":
    main()
