"""Geometry for the dashboard's server-drawn SVG charts (no JavaScript, no CDN).

Functions here turn figures into shapes with coordinates; templates/dashboard/
_charts.html draws them. Colours come from CSS classes (static/css/dashboard.css)
so the Content-Security-Policy's ban on inline styles holds."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# ---------------------------------------------------------------- the map of Zhejiang

# A schematic hex-tile map: each of the 11 prefecture-level cities is one tile,
# placed roughly where it lies (north at the top, the sea to the east).
CITY_TILES: dict[str, tuple[float, float]] = {
    "huzhou": (1.0, 0),
    "jiaxing": (2.0, 0),
    "hangzhou": (0.5, 1),
    "shaoxing": (1.5, 1),
    "ningbo": (2.5, 1),
    "zhoushan": (3.5, 1),
    "quzhou": (0.0, 2),
    "jinhua": (1.0, 2),
    "taizhou": (2.0, 2),
    "lishui": (0.5, 3),
    "wenzhou": (1.5, 3),
}
SHADES = 5  # q0 (none) … q4 (most)


@dataclass
class Hex:
    code: str
    points: str
    cx: float
    cy: float
    count: int
    shade: str


@dataclass
class CityMap:
    width: int
    height: int
    tiles: list[Hex]
    legend: list[tuple[str, str]]  # (shade class, range text)
    outside: int  # records outside Zhejiang, shown as a note


def shade_for(count: int, top: int) -> str:
    if count <= 0 or top <= 0:
        return "q0"
    return f"q{min(SHADES - 1, max(1, math.ceil((SHADES - 1) * count / top)))}"


def city_map(counts: dict[str, int], radius: float = 34) -> CityMap:
    step_x = math.sqrt(3) * radius
    step_y = 1.5 * radius
    margin = radius + 4
    tiles = []
    top = max([counts.get(code, 0) for code in CITY_TILES] + [0])
    for code, (col, row) in CITY_TILES.items():
        cx = margin + col * step_x
        cy = margin + row * step_y
        corners = []
        for k in range(6):
            angle = math.radians(60 * k - 90)
            corners.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
        n = counts.get(code, 0)
        tiles.append(Hex(code, " ".join(corners), round(cx, 1), round(cy, 1), n, shade_for(n, top)))
    width = int(margin * 2 + 3.5 * step_x)
    height = int(margin * 2 + 3 * step_y)
    legend = [("q0", "0")]
    if top > 0:
        bounds = []
        for q in range(1, SHADES):
            low = math.floor((q - 1) * top / (SHADES - 1)) + 1
            high = math.floor(q * top / (SHADES - 1))
            if high >= low:
                bounds.append((f"q{q}", f"{low}" if low == high else f"{low}–{high}"))
        legend.extend(bounds)
    return CityMap(width, height, tiles, legend, counts.get("out_of_province", 0))


# ---------------------------------------------------------------- bars


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    shade: str
    value: int
    series: str


@dataclass
class BarRow:
    label: str
    y: float  # baseline for the label text
    bars: list[Bar] = field(default_factory=list)


@dataclass
class BarChart:
    width: int
    height: int
    left: int
    rows: list[BarRow]
    ticks: list[tuple[float, int]]
    legend: list[tuple[str, str]]
    plot_width: float


def nice_scale(value: float, max_ticks: int = 6) -> tuple[int, int]:
    """(top, step) of an axis from 0 to at least `value` in at most `max_ticks`
    round steps (1, 2, 2.5 or 5 times a power of ten; whole numbers)."""
    value = max(1, value)
    magnitude = 10 ** max(0, int(math.floor(math.log10(value))) - 1)
    for base in (1, 2, 2.5, 5, 10, 20, 25, 50, 100):
        step = base * magnitude
        if step != int(step):
            continue
        if math.ceil(value / step) <= max_ticks:
            return int(math.ceil(value / step) * step), int(step)
    return int(value), int(value)


def text_width(text: str, size: float = 12) -> float:
    """A rough width of `text` in pixels: CJK characters are square, Latin ones narrower."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.58 for c in text)


def bar_chart(
    rows: list[tuple[str, list[int]]],
    series: list[str],
    width: int = 640,
    left: int | None = None,
    bar_h: int = 12,
) -> BarChart:
    """Horizontal bars: one row per category, one bar per series in each row. The
    label column is as wide as the longest label needs."""
    if left is None:
        left = int(min(260, max(70, max((text_width(label) for label, _v in rows), default=0) + 16)))
    n = max(1, len(series))
    top, step = nice_scale(max([v for _label, values in rows for v in values] + [1]))
    plot = width - left - 48
    row_h = n * bar_h + 10
    out = []
    for i, (label, values) in enumerate(rows):
        y0 = 8 + i * row_h
        row = BarRow(label, y0 + (n * bar_h) / 2 + 4)
        for j, value in enumerate(values):
            row.bars.append(
                Bar(
                    left,
                    y0 + j * bar_h,
                    round(plot * value / top, 1),
                    bar_h - 2,
                    f"s{j}",
                    value,
                    series[j] if j < len(series) else "",
                )
            )
        out.append(row)
    ticks = [(round(left + plot * v / top, 1), v) for v in range(0, top + 1, step)]
    height = 8 + len(rows) * row_h + 22
    return BarChart(width, height, left, out, ticks, [(f"s{j}", s) for j, s in enumerate(series)], plot)


# ---------------------------------------------------------------- progress toward the target


@dataclass
class Progress:
    width: int
    height: int
    segments: list[Bar]
    target_x: float
    scale_max: int
    ticks: list[tuple[float, int]]


def progress_bar(parts: list[tuple[str, int]], target: int, width: int = 640) -> Progress:
    """A stacked bar of `parts` (label, count) against the target."""
    left, right = 10, 20
    plot = width - left - right
    total = sum(n for _label, n in parts)
    scale = max(target, total)
    x = float(left)
    segments = []
    for j, (label, n) in enumerate(parts):
        w = plot * n / scale if scale else 0
        segments.append(Bar(round(x, 1), 14, round(w, 1), 34, f"p{j}", n, label))
        x += w
    step = 10 if scale <= 60 else nice_scale(scale)[1]
    ticks = [(round(left + plot * v / scale, 1), v) for v in range(0, scale + 1, step)]
    return Progress(width, 80, segments, round(left + plot * target / scale, 1), scale, ticks)


# ---------------------------------------------------------------- the trend


@dataclass
class Line:
    series: str
    shade: str
    points: str
    dots: list[tuple[float, float, int]]


@dataclass
class LineChart:
    width: int
    height: int
    left: int
    bottom: float
    lines: list[Line]
    xlabels: list[tuple[float, str]]
    ticks: list[tuple[float, int]]
    legend: list[tuple[str, str]]


def line_chart(
    labels: list[str], series: list[tuple[str, list[int]]], width: int = 640, height: int = 240
) -> LineChart:
    left, right, top_pad, bottom_pad = 40, 16, 12, 36
    plot_w, plot_h = width - left - right, height - top_pad - bottom_pad
    top, step = nice_scale(max([v for _s, values in series for v in values] + [1]), max_ticks=5)
    count = max(1, len(labels) - 1)
    xs = [left + plot_w * i / count for i in range(len(labels))]
    bottom = top_pad + plot_h
    lines = []
    for j, (name, values) in enumerate(series):
        pts = [(round(xs[i], 1), round(bottom - plot_h * v / top, 1), v) for i, v in enumerate(values)]
        lines.append(Line(name, f"s{j}", " ".join(f"{x},{y}" for x, y, _v in pts), pts))
    ticks = [(round(bottom - plot_h * v / top, 1), v) for v in range(0, top + 1, step)]
    xlabels = [(round(x, 1), label) for x, label in zip(xs, labels, strict=True)]
    return LineChart(
        width,
        height,
        left,
        bottom,
        lines,
        xlabels,
        ticks,
        [(f"s{j}", name) for j, (name, _v) in enumerate(series)],
    )
