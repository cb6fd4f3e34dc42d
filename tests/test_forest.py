"""The forest plot: its content read back from the SVG (rows, weights, diamonds, the scale), and `plot`."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claimcheck.formats.forest import Scale
from conftest import ROOT, invoke

EXAMPLE = str(ROOT / "examples" / "halvorex" / "claims.yaml")
SVG = "{http://www.w3.org/2000/svg}"

FOUR_STUDIES = """\
version: 1
sources:
  - {id: trial-a, title: A, type: study, design: rct}
  - {id: trial-b, title: B, type: study, design: rct}
  - {id: trial-c, title: C, type: study, design: rct}
  - {id: trial-d, title: D, type: study, design: rct}
  - {id: review, title: R, type: news, cites: [trial-a]}
claims:
  - id: deaths
    statement: Drug lowers deaths
    evidence:
      - {source: trial-a, says: 10/100 vs 24/100, quote: "a"}
      - {source: trial-b, says: 12/100 vs 13/100, quote: "b"}
      - {source: trial-c, says: "RR 0.60 (95% CI 0.45 to 0.80)", quote: "c"}
      - {source: trial-d, says: 30/200 vs 28/200, quote: "d"}
      - {source: review, says: 10/100 vs 24/100, quote: "a"}
  - id: pressure
    statement: Drug lowers pressure
    evidence:
      - {source: trial-a, says: "MD -4.1 mmHg (95% CI -6.0 to -2.2)", quote: "a"}
      - {source: trial-b, says: "MD -1.0 mmHg (95% CI -3.5 to 1.5)", quote: "b"}
      - {source: trial-c, says: "MD -2.5 mmHg (95% CI -4.0 to -1.0)", quote: "c"}
"""


def plot(*args: str) -> ET.Element:
    result = invoke("plot", *args)
    assert result.exit_code == 0, result.output
    return ET.fromstring(result.stdout)


def axis(svg: ET.Element) -> tuple[str, list[tuple[float, float]]]:
    """The axis's scale and its ticks as (value, x)."""
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "axis")
    ticks = [(float(t.get("data-value", "nan")), float(t.get("x1", "nan")))
             for t in group.iter(f"{SVG}line") if t.get("class") == "tick"]
    return group.get("data-scale", ""), ticks


def value_at(x: float, ticks: list[tuple[float, float]], log: bool) -> float:
    """Read a position back as a value through the axis's own ticks (so the scale itself is checked)."""
    (v1, x1), (v2, x2) = ticks[0], ticks[-1]
    t = (lambda v: math.log(v)) if log else (lambda v: v)
    value = t(v1) + (x - x1) * (t(v2) - t(v1)) / (x2 - x1)
    return math.exp(value) if log else value


def diamond(svg: ET.Element, kind: str) -> tuple[float, float, float]:
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == f"pooled {kind}")
    polygon = next(group.iter(f"{SVG}polygon"))
    xs = [float(p.split(",")[0]) for p in polygon.get("points", "").split()]
    return xs[0], xs[1], xs[2]  # left end, centre, right end


def test_the_worked_example_plot_reads_back_its_rows_weights_diamonds_and_scale() -> None:
    svg = plot("stroke-risk", EXAMPLE)
    assert svg.get("width") == "780"
    rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "study"]
    assert [g.get("data-study") for g in rows] == ["halo-0", "halo-1-report"]
    texts = [[t.text for t in g.iter(f"{SVG}text")] for g in rows]
    # one row per study, the repeats of HALO-1 in three documents collapsed and named
    assert texts[0] == ["halo-0", "daily-imaginary", "0.79 [0.54, 1.15]", "5.8%"]
    assert texts[1] == ["halo-1-report", "halo-1-report, imaginary-pharma-release, daily-imaginary",
                        "0.89 [0.81, 0.98]", "94.2%"]
    # weights by hand: 1/var of each log RR (tau² = 0): 1/0.1018 = 9.82 and 1/0.00616 = 162.4 -> 5.7%, 94.3%
    weights = [float(g.get("data-weight", "nan")) for g in rows]
    assert weights == pytest.approx([5.75, 94.25], abs=0.05)
    # the squares' areas follow the weights
    sides = [float(next(g.iter(f"{SVG}rect")).get("width", "nan")) for g in rows]
    assert sides == pytest.approx([max(4.0, 18 * math.sqrt(weights[0] / weights[1])), 18.0], abs=0.01)
    scale, ticks = axis(svg)
    assert scale == "log"
    assert [v for v, _x in ticks] == [0.6, 0.7, 0.8, 0.9, 1.0, 1.1]
    # the ticks are evenly spaced in log(value): a log scale
    (v0, x0), (v1, x1) = ticks[0], ticks[-1]
    for value, x in ticks:
        assert x == pytest.approx(x0 + (x1 - x0) * math.log(value / v0) / math.log(v1 / v0), abs=0.02)
    for kind in ("fixed", "random"):  # RR 0.89 (0.81 to 0.97) both, tau² being 0
        low, centre, high = (value_at(x, ticks, log=True) for x in diamond(svg, kind))
        assert (round(low, 2), round(centre, 2), round(high, 2)) == (0.81, 0.89, 0.97)
    null = next(line for line in svg.iter(f"{SVG}line") if line.get("class") == "null")
    assert value_at(float(null.get("x1", "nan")), ticks, log=True) == pytest.approx(1.0, abs=1e-3)
    assert not [g for g in svg.iter(f"{SVG}g") if g.get("class") == "prediction"]  # two studies: none
    captions = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "caption"]
    assert captions == [
        ("Risk ratio (log scale, no effect at 1), 2 independent studies; squares sized by random-effects weight, "
        "lines and diamonds the 95% CIs."),
        "Heterogeneity: I² = 0%, tau² = 0, Q = 0.39 (df 1, p = 0.53).",
    ]
    assert "<script" not in invoke("plot", "stroke-risk", EXAMPLE).stdout


def test_four_studies_have_a_prediction_interval_and_the_diamonds_differ(registry) -> None:
    registry(FOUR_STUDIES)
    svg = plot("deaths")
    _scale, ticks = axis(svg)
    assert [v for v, _x in ticks] == [0.2, 0.5, 1.0, 2.0]
    random = [value_at(x, ticks, log=True) for x in diamond(svg, "random")]
    fixed = [value_at(x, ticks, log=True) for x in diamond(svg, "fixed")]
    assert [round(x, 2) for x in fixed] == [0.55, 0.68, 0.85]
    assert [round(x, 2) for x in random] == [0.48, 0.71, 1.04]
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "prediction")
    assert [t.text for t in group.iter(f"{SVG}text")] == ["95% prediction interval", "[0.16, 3.18]"]
    rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "study"]
    assert [g.get("data-study") for g in rows] == ["trial-a", "trial-b", "trial-c", "trial-d"]
    assert [t.text for t in rows[0].iter(f"{SVG}text")][1] == "trial-a, review"


def test_a_mean_difference_is_on_a_linear_scale(registry) -> None:
    registry(FOUR_STUDIES)
    svg = plot("pressure")
    scale, ticks = axis(svg)
    assert scale == "linear"
    assert [v for v, _x in ticks] == [-20, -10, 0, 10]
    ends = [value_at(x, ticks, log=False) for x in diamond(svg, "random")]
    assert ends == pytest.approx([-4.22, -2.67, -1.11], abs=0.01)  # positions are written to 0.01 px


def test_scale_ticks_for_wide_and_narrow_ratios() -> None:
    assert Scale([0.05, 8.0], log=True).ticks() == [0.1, 1.0, 10.0]  # 0.05 to 10 would be 8 ticks
    assert Scale([0.06, 4.0], log=True).ticks() == [0.05, 0.1, 0.2, 0.5, 1.0, 2.0]
    assert Scale([0.001, 900.0], log=True).ticks() == [0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]
    assert Scale([0.95, 1.02], log=True).ticks() == [0.95, 1.0]


def test_plot_writes_a_file_and_refuses_to_replace_one(tmp_path: Path) -> None:
    target = tmp_path / "stroke.svg"
    result = invoke("plot", "stroke-risk", EXAMPLE, "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"Wrote the forest plot of `stroke-risk` (2 studies) to {target}\n"
    assert ET.fromstring(target.read_text(encoding="utf-8")).tag == f"{SVG}svg"
    assert invoke("plot", "stroke-risk", EXAMPLE, "-o", str(target)).exit_code == 2
    assert invoke("plot", "stroke-risk", EXAMPLE, "-o", str(target), "--force").exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (("stroke-risk", EXAMPLE, "-o", "plot.png"),
     ("claimcheck: error: `plot.png`: claimcheck draws forest plots as SVG only (`-o FILE.svg`); convert it with a "
     "browser or a tool such as `rsvg-convert -f png` or `rsvg-convert -f pdf`\n")),
    (("stroke-risk", EXAMPLE, "-o", "plot.txt"),
     "claimcheck: error: `plot.txt`: the plot is SVG; give a file name ending in .svg, or `-` for standard output\n"),
    (("quality-of-life", EXAMPLE),
     ("claimcheck: error: claim `quality-of-life` has no pooled estimate to plot: a forest plot needs estimates with "
     "a standard error from two or more independent studies (`claimcheck show` says what it has)\n")),
])
def test_what_plot_cannot_draw_is_a_usage_error(args: tuple[str, ...], message: str) -> None:
    result = invoke("plot", *args)
    assert (result.exit_code, result.stderr) == (2, message)
