"""The text a reader sees, from what a document's layer of text holds.

Applied to every extracted document (not to plain text files, read as they are):

- ligatures (`ﬁ`, `ﬂ`, …) spelled out; soft hyphens and zero-width characters dropped;
- non-breaking, thin and other spaces made plain spaces; the minus sign made `-`;
- a word hyphenated at a line end that the PDF marks as such (PDFium's soft
  hyphen, U+0002) joined: `mortal-` / `ity` reads `mortality`;
- superscript digits stuck to a number (`0.83²³`) or to a word's punctuation
  (`mortality.¹²`) dropped, being citation marks; a power of ten (`10⁹`) and a
  unit (`cm²`) are kept;
- in PDF text, a lower-case word broken by a hyphen at a line end (`mortal-` /
  `ity`) joined (`mortality`, the rest of the word moved up a line), unless
  the document elsewhere writes that word with its hyphen (`long-term`), which
  marks a compound, not a break;
- in PDF text, citation numbers stuck to a word's closing punctuation
  (`mortality.12 The`, `risk,3,4 and`) dropped: plain text never glues a number
  to a full stop or comma after a word.
"""

from __future__ import annotations

import re

_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
                                 "\u205f\u3000"), " ")
_DROPPED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\x02"), None)
_TABLE: dict[int, str | None] = {**_LIGATURES, **_SPACES, **_DROPPED, ord("\u2212"): "-", ord("\r"): None}
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_RUN = f"[{_SUPERSCRIPTS}][{_SUPERSCRIPTS}⁻,–-]*"
#: Superscript digits after a decimal number, or after a word's punctuation: citation marks.
_SUPER_CITATION = re.compile(rf"(?<=\d\.\d)(\d*){_SUPER_RUN}|(?<=[^\W\d_][.,;:)]){_SUPER_RUN}")
#: PDF: a citation number glued to the punctuation after a lower-case word, then a space or line end.
_GLUED_CITATION = re.compile(r"(?<=[a-z]{2}[.,;:])\d{1,3}(?:[,–-]\d{1,3})*(?=[ \n]|$)")


#: PDF: a line that ends in a lower-case word part and a hyphen; the next line's first word.
_BROKEN_END = re.compile(r"(?<![^\W\d_])([a-z]+)-$")
_NEXT_WORD = re.compile(r"[a-z]+")


def _join_broken_words(text: str) -> str:
    lines = text.split("\n")
    for number in range(len(lines) - 1):
        end = _BROKEN_END.search(lines[number])
        rest = _NEXT_WORD.match(lines[number + 1])
        if end is None or rest is None:
            continue
        first, second = end.group(1), rest.group(0)
        if f"{first}-{second}" in text or text.count(f"{first}-\n{second}") > 1:
            continue  # a compound the document writes with its hyphen elsewhere
        lines[number] = lines[number][:-1] + second
        lines[number + 1] = lines[number + 1][len(second):].lstrip(" ")
    return "\n".join(lines)


def reader_text(text: str, pdf: bool = False) -> str:
    """The text with the repairs of the module docstring."""
    text = text.replace("\x02\r\n", "").replace("\x02\n", "").translate(_TABLE)
    text = _SUPER_CITATION.sub(lambda match: match.group(1) or "", text)
    if pdf:
        text = _GLUED_CITATION.sub("", _join_broken_words(text))
    return text
