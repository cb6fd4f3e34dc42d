"""An element tree (lxml) as lines of text: blocks on their own lines, table cells apart, skipped parts left out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from claimcheck.registry.documents.base import Deadline, DocumentProblem
from claimcheck.registry.documents.repair import reader_text

#: Nesting deeper than this is refused rather than walked (a hostile document).
MAX_DEPTH = 400


@dataclass
class Lines:
    """Text built line by line, with where each section's title starts."""

    parts: list[str] = field(default_factory=list)
    sections: list[tuple[int, str]] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.parts)

    def line(self) -> int:
        return 1 + sum(part.count("\n") for part in self.parts)

    def add(self, text: str | None) -> None:
        if text and text.isspace() and (not self.parts or self.parts[-1].endswith("\n")):
            return  # white space between blocks
        if text:
            self.parts.append(" ".join(text.split("\n")) if "\n" in text else text)

    def end_line(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")


@dataclass(frozen=True)
class Rules:
    """How a tree reads: which elements are skipped, which are blocks, which are cells; tags are local names."""

    skip: Callable[[Any, str], bool]
    blocks: frozenset[str]
    cells: frozenset[str]
    title: Callable[[Any, str], bool] = lambda element, tag: False


def local(tag: object) -> str:
    """An element's tag without its namespace ('' for comments and processing instructions)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def walk(element: Any, rules: Rules, out: Lines, depth: int = 0) -> None:
    """Append the element's text (not its tail) to `out`."""
    if depth > MAX_DEPTH:
        raise RecursionError
    tag = local(element.tag)
    if not tag or rules.skip(element, tag):
        return
    block = tag in rules.blocks
    if block:
        out.end_line()
    if rules.title(element, tag):
        out.sections.append((out.line(), " ".join("".join(element.itertext()).split())))
    out.add(element.text)
    for child in element:
        walk(child, rules, out, depth + 1)
        out.add(child.tail)
    if tag in rules.cells:
        out.add("\t")
    elif tag == "br":
        out.parts.append("\n")
    if block:
        out.end_line()


def tidy(text: str) -> tuple[str, list[int]]:
    """Lines stripped of white space at their ends, runs of spaces made one, no more than one blank line in a row.

    Also gives, for each line of `text` (index 0 for line 1), the line of the tidy text it became.
    """
    kept: list[str] = []
    moved: list[int] = []
    for line in text.split("\n"):
        line = " ".join(line.replace("\t", " ").split())
        if line or (kept and kept[-1]):
            kept.append(line)
        moved.append(max(len(kept), 1))
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) + ("\n" if kept else ""), moved


def gathered(read: Callable[[Lines], None], deadline: Deadline,
             empty: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The text a reader sees of what `read` writes, with its sections; `DocumentProblem` for elements nested
    too deeply to walk, or for no text at all (`empty` says what that means for the format)."""
    out = Lines()
    try:
        read(out)
    except RecursionError:
        raise DocumentProblem("nests its elements too deeply to be read") from None
    deadline.check("after gathering its text")
    text, sections = finish(out)
    text = reader_text(text)
    if not text.strip():
        raise DocumentProblem(empty)
    return text, sections


def finish(out: Lines) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The tidy text of `out`, with its section titles moved to the tidy text's lines."""
    text, moved = tidy(out.text())
    sections = tuple((moved[min(line, len(moved)) - 1], title) for line, title in out.sections if title)
    return text, sections
