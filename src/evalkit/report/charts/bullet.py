"""Bullet charts: each metric's value against its goal and red flag, on a labelled axis.

Rows that share a unit and a magnitude share one panel with one scale and one axis under it;
a chart never puts hours, percentages and money on one axis.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from evalkit.report.charts.svg import (
    AMBER,
    GREEN,
    INK,
    MUTED,
    RED,
    RULE,
    Chart,
    Label,
    LegendItem,
    Palette,
    column,
    document,
    legend,
    line,
    rect,
    text,
    text_width,
    wrap,
)

ZONE_ALPHA = 'fill-opacity="0.3"'
BAND, BAND_ALPHA = "#52606d", 'fill-opacity="0.45"'
"""The benchmark peers' p25–p75 band: grey, behind the value's bar."""
WIDTH, LABEL_W, BAR_W = 640.0, 240.0, 280.0
ROW_H, LINE_H, BASELINE = 24.0, 11.0, 11.0  # a row's label sits on its top + BASELINE
AXIS_H, PANEL_GAP = 22.0, 8.0
DRAWABLE = 1e100  # larger values (an overflowed sum) are written, not drawn to scale
MAGNITUDES = 20.0  # rows of one unit share a panel while their extents differ less than this

TickFormat = Callable[[float, float, str], str]
"""A tick's text from its value, the step between ticks and the unit: ``20%``, ``¥200``."""


@dataclass(frozen=True)
class BulletRow:
    """One metric: raw numbers for the scale, formatted labels for the text.

    ``unit`` groups rows into panels: rows of different units never share an axis.
    """

    label: str
    value: float | None
    goal: float | None
    red_flag: float | None
    direction: str
    value_label: str
    tolerance: float = 0.0
    band: tuple[float, float] | None = None
    """The peers' p25–p75 from a benchmark, drawn behind the value (none: not drawn)."""
    unit: str = ""


@dataclass(frozen=True)
class BulletLegend:
    """The legend's texts, in the report's language."""

    value: str
    goal: str
    red_flag: str
    good: str
    between: str
    bad: str
    no_data: str
    band: str = ""
    """The peer band's legend text (shown when a row has a band)."""


def plain_tick(value: float, step: float, unit: str) -> str:
    """A tick's text without a unit: as many decimals as the step has."""
    digits = next(d for d in range(7) if abs(step * 10**d - round(step * 10**d)) < 1e-6)
    return f"{value:.{digits}f}"


def _mirror(row: BulletRow) -> float | None:
    """The red flag on the other side of the goal, for a two-sided target."""
    if row.direction != "target" or row.goal is None or row.red_flag is None:
        return None
    return 2 * row.goal - row.red_flag


def _known(row: BulletRow) -> list[float]:
    """The row's numbers that set its scale (a value too large to draw does not)."""
    found = (row.value, row.goal, row.red_flag, _mirror(row), *(row.band or ()))
    return [v for v in found if v is not None and math.isfinite(v) and abs(v) < DRAWABLE]


def _extent(row: BulletRow) -> float:
    return max([abs(v) for v in _known(row)] + [0.0])


def panels(rows: Sequence[BulletRow]) -> list[list[BulletRow]]:
    """The rows in panels: one unit each, extents within a factor of :data:`MAGNITUDES`
    (a cost per ticket and a net present value are both money, not one scale); a row joins the
    first panel it fits, panels in the order of their first row."""
    out: list[list[BulletRow]] = []
    for row in rows:
        for panel in out:
            if panel[0].unit != row.unit:
                continue
            extents = [e for e in (_extent(r) for r in [*panel, row]) if e > 0]
            if not extents or max(extents) < MAGNITUDES * min(extents):
                panel.append(row)
                break
        else:
            out.append([row])
    return out


def ticks(lo: float, hi: float, count: int = 5) -> tuple[float, float, float]:
    """A scale covering ``lo … hi`` in about ``count`` steps of 1, 2 or 5 × 10ⁿ: its first and
    last tick and the step."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw - 1e-12)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    return first, last, step


def _zones(row: BulletRow, lo: float, hi: float) -> list[tuple[float, float, str]]:
    if row.goal is None or row.red_flag is None:
        return []
    if row.direction == "target":
        reach, tol = abs(row.red_flag - row.goal), row.tolerance
        low, high = row.goal - reach, row.goal + reach
        return [
            (lo, low, RED),
            (low, row.goal - tol, AMBER),
            (row.goal - tol, row.goal + tol, GREEN),
            (row.goal + tol, high, AMBER),
            (high, hi, RED),
        ]
    if row.direction == "lower":
        return [(lo, row.goal, GREEN), (row.goal, row.red_flag, AMBER), (row.red_flag, hi, RED)]
    return [(lo, row.red_flag, RED), (row.red_flag, row.goal, AMBER), (row.goal, hi, GREEN)]


def _row(
    row: BulletRow, y: float, at: Callable[[float], float], lo: float, hi: float, colour: str
) -> list[str]:
    """One row's shapes: background, zones, the peer band, the value bar (from zero, either
    way), ticks."""
    out = [rect(at(lo), y, BAR_W, 14, "#eef0f3")]
    for a, b, zone in _zones(row, lo, hi):
        a, b = sorted((max(min(a, hi), lo), max(min(b, hi), lo)))
        out.append(rect(at(a), y, at(b) - at(a), 14, zone, ZONE_ALPHA))
    if row.band is not None:  # the peers' p25–p75, behind the value
        a, b = sorted((at(max(min(row.band[0], hi), lo)), at(max(min(row.band[1], hi), lo))))
        out.append(rect(a, y + 2, max(b - a, 1.0), 10, BAND, BAND_ALPHA))
    if row.value is not None and math.isfinite(row.value):
        a, b = sorted((at(0.0), at(max(min(row.value, hi), lo))))
        out.append(rect(a, y + 4, b - a, 6, colour))
    for v, tick in ((row.goal, INK), (row.red_flag, RED), (_mirror(row), RED)):
        if v is not None and lo <= v <= hi:
            out.append(line(at(v), y - 2, at(v), y + 16, tick, 2))
    return out


def _axis(
    y: float, top: float, lo: float, hi: float, step: float, unit: str, fmt: TickFormat
) -> list[str | Label]:
    """The panel's axis at ``y``: a rule, ticks with their values, faint grid lines up to
    ``top``; every other value is left out when they would touch."""
    n = round((hi - lo) / step)
    values = [lo + k * step for k in range(n + 1)]
    names = [fmt(0.0 if abs(v) < step * 1e-9 else v, step, unit) for v in values]
    gap = BAR_W / n
    every = 1 if max(text_width(s, 8) for s in names) + 6 <= gap else 2
    out: list[str | Label] = [line(LABEL_W, y, LABEL_W + BAR_W, y, MUTED, 0.6)]
    for k, (v, name) in enumerate(zip(values, names, strict=True)):
        x = LABEL_W + (v - lo) / (hi - lo) * BAR_W
        out.append(line(x, top, x, y, RULE, 0.5))
        out.append(line(x, y, x, y + 3, MUTED, 0.6))
        if k % every == 0:
            out.append(text(x, y + 12, name, size=8, anchor="middle", fill=MUTED))
    return out


def bullets(
    rows: Sequence[BulletRow],
    palette: Palette,
    labels: BulletLegend,
    title: str,
    tick_format: TickFormat = plain_tick,
) -> Chart:
    """The bullet chart: red/amber/green zones, the value as a bar, goal/red-flag ticks, and an
    axis in the unit's terms under each panel of rows (see :func:`panels`).

    Names too long for their column wrap onto more lines (every row then gets the height of
    the longest); they are never cut.
    """
    wrapped = {id(row): wrap(row.label, 9, LABEL_W - 8) for row in rows}
    extra = (max((len(w) for w in wrapped.values()), default=1) - 1) * LINE_H
    row_h = ROW_H + extra
    body: list[str | Label] = []
    top, bottom = 4.0 + extra / 2, 0.0
    for panel in panels(rows):
        known = [v for r in panel for v in _known(r)]
        lo, hi, step = ticks(min([0.0, *known]), max([0.0, *known]))

        def at(v: float, lo: float = lo, hi: float = hi) -> float:
            return LABEL_W + (v - lo) / (hi - lo) * BAR_W

        bottom = top + (len(panel) - 1) * row_h + 18 + extra / 2
        body.extend(_axis(bottom, top - 4, lo, hi, step, panel[0].unit, tick_format))
        names = [wrapped[id(row)] for row in panel]
        body.append(column(0, top + BASELINE, [n[0] if len(n) == 1 else "" for n in names], row_h))
        for k, lines in enumerate(names):
            if len(lines) > 1:  # centred on the bar, in a box of its own
                first = top + k * row_h + BASELINE - (len(lines) - 1) * LINE_H / 2
                body.append(column(0, first, lines, LINE_H))
        values = [row.value_label if row.value is not None else "" for row in panel]
        body.append(column(LABEL_W + BAR_W + 8, top + BASELINE, values, row_h, weight="bold"))
        for k, row in enumerate(panel):
            y = top + k * row_h
            body.extend(_row(row, y, at, lo, hi, palette.primary))
            if row.value is None:
                body.append(text(LABEL_W + BAR_W + 8, y + BASELINE, labels.no_data, fill=MUTED))
        top = bottom + AXIS_H + PANEL_GAP + extra / 2
    height = bottom + AXIS_H + 20
    items = [
        LegendItem(labels.value, palette.primary),
        LegendItem(labels.goal, INK, "tick"),
        LegendItem(labels.red_flag, RED, "tick"),
        LegendItem(labels.good, GREEN, opacity=0.35),
        LegendItem(labels.between, AMBER, opacity=0.35),
        LegendItem(labels.bad, RED, opacity=0.35),
    ]
    if any(row.band for row in rows):
        items.append(LegendItem(labels.band, BAND, opacity=0.6))
    body.extend(legend(items, 0, height - 4))
    body.append(line(0, height - 16, WIDTH, height - 16, "#eef0f3"))
    return document(WIDTH, height, body, title)
