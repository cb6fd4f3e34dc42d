"""Validating a registry of PDFs: cold, with the cache being filled, and cached, against the same texts as files.

Writes N two-page PDFs with fpdf2 (deterministic: fictional articles whose
numbers depend on their index), a registry with one source and one claim per
PDF (its quote from page 2), and the same registry over the PDFs' texts as
`.txt` files, which is the floor: reading text files is what a cached run should
cost. Then runs, in turn, each a whole process, `--repeat` rounds after one
warm-up:

- the text registry (the floor);
- the PDF registry with `--no-cache` (every PDF parsed);
- the PDF registry with an emptied cache (every PDF parsed, and its entry written);
- the PDF registry again, its cache full.

Prints a Markdown table: median seconds, the median of the paired ratios to
the floor (with their range), pages per second, peak memory.

    python benchmarks/documents.py                  # 200 PDFs, 3 rounds
    python benchmarks/documents.py --pdfs 50 --repeat 1
    python benchmarks/documents.py --pdfs 1 --pages 300   # one long PDF

`--pages` sets each PDF's length: the first page opens the article, the last
holds its effect (and the quote), the pages between are filler text.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import Run, claimcheck, run_once

PAGES = 2
#: Filler paragraphs on each page between the first and the last.
FILLER_PER_PAGE = 4
SOURCE = """\
  - id: paper-{n}
    title: Fictional article {n}
    type: study
    design: cohort
    sample_size: {size}
    path: {path}
"""
CLAIM = """\
  - id: claim-{n}
    statement: The effect of treatment {n}
    evidence:
      - source: paper-{n}
        says: HR {hr} (95% CI {low}-{high})
        quote: "hazard ratio {hr}, 95% CI {low} to {high}"
"""


def _paragraphs(n: int) -> list[str]:
    filler = ("Participants were recruited from fictional clinics and followed for two years; outcomes were "
              "recorded by staff who did not know the allocation. ") * 6
    return [f"Fictional article {n}: treatment {n} and mortality", filler,
            f"We followed {400 + n} adults. " + filler, filler,
            "Deaths fell (hazard ratio {}, 95% CI {} to {}). ".format(*_effect(n)) + filler]


def _effect(n: int) -> tuple[str, str, str]:
    """A hazard ratio and its 95% interval, centred on it on the log scale."""
    ratio = 0.60 + (n % 30) / 100
    return f"{ratio:.2f}", f"{ratio / 1.3:.2f}", f"{ratio * 1.3:.2f}"


def write_pdf(path: Path, n: int, pages: int = PAGES) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    paragraphs = _paragraphs(n)
    for page in range(pages):
        pdf.add_page()
        if page == 0:
            shown = paragraphs[:-1]
        elif page == pages - 1:
            shown = paragraphs[-2:]
        else:
            shown = [f"Page {page + 1}. " + paragraphs[1]] * FILLER_PER_PAGE
        for paragraph in shown:
            pdf.multi_cell(0, 5, paragraph)
            pdf.ln(2)
    if pdf.page != pages:
        raise SystemExit(f"{path}: {pdf.page} pages written, {pages} meant; shorten FILLER_PER_PAGE")
    pdf.output(str(path))


def generate(folder: Path, count: int, pages: int = PAGES) -> None:
    """The PDF registry in folder/pdf, the text registry in folder/text."""
    from claimcheck.registry.documents import extract

    for kind in ("pdf", "text"):
        (folder / kind / "sources").mkdir(parents=True, exist_ok=True)
    sources = {"pdf": [], "text": []}
    claims = []
    for n in range(count):
        pdf = folder / "pdf" / "sources" / f"paper-{n}.pdf"
        write_pdf(pdf, n, pages)
        (folder / "text" / "sources" / f"paper-{n}.txt").write_text(extract(pdf.name, pdf.read_bytes()).text,
                                                                     encoding="utf-8")
        for kind, suffix in (("pdf", "pdf"), ("text", "txt")):
            sources[kind].append(SOURCE.format(n=n, size=400 + n, path=f"sources/paper-{n}.{suffix}"))
        hr, low, high = _effect(n)
        claims.append(CLAIM.format(n=n, hr=hr, low=low, high=high))
    for kind in ("pdf", "text"):
        (folder / kind / "claims.yaml").write_text(
            "version: 1\nsources:\n" + "".join(sources[kind]) + "claims:\n" + "".join(claims), encoding="utf-8")


def _round(folder: Path) -> dict[str, Run]:
    base = [*claimcheck(), "validate", "-q", "--no-color"]
    cache = folder / "pdf" / ".claimcheck-cache"
    runs = {"text files (the floor)": run_once([*base, "--no-cache"], folder / "text", 600),
            "PDFs, --no-cache": run_once([*base, "--no-cache"], folder / "pdf", 600)}
    shutil.rmtree(cache, ignore_errors=True)
    runs["PDFs, cache empty (filled)"] = run_once(base, folder / "pdf", 600)
    runs["PDFs, cached"] = run_once(base, folder / "pdf", 600)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", type=int, default=200)
    parser.add_argument("--pages", type=int, default=PAGES, help="pages of each PDF (at least 2)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.pages < 2:
        parser.error("--pages must be at least 2")
    with tempfile.TemporaryDirectory(prefix="claimcheck-documents-") as name:
        folder = Path(name)
        generate(folder, args.pdfs, args.pages)
        rounds = [_round(folder) for _ in range(args.repeat + 1)][1:]  # the first is a warm-up
    pages = args.pdfs * args.pages
    floor = "text files (the floor)"
    print(f"{args.pdfs} PDFs of {args.pages} pages ({pages} pages), {args.repeat} rounds after a warm-up\n")
    print("| run | s | ratio to text files (min-max) | pages/s | peak MB | exit |\n|---|---|---|---|---|---|")
    for label in rounds[0]:
        wall = statistics.median(r[label].wall for r in rounds)
        ratios = [r[label].wall / r[floor].wall for r in rounds]
        codes = ",".join(sorted({str(r[label].exit_code) for r in rounds}))
        rate = "" if label == floor else f"{pages / wall:,.0f}"
        print(f"| {label} | {wall:.2f} | **{statistics.median(ratios):.2f}** ({min(ratios):.2f}-{max(ratios):.2f}) "
              f"| {rate} | {max(r[label].peak_mb for r in rounds):.0f} | {codes} |")


if __name__ == "__main__":
    main()
