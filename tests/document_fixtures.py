"""Small documents made at test time: one short fictional article as a two-column PDF, a web page and JATS XML.

The PDF is set with fpdf2's built-in Helvetica: a title across the page, then
two columns whose lines are written row by row, left then right, so that the
PDF's own order of text interleaves the columns and only column-aware
reading gives the sentences whole. It holds a word hyphenated at a line end
(`mortal-` / `ity`), a superscript citation mark after a full stop
(`mortality.12`) and a table-free second page.
"""

from __future__ import annotations

from pathlib import Path

TITLE = "Halvorex and mortality in a fictional cohort"
LEFT = [
    "In this cohort of 412 adults, halvorex",
    "reduced all-cause mortal-",
    "ity by a third over two years.",
    "Deaths fell from 18% to 12% (hazard",
    "ratio 0.66, 95% CI 0.51 to 0.85).",
    "The effect was seen in all groups.",
]
RIGHT = [
    "Adverse events were rare and mild.",
    "Nausea was the most common side",
    "effect, reported by 4% of patients.",
    "No patient stopped treatment early",
    "because of harm.",
    "Larger trials are needed.",
]
#: A sentence that ends the first column with a superscript citation mark after its full stop.
CITED = "Similar results were seen in older adults."
SECOND_PAGE = "Funding came from a fictional foundation."

#: A registry quoting the article as `paper.pdf` beside it.
PDF_REGISTRY = """\
version: 1
sources:
  - id: paper
    title: The paper
    type: study
    design: cohort
    sample_size: 412
    path: paper.pdf
claims:
  - id: mortality
    statement: Halvorex and mortality
    evidence:
      - source: paper
        says: HR 0.66 (95% CI 0.51-0.85)
        quote: "hazard ratio 0.66, 95% CI 0.51 to 0.85"
"""


def article_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.set_xy(15, 15)
    pdf.cell(180, 8, TITLE)
    pdf.set_font("Helvetica", size=10)
    y = 35.0
    for left, right in zip(LEFT, RIGHT):
        pdf.set_xy(15, y)
        pdf.cell(85, 5, left)
        pdf.set_xy(110, y)
        pdf.cell(85, 5, right)
        y += 5
    pdf.set_xy(15, y)
    pdf.cell(pdf.get_string_width(CITED), 5, CITED)
    pdf.char_vpos = "SUP"
    pdf.cell(0, 5, "12")
    pdf.char_vpos = "LINE"
    pdf.add_page()
    pdf.set_xy(15, 15)
    pdf.cell(0, 5, SECOND_PAGE)
    pdf.output(str(path))
    return path


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Halvorex news</title>
<style>.x { color: red }</style><script>var tracking = "mortality fell by half";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/health">Health</a></nav>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all</div>
<main>
<article>
<h1>Halvorex cuts deaths by a third</h1>
<div class="share-buttons"><a href="#">Share on Facebook</a></div>
<p>In a cohort of 412 adults, halvorex reduced all-cause mortality by a third over two years.<sup>12</sup>
Deaths fell from 18%&nbsp;to 12% (hazard ratio 0.66, 95%&#8201;CI 0.51&ndash;0.85).</p>
<p>The \ufb01ndings were seen in all groups; the change was &minus;6 percentage points.</p>
<table><tr><th>Group</th><th>Deaths</th></tr><tr><td>Halvorex</td><td>12%</td></tr></table>
</article>
</main>
<footer>Copyright 2024 Example News</footer>
</body></html>
"""

ARTICLE_JATS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
<front><journal-meta><journal-title-group><journal-title>Journal of Fictional Medicine</journal-title></journal-title-group></journal-meta>
<article-meta><title-group><article-title>Halvorex and mortality in a fictional cohort</article-title></title-group>
<abstract><p>Halvorex reduced all-cause mortality by a third.</p></abstract></article-meta></front>
<body>
<sec><title>Methods</title><p>We followed 412 adults for two years.</p></sec>
<sec><title>Results</title>
<p>Deaths fell from 18% to 12% (hazard ratio 0.66, 95% CI 0.51 to 0.85).<sup><xref ref-type="bibr" rid="r1">12</xref></sup> The e\ufb00ect was seen in all groups.</p>
<table-wrap id="t1"><label>Table 1</label><caption><p>Deaths by group.</p></caption>
<table><thead><tr><th>Group</th><th>Deaths</th></tr></thead><tbody><tr><td>Halvorex</td><td>12%</td></tr>
<tr><td>Placebo</td><td>18%</td></tr></tbody></table></table-wrap>
<fig id="f1"><label>Figure 1</label><caption><p>Survival over two years.</p></caption></fig>
</sec>
</body>
<back><ref-list><ref id="r1"><mixed-citation>Someone A. An earlier fictional trial. 2020.</mixed-citation></ref></ref-list></back>
</article>
"""
