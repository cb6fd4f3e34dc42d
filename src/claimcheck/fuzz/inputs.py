"""The inputs the harness tries: valid registries to start from, and the ways to break them.

Every input is a function of (seed, number), so a run is reproducible and a
failing input can be made again from its number alone.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

#: Every form of the `says` language (docs/format.md), to put in registries whole and mangled.
SAYS_FORMS = (
    "11/30", "11/30 (37%)", "11 of 30", "11 out of 30", "37%", "37.5%", "30-40%", "30 to 40%", "<10%", "<=10%",
    ">50%", ">=50%", "about 1%", "~1%", "most", "majority", "minority", "over half", "under half", "half",
    "a third", "two thirds", "about half", "over a third", "all", "none", "nearly all", "few", "some",
    "very common", "common", "uncommon", "rare", "very rare", "40 mg/day", "40 mg a day", "10 mg daily",
    "280 mg/week", "0.5 mg/kg/day", "0.5 mg per kg per day", "20 mg", "74 days", "3-6 months", "up to 9 months",
    "over 20 years", "at least 3 months", "30", "1,000", "3-6", "yes", "no", "uncertain", "true", "unknown",
    "RR 0.83 (95% CI 0.75-0.93), p = 0.03", "OR 1.5", "HR 0.71 (0.60–0.84), p=.04", "aHR 0.71",
    "adjusted RR 0.83 (95% CI: 0.75 to 0.93); P<0.001", "IRR 1.2 [1.0, 1.4]", "rate ratio 0.83",
    "MD -2.1 mmHg (95% CI -3.0 to -1.2)", "RD -2.8 pp", "-2.8 percentage points", "ARR 2.8 pp", "NNT 25",
    "NNH 40 (95% CI 20 to 100)", "reduced by 18%", "cut deaths by a third", "halved", "doubled", "2-fold",
    "increased by 20%", "no difference", "no significant difference", "482/2104 vs 1110/4321",
    "482/2104 (22.9%) vs 1110/4321 (25.7%)", "p = 0.04", "p < .05", "P=0.001", "NS", "significant",
    "not significant", "t(28) = 2.20, p = .04", "F(2, 57) = 3.10, p = .05", "chi2(1) = 4.20, p = .04",
    "χ2(1) = 4.20, p = .04", "r(48) = .30, p = .03", "z = 1.96, p = .05", "t(28) = 2.20, p = .02, one-tailed",
    "M = 3.48, SD = 1.20, n = 25", "M = 3.48, SD = 1.20, n = 25, items = 3",
)
#: Forms that one claim may hold together (docs/format.md: values of one claim are of one kind).
FAMILIES: tuple[tuple[str, ...], ...] = (
    ("11/30", "11/30 (37%)", "37%", "30-40%", "over a third", "some", "a third", "about 40%"),
    ("74 days", "3-6 months", "up to 9 months", "at least 3 months"),
    ("40 mg/day", "40 mg a day", "280 mg/week"),
    ("yes", "no", "uncertain"),
    ("482/2104 vs 1110/4321", "RR 0.89 (95% CI 0.81 to 0.98), p = 0.02", "reduced by 11%", "significant",
     "HR 0.71 (0.60–0.84)", "p = 0.04"),
    ("M = 3.48, SD = 1.19, n = 25", "M = 3.5, SD = 1.2, n = 30"),
)


def _readable_families() -> list[tuple[str, ...]]:
    """The families whose forms this claimcheck's value language reads (so generated registries are valid)."""
    from claimcheck.values import reads

    return [kept for family in FAMILIES if (kept := tuple(s for s in family if reads(s)))]


#: Values that have broken parsers before, or could.
HOSTILE_VALUES: tuple[Any, ...] = (
    "1e400", "1.0e400", "-1e400", "nan", ".inf", "0/0", "-3/10", "3/-10", "1" + "0" * 309 + "/1",
    "about 1" + "0" * 400 + " mg", "1" * 4301, 10**40, -5, 0, 1.5, True, None, [], {}, "", " ", "\x00",
    "[/]", "[link=https://example.org]x[/link]", "\x1b[31mred\x1b[0m", "\n::error file=a::b", "<script>x</script>",
    "％", "١١/٣٠", "11⁄30", "11 / 30 (37 %)", "37%%", "--", "RR", "RR (95% CI)", "p =", "t() = ,",
)
CONFUSABLES = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "i": "і"}  # Cyrillic look-alikes
TAGS = ("!!python/object/apply:os.system ['true']", "!!binary aGk=", "!!timestamp 2025-01-01", "!!set {a, b}",
        "!custom x", "!!int x", "!!float 1e400")


@dataclass(frozen=True)
class Input:
    """One input: the registry's bytes and how it was made."""

    number: int
    data: bytes
    how: str


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(data: Any, width: int) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=width)


# ------------------------------------------------------------- valid registries

def generated_registry(rng: random.Random) -> tuple[str, dict[str, str]]:
    """A small valid registry and the texts of its sources: (claims.yaml text, {relative path: text})."""
    studies = [f"study-{i}" for i in range(rng.randint(1, 3))]
    documents = [f"doc-{i}" for i in range(rng.randint(1, 4))]
    texts: dict[str, str] = {}
    sources: list[dict[str, Any]] = []
    for study in studies:
        sources.append({"id": study, "title": f"Study {study}", "type": "study",
                        "design": rng.choice(("rct", "cohort", "case-series")), "sample_size": rng.randint(10, 500)})
    claims: list[dict[str, Any]] = []
    sentences: dict[str, list[str]] = {document: [] for document in documents}
    families = _readable_families()
    for number in range(rng.randint(1, 6)):
        family = rng.choice(families)
        evidence = []
        for _ in range(rng.randint(1, 4)):
            document = rng.choice(documents)
            says = rng.choice(family)
            sentence = f"In claim {number} the document {document} says {says} plainly."
            sentences[document].append(sentence)
            evidence.append({"source": document, "says": says, "quote": sentence})
        claims.append({"id": f"claim-{number}", "statement": f"Statement {number}", "evidence": evidence})
    for document in documents:
        path = f"sources/{document}.txt"
        texts[path] = "\n".join(sentences[document] or ["Nothing here."]) + "\n"
        sources.append({"id": document, "title": f"Document {document}", "type": rng.choice(("news", "blog", "other")),
                        "cites": rng.sample(studies, rng.randint(0, len(studies))), "path": path})
    registry = {"version": 1, "sources": sources, "claims": claims}
    return _dump(registry, width=120), texts


# ------------------------------------------------------------------- mutations

Mutation = Callable[[random.Random, str], "bytes | str"]


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def delete_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "".join(lines)


def duplicate_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return "".join(lines)


def swap_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def tab_indent(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    lines[index] = "\t" + lines[index].lstrip(" ")
    return "".join(lines)


def bom_and_crlf(rng: random.Random, text: str) -> bytes:
    data = text.replace("\n", "\r\n") if rng.random() < 0.5 else text.replace("\n", "\r")
    return ("\ufeff" if rng.random() < 0.5 else "").encode() + data.encode("utf-8", "surrogateescape")


def invalid_utf8(rng: random.Random, text: str) -> bytes:
    data = bytearray(text.encode("utf-8", "surrogateescape"))
    position = rng.randrange(len(data) + 1)
    data[position:position] = rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"))
    return bytes(data)


def nul_byte(rng: random.Random, text: str) -> str:
    position = rng.randrange(len(text) + 1)
    return text[:position] + "\x00" + text[position:]


def flip_byte(rng: random.Random, text: str) -> bytes:
    data = bytearray(text.encode("utf-8", "surrogateescape"))
    if data:
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def insert_punctuation(rng: random.Random, text: str) -> str:
    position = rng.randrange(len(text) + 1)
    return text[:position] + rng.choice("-:[]{}&*!|>'\"#?,%@`\u0085\u2028\u2029") + text[position:]


def replace_a_value(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if ": " in line]
    if not candidates:
        return text
    index = rng.choice(candidates)
    key, _sep, _value = lines[index].partition(": ")
    value = rng.choice((*SAYS_FORMS, *(str(v) for v in HOSTILE_VALUES), *TAGS, "&anchor x", "*anchor", "<<: *x",
                        "|", ">-", "[", "{a: 1", "'unterminated", '"\\x"'))
    lines[index] = f"{key}: {value}\n"
    return "".join(lines)


def indent(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    lines[index] = (" " * rng.choice((1, 2, 4)) + lines[index]) if rng.random() < 0.5 else lines[index].lstrip()
    return "".join(lines)


def alias_bomb(rng: random.Random, text: str) -> str:
    levels = rng.randint(3, 12)
    bomb = ["bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"bomb{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return text + "\n".join(bomb) + "\n"


def deep_nesting(rng: random.Random, text: str) -> str:
    depth = rng.choice((50, 70, 1000, 100_000))
    return text + "deep: " + "[" * depth + "]" * depth + "\n"


def huge_scalar(rng: random.Random, text: str) -> str:
    size = rng.choice((100_001, 1_000_000, 10_000_000))
    return text.replace("statement: ", f"statement: {'x' * size} ", 1) if "statement: " in text else text + f"x: {'y' * size}\n"


def merge_keys(rng: random.Random, text: str) -> str:
    return ("defaults: &defaults {type: news, title: Default}\n"
            + text.replace("  - id: ", "  - <<: *defaults\n    id: ", rng.randint(1, 3)))


TEXT_MUTATIONS: tuple[Mutation, ...] = (
    delete_line, duplicate_line, swap_lines, truncate, tab_indent, bom_and_crlf, invalid_utf8, nul_byte, flip_byte,
    insert_punctuation, replace_a_value, indent, alias_bomb, deep_nesting, huge_scalar, merge_keys,
)


# --------------------------------------------------------- structure-aware mutations

def _walk(node: Any, found: list[tuple[Any, Any]]) -> None:
    if isinstance(node, dict):
        for key in list(node):
            found.append((node, key))
            _walk(node[key], found)
    elif isinstance(node, list):
        for index in range(len(node)):
            found.append((node, index))
            _walk(node[index], found)


def mutate_structure(rng: random.Random, data: Any) -> tuple[Any, str]:
    """One change to the registry's data: a key deleted or retyped, an id duplicated, a value mangled..."""
    places: list[tuple[Any, Any]] = []
    _walk(data, places)
    if not places:
        return data, "empty"
    container, key = rng.choice(places)
    kind = rng.choice(("delete", "retype", "hostile", "says", "quote", "says-and-quote", "duplicate-id", "cycle",
                       "confusable", "path", "nest", "negative"))
    if kind == "delete" and isinstance(container, dict):
        del container[key]
    elif kind == "retype":
        value = container[key]
        container[key] = rng.choice(([value], {"x": value}, str(value), 12345, None, True, 1.5))
    elif kind == "hostile":
        container[key] = rng.choice(HOSTILE_VALUES)
    elif kind == "says":
        _set_all(data, "says", lambda: _mangled(rng, rng.choice(SAYS_FORMS)), rng)
    elif kind == "quote":
        _change_all(data, "quote", lambda quote: _mangled_quote(rng, quote), rng)
    elif kind == "says-and-quote":  # each independently: a says that no longer fits its quote, and the reverse
        _change_all(data, "says", lambda says: _mangled(rng, str(says)) if rng.random() < 0.5 else says, rng)
        _change_all(data, "quote", lambda quote: _mangled_quote(rng, quote) if rng.random() < 0.5 else quote, rng)
    elif kind == "duplicate-id":
        for section in ("sources", "claims"):
            items = data.get(section) if isinstance(data, dict) else None
            if isinstance(items, list) and len(items) > 1 and all(isinstance(i, dict) for i in items[:2]):
                items[1]["id"] = items[0].get("id")
    elif kind == "cycle":
        sources = data.get("sources") if isinstance(data, dict) else None
        if isinstance(sources, list) and len(sources) > 1 and all(isinstance(s, dict) for s in sources[:2]):
            sources[0]["cites"] = [sources[1].get("id")]
            sources[1]["cites"] = [sources[0].get("id")]
    elif kind == "confusable":
        value = container[key]
        if isinstance(value, str):
            container[key] = "".join(CONFUSABLES.get(c, c) if rng.random() < 0.3 else c for c in value)
    elif kind == "path":
        _set_all(data, "path", lambda: rng.choice(("../outside.txt", "/etc/hostname", "/dev/zero", "a:b.txt",
                                                   "x" * 300, "a\x00b", "sources", "C:\\x.txt", "loop")), rng)
    elif kind == "nest":
        value = container[key]
        for _ in range(rng.randint(2, 80)):
            value = [value]
        container[key] = value
    elif kind == "negative":
        _set_all(data, "sample_size", lambda: rng.choice((-1, 0, 10**30, 1.5)), rng)
    return data, kind


def _set_all(data: Any, field: str, make: Callable[[], Any], rng: random.Random) -> None:
    places: list[tuple[Any, Any]] = []
    _walk(data, places)
    for container, key in places:
        if key == field and rng.random() < 0.5:
            container[key] = make()


def _change_all(data: Any, field: str, change: Callable[[Any], Any], rng: random.Random) -> None:
    places: list[tuple[Any, Any]] = []
    _walk(data, places)
    for container, key in places:
        if key == field and rng.random() < 0.5:
            container[key] = change(container[key])


#: What a quote is mangled with: elisions of every spelling, joined words, numbers, negations, stray marks.
_QUOTE_PIECES = ("...", "…", "[...]", "[…]", " ... ", "", " not ", " no ", "11 of 30", "(37%)", "0·83", "−",
                 "\n\n", "\u00ad", "ﬁ", "\u200b", " ", "%")


def _mangled_quote(rng: random.Random, quote: Any) -> Any:
    """A quote with pieces inserted, words joined or a number changed, as a careless copy would leave it."""
    if not isinstance(quote, str) or not quote:
        return quote
    chars = list(quote)
    for _ in range(rng.randint(1, 3)):
        position = rng.randrange(len(chars) + 1)
        action = rng.random()
        if action < 0.5:
            chars[position:position] = list(rng.choice(_QUOTE_PIECES))
        elif action < 0.75 and " " in chars:
            del chars[chars.index(" ")]  # two words joined
        elif chars:
            chars[min(position, len(chars) - 1)] = rng.choice("0123456789")
    return "".join(chars)


def _mangled(rng: random.Random, says: str) -> str:
    chars = list(says)
    for _ in range(rng.randint(0, 3)):
        action = rng.random()
        position = rng.randrange(len(chars) + 1)
        if action < 0.4 and chars:
            del chars[min(position, len(chars) - 1)]
        elif action < 0.8:
            chars.insert(position, rng.choice("0123456789.,-–()%/ pvsCI=<>e"))
        elif chars:
            chars[min(position, len(chars) - 1)] = rng.choice("0123456789")
    return "".join(chars)


# ------------------------------------------------------------------ the inputs

#: Share of inputs whose first source's text is set as a PDF, web page or JATS article, and damaged.
DOCUMENT_SHARE = 0.3


def make_input(seed: int, number: int, base: str,
               texts: dict[str, str]) -> tuple[Input, dict[str, str | bytes]]:
    """Input `number` of a campaign: a mutated bundled (`base`) or generated registry, and its texts.

    In `DOCUMENT_SHARE` of inputs, one source's text is given as a document
    (`fuzz/documents.py`), whole or damaged; its choice has a generator of its
    own, so the registries of a seed are those it gave before documents were added.
    """
    item, plain = _registry_input(seed, number, base, texts)
    files: dict[str, str | bytes] = dict(plain)
    rng = random.Random(f"{seed}:{number}:document")
    if files and rng.random() < DOCUMENT_SHARE:
        from claimcheck.fuzz.documents import damaged_document

        path = "sources/doc-0.txt" if "sources/doc-0.txt" in plain else rng.choice(sorted(plain))
        files[path], how = damaged_document(rng, plain[path])
        item = Input(item.number, item.data, f"{item.how}+{how}")
    return item, files


def _registry_input(seed: int, number: int, base: str, texts: dict[str, str]) -> tuple[Input, dict[str, str]]:
    rng = random.Random(f"{seed}:{number}")
    if rng.random() < 0.5:
        text, how = base, "bundled"
    else:
        text, texts = generated_registry(rng)
        how = "generated"
    if rng.random() < 0.4:
        try:
            data = yaml.load(text, Loader=_LOADER)
            data, kind = mutate_structure(rng, data)
            text = _dump(data, width=10_000)
            how += f"+structure:{kind}"
        except (yaml.YAMLError, RecursionError, ValueError):
            pass
    result: bytes | str = text
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        mutation = rng.choice(TEXT_MUTATIONS)
        current = result.decode("utf-8", "surrogateescape") if isinstance(result, bytes) else result
        result = mutation(rng, current)
        how += f"+{mutation.__name__}"
    data_bytes = result if isinstance(result, bytes) else result.encode("utf-8", "surrogateescape")
    return Input(number, data_bytes, how), texts
