"""Documents for the fuzzing harness: a source's text set as a PDF, a web page or JATS XML, then damaged.

The documents are written here, by hand, with no library: a PDF of Helvetica
lines (pages, a cross-reference table), a web page wrapped in navigation, a
script and a cookie banner, and a JATS article with a section, a table and
references. Unharmed, each gives back the text it was made from, so that the
registry's quotes are found and every later stage runs; damaged, each must give
a finding (CC104) or a text, never a traceback nor a hang. Every document and
mutation is a function of the random generator it is given.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from html import escape

#: Lines of text on a PDF page, characters on a line.
_PAGE_LINES, _LINE_CHARS = 50, 80


def _wrapped(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > _LINE_CHARS:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return lines or [""]


def _pdf_string(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def as_pdf(text: str) -> bytes:
    """The text as a PDF: Helvetica, 50 lines a page, with its cross-reference table."""
    lines = _wrapped(text)
    pages = [lines[start:start + _PAGE_LINES] for start in range(0, len(lines), _PAGE_LINES)][:20]
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for page in pages:
        content = b"BT /F1 10 Tf 12 TL 50 800 Td " + b" ".join(_pdf_string(line) + b" Tj T*" for line in page) + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


def as_html(text: str) -> bytes:
    """The text as the main content of a web page, among the parts a reader does not read."""
    paragraphs = "\n".join(f"<p>{escape(line)}<sup>1</sup></p>" for line in text.splitlines())
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Page</title><script>var x = "1/2";</script>'
            f'</head>\n<body><nav><a href="/">Home</a></nav><div class="cookie-banner">We use cookies</div>\n'
            f"<main><article><h1>Article</h1>\n{paragraphs}\n<table><tr><td>a</td><td>1%</td></tr></table>"
            f"</article></main><footer>Footer</footer></body></html>\n").encode()


def as_jats(text: str) -> bytes:
    """The text as the body of a JATS article, with a title, a table, a figure and references."""
    paragraphs = "\n".join(f'<p>{escape(line)}<sup><xref ref-type="bibr" rid="r1">1</xref></sup></p>'
                           for line in text.splitlines())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<article article-type="research-article"><front><article-meta>'
            "<title-group><article-title>Article</article-title></title-group></article-meta></front>\n"
            f"<body><sec><title>Results</title>\n{paragraphs}\n"
            "<table-wrap><label>Table 1</label><table><tr><td>a</td><td>1%</td></tr></table></table-wrap>"
            "<fig><caption><p>A figure.</p></caption></fig></sec></body>\n"
            '<back><ref-list><ref id="r1"><mixed-citation>A reference.</mixed-citation></ref></ref-list></back>'
            "</article>\n").encode()


#: Each format: how a text is set in it.
FORMATS: dict[str, Callable[[str], bytes]] = {"pdf": as_pdf, "html": as_html, "jats": as_jats}


# ------------------------------------------------------------------- mutations of bytes

ByteMutation = Callable[[random.Random, bytes], bytes]
#: The first bytes (the format's signature) are left alone by most mutations, so the damage reaches the parser.
_HEAD = 16


def _place(rng: random.Random, raw: bytes) -> int:
    return rng.randrange(min(_HEAD, len(raw)), len(raw) + 1)


def flip_bytes(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 30)):
        if len(data) > _HEAD:
            data[rng.randrange(_HEAD, len(data))] = rng.randrange(256)
    return bytes(data)


def cut(rng: random.Random, raw: bytes) -> bytes:
    return raw[:_place(rng, raw)]


def delete_span(rng: random.Random, raw: bytes) -> bytes:
    start = _place(rng, raw)
    return raw[:start] + raw[start + rng.randint(1, 400):]


def repeat_span(rng: random.Random, raw: bytes) -> bytes:
    start = _place(rng, raw)
    span = raw[start:start + rng.randint(1, 400)]
    return raw[:start] + span * rng.randint(2, 50) + raw[start:]


def insert_junk(rng: random.Random, raw: bytes) -> bytes:
    start = _place(rng, raw)
    return raw[:start] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 200))) + raw[start:]


_NUMBER = re.compile(rb"\d+")


def change_number(rng: random.Random, raw: bytes) -> bytes:
    """A number of the document's structure (a length, an offset, an object number, a count) made another."""
    numbers = list(_NUMBER.finditer(raw, min(_HEAD, len(raw))))
    if not numbers:
        return raw
    chosen = rng.choice(numbers)
    old = chosen.group()
    shifted = str(int(old) + rng.randint(-3, 3)).encode() if len(old) < 12 else b"7"
    new = rng.choice((b"0", b"-1", b"1", b"99999999999999999999", shifted))
    return raw[:chosen.start()] + new + raw[chosen.end():]


def nest_deeply(rng: random.Random, raw: bytes) -> bytes:
    """Markup or PDF arrays nested thousands deep at a random place."""
    start = _place(rng, raw)
    depth = rng.choice((500, 5_000, 50_000))
    opening, closing = rng.choice(((b"<div>", b"</div>"), (b"<sec>", b"</sec>"), (b"[", b"]"), (b"<<", b">>")))
    return raw[:start] + opening * depth + closing * rng.choice((0, depth)) + raw[start:]


def splice_markup(rng: random.Random, raw: bytes) -> bytes:
    """A piece that has broken parsers: an entity, a DOCTYPE, an encrypted dictionary, a stream without an end."""
    piece = rng.choice((b"<!ENTITY a \"aaaa\">&a;&a;", b"<!DOCTYPE x SYSTEM \"http://example.org/x.dtd\">",
                        b"&#0;&#xD800;&unknown;", b"<![CDATA[", b"<sup>", b"</article>", b"<?xml version=\"9\"?>",
                        b"/Encrypt << /Filter /Standard /V 1 /R 2 >>", b"stream\n\xff\xfe", b"/Filter /FlateDecode",
                        b"\x00" * 64, "\u202e\ufeff\u00ad".encode()))
    start = _place(rng, raw)
    return raw[:start] + piece + raw[start:]


BYTE_MUTATIONS: tuple[ByteMutation, ...] = (flip_bytes, cut, delete_span, repeat_span, insert_junk, change_number,
                                            nest_deeply, splice_markup)


def damaged_document(rng: random.Random, text: str) -> tuple[bytes, str]:
    """The text set in a format the generator picks, then damaged by up to three mutations (sometimes none)."""
    kind = rng.choice(sorted(FORMATS))
    raw = FORMATS[kind](text)
    how = f"document:{kind}"
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        mutation = rng.choice(BYTE_MUTATIONS)
        raw = mutation(rng, raw)
        how += f"+{mutation.__name__}"
    return raw, how
