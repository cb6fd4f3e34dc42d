"""The forest plot as SVG, drawn by hand from `views/forest.py`'s data: no plotting library needed.

Laid out as metafor's `forest()` and RevMan draw it: one row per study with its name, the documents
that report it, its estimate as a square whose area is proportional to its random-effects weight
and its 95% interval as a line; the fixed-effect and random-effects estimates as diamonds spanning
their intervals (fixed hollow, random filled); the 95% prediction interval as a dashed line with
end caps; a dashed line of no effect; a log axis for ratios; and a caption with the measure, I²,
tau² and Q. Only black, white and greys, with shapes and words rather than colours telling the
parts apart, so it prints and reads in black and white.

Everything from the registry passes through `printable` and XML escaping, so no name can add
markup; the SVG holds no script, link or external reference and is safe as an `<img>` source.
"""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from claimcheck.formats.base import printable
from claimcheck.judge.pooling import figure

WIDTH = 780
PLOT_LEFT, PLOT_RIGHT = 330, 560
ESTIMATE_X, WEIGHT_X = 572, WIDTH - 12
ROW = 34
TOP = 58
MAX_SQUARE = 18.0
#: Ticks a ratio axis may show (log scale), coarsest first: the first set with 4 to 7 ticks in range is
#: used, else the one with the most up to 7.
RATIO_TICKS = (
    (0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0),
    (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0),
    (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0),
    (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0),
    (0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2),
)
MIN_TICKS, MAX_TICKS = 4, 7


def _text(value: object) -> str:
    return escape(printable(str(value)))


class Scale:
    """Maps a value on the natural scale to an x position (log for ratios)."""

    def __init__(self, values: list[float], log: bool) -> None:
        self.log = log
        points = [self._t(v) for v in values if math.isfinite(v) and (v > 0 or not log)]
        low, high = min(points), max(points)
        if high - low < 1e-9:
            low, high = low - 1, high + 1
        pad = 0.05 * (high - low)
        self.low, self.high = low - pad, high + pad

    def _t(self, value: float) -> float:
        return math.log(value) if self.log else value

    def x(self, value: float) -> float:
        if self.log and value <= 0:
            return PLOT_LEFT
        t = min(max(self._t(value), self.low), self.high)
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (t - self.low) / (self.high - self.low)

    def ticks(self) -> list[float]:
        def inside(value: float) -> bool:
            return self.low <= self._t(value) <= self.high

        if self.log:
            chosen: list[float] = []
            for candidates in RATIO_TICKS:
                found = [v for v in candidates if inside(v)]
                if len(found) <= MAX_TICKS and len(found) > len(chosen):
                    chosen = found
                if len(chosen) >= MIN_TICKS:
                    break
            return chosen
        span = self.high - self.low
        raw = span / 5
        power = 10 ** math.floor(math.log10(raw))
        step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
        first = math.ceil(self.low / step)
        return [round(i * step, 10) for i in range(first, math.floor(self.high / step) + 1)]


def render_svg(data: dict[str, Any]) -> str:
    """The forest plot of one claim, as a standalone SVG document."""
    rows = data["rows"]
    log = bool(data["log_scale"])
    values = [v for row in rows for v in (row["low"], row["high"], row["estimate"])]
    values += [data["fixed"]["low"], data["fixed"]["high"], data["random"]["low"], data["random"]["high"]]
    if data["prediction"]:
        values += data["prediction"]
    if data["null"] is not None:
        values.append(data["null"])
    scale = Scale(values, log)
    pooled_top = TOP + ROW * len(rows) + 10
    summary_rows = 3 if data["prediction"] else 2
    axis_y = pooled_top + ROW * summary_rows + 4
    height = axis_y + 96
    parts: list[str] = []
    add = parts.append
    title = f"Forest plot of {data['claim']}: {data['name']}, {data['k']} studies"
    add(f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label={quoteattr(printable(title))} font-family="Helvetica, Arial, sans-serif" '
        f'font-size="12" data-claim={quoteattr(printable(data["claim"]))}>')
    add(f"<title>{_text(title)}</title>")
    add(f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#fff"/>')
    measure = data["name"][:1].upper() + data["name"][1:] + (f" ({data['unit']})" if data["unit"] else "")
    add('<text x="12" y="28" font-weight="bold">Study (documents reporting it)</text>')
    add(f'<text x="{(PLOT_LEFT + PLOT_RIGHT) / 2:.1f}" y="28" font-weight="bold" text-anchor="middle">'
        f"{_text(measure)}</text>")
    add(f'<text x="{ESTIMATE_X}" y="28" font-weight="bold">{_text(data["label"])} [95% CI]</text>')
    add(f'<text x="{WEIGHT_X}" y="28" font-weight="bold" text-anchor="end">Weight</text>')
    add(f'<line x1="12" y1="38" x2="{WIDTH - 12}" y2="38" stroke="#000" stroke-width="1"/>')
    if data["null"] is not None:
        x = scale.x(data["null"])
        add(f'<line class="null" x1="{x:.2f}" y1="{TOP - 14}" x2="{x:.2f}" y2="{axis_y}" stroke="#555" '
            'stroke-width="1" stroke-dasharray="4 3"/>')
    heaviest = max(row["weight_random"] for row in rows) or 1.0
    for i, row in enumerate(rows):
        y = TOP + ROW * i
        parts += _study_row(row, y, scale, heaviest)
    add(f'<line x1="12" y1="{pooled_top - 6}" x2="{WIDTH - 12}" y2="{pooled_top - 6}" stroke="#000" stroke-width="0.5"/>')
    parts += _diamond("fixed", "Fixed effect (inverse variance)", data["fixed"], pooled_top + 12, scale, "#fff")
    parts += _diamond("random", "Random effects (DerSimonian-Laird)", data["random"], pooled_top + 12 + ROW, scale,
                      "#000")
    if data["prediction"]:
        parts += _prediction(data["prediction"], pooled_top + 12 + 2 * ROW, scale)
    parts += _axis(scale, axis_y, log)
    for j, line in enumerate(_caption(data)):
        add(f'<text class="caption" x="12" y="{axis_y + 50 + 16 * j}">{_text(line)}</text>')
    add("</svg>")
    return "\n".join(parts) + "\n"


def _study_row(row: dict[str, Any], y: float, scale: Scale, heaviest: float) -> list[str]:
    side = max(4.0, MAX_SQUARE * math.sqrt(row["weight_random"] / heaviest))
    x, low, high = scale.x(row["estimate"]), scale.x(row["low"]), scale.x(row["high"])
    documents = ", ".join(printable(d) for d in row["documents"])
    return [
        f'<g class="study" data-study={quoteattr(printable(row["study"]))} data-weight="{row["weight_random"]:.4f}">',
        f'<text x="12" y="{y + 4:.1f}">{_text(row["study"])}</text>',
        f'<text x="12" y="{y + 17:.1f}" font-size="10" fill="#444">{escape(documents)}</text>',
        f'<line class="ci" x1="{low:.2f}" y1="{y:.1f}" x2="{high:.2f}" y2="{y:.1f}" stroke="#000" stroke-width="1.2"/>',
        (f'<rect class="weight" x="{x - side / 2:.2f}" y="{y - side / 2:.2f}" width="{side:.2f}" height="{side:.2f}" '
        'fill="#000"/>'),
        (f'<text x="{ESTIMATE_X}" y="{y + 4:.1f}">{figure(row["estimate"])} [{figure(row["low"])}, '
        f'{figure(row["high"])}]</text>'),
        f'<text x="{WEIGHT_X}" y="{y + 4:.1f}" text-anchor="end">{row["weight_random"]:.1f}%</text>',
        "</g>",
    ]


def _diamond(kind: str, label: str, pooled: dict[str, float], y: float, scale: Scale, fill: str) -> list[str]:
    low, centre, high = scale.x(pooled["low"]), scale.x(pooled["estimate"]), scale.x(pooled["high"])
    points = f"{low:.2f},{y:.1f} {centre:.2f},{y - 7:.1f} {high:.2f},{y:.1f} {centre:.2f},{y + 7:.1f}"
    return [
        f'<g class="pooled {kind}">',
        f'<text x="12" y="{y + 4:.1f}" font-weight="bold">{escape(label)}</text>',
        f'<polygon class="diamond" points="{points}" fill="{fill}" stroke="#000" stroke-width="1.2"/>',
        (f'<text x="{ESTIMATE_X}" y="{y + 4:.1f}" font-weight="bold">{figure(pooled["estimate"])} '
        f'[{figure(pooled["low"])}, {figure(pooled["high"])}]</text>'),
        f'<text x="{WEIGHT_X}" y="{y + 4:.1f}" text-anchor="end">100%</text>',
        "</g>",
    ]


def _prediction(prediction: list[float], y: float, scale: Scale) -> list[str]:
    low, high = scale.x(prediction[0]), scale.x(prediction[1])
    return [
        '<g class="prediction">',
        f'<text x="12" y="{y + 4:.1f}">95% prediction interval</text>',
        (f'<line x1="{low:.2f}" y1="{y:.1f}" x2="{high:.2f}" y2="{y:.1f}" stroke="#000" stroke-width="1.2" '
        'stroke-dasharray="5 3"/>'),
        f'<line x1="{low:.2f}" y1="{y - 5:.1f}" x2="{low:.2f}" y2="{y + 5:.1f}" stroke="#000" stroke-width="1.2"/>',
        f'<line x1="{high:.2f}" y1="{y - 5:.1f}" x2="{high:.2f}" y2="{y + 5:.1f}" stroke="#000" stroke-width="1.2"/>',
        f'<text x="{ESTIMATE_X}" y="{y + 4:.1f}">[{figure(prediction[0])}, {figure(prediction[1])}]</text>',
        "</g>",
    ]


def _axis(scale: Scale, y: float, log: bool) -> list[str]:
    parts = [f'<g class="axis" data-scale="{"log" if log else "linear"}">',
             f'<line x1="{PLOT_LEFT}" y1="{y}" x2="{PLOT_RIGHT}" y2="{y}" stroke="#000" stroke-width="1"/>']
    for tick in scale.ticks():
        x = scale.x(tick)
        parts.append(f'<line class="tick" data-value="{tick:g}" x1="{x:.2f}" y1="{y}" x2="{x:.2f}" y2="{y + 5}" '
                     'stroke="#000" stroke-width="1"/>')
        parts.append(f'<text x="{x:.2f}" y="{y + 18}" text-anchor="middle">{tick:g}</text>')
    parts.append(f'<text x="{(PLOT_LEFT + PLOT_RIGHT) / 2:.1f}" y="{y + 34}" text-anchor="middle" fill="#444">'
                 f'{"log scale" if log else "linear scale"}</text>')
    parts.append("</g>")
    return parts


def _caption(data: dict[str, Any]) -> list[str]:
    scale = "log scale" if data["log_scale"] else "linear scale"
    null = f", no effect at {data['null']:g}" if data["null"] is not None else ""
    first = (f"{data['name'][:1].upper()}{data['name'][1:]} ({scale}{null}), {data['k']} independent studies; "
             "squares sized by random-effects weight, lines and diamonds the 95% CIs.")
    second = (f"Heterogeneity: I² = {100 * data['i2']:.0f}%, tau² = {data['tau2']:.3g}, Q = {data['q']:.2f} "
              f"(df {data['q_df']}, p = {data['q_p']:.2g}).")
    return [first, second]
