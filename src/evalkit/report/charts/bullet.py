"""Bullet charts: each metric's value against its goal and red flag, one row per metric."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evalkit.report.charts.svg import (
    AMBER,
    GREEN,
    INK,
    MUTED,
    RED,
    Chart,
    Label,
    LegendItem,
    Palette,
    clip,
    column,
    document,
    legend,
    line,
    rect,
    text,
)

ZONE_ALPHA = 'fill-opacity="0.3"'
BAND, BAND_ALPHA = "#52606d", 'fill-opacity="0.45"'
"""The benchmark peers' p25–p75 band: grey, behind the value's bar."""


@dataclass(frozen=True)
class BulletRow:
    """One metric: raw numbers for the scale, formatted labels for the text."""

    label: str
    value: float | None
    goal: float | None
    red_flag: float | None
    direction: str
    value_label: str
    tolerance: float = 0.0
    band: tuple[float, float] | None = None
    """The peers' p25–p75 from a benchmark, drawn behind the value (none: not drawn)."""


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


def _mirror(row: BulletRow) -> float | None:
    """The red flag on the other side of the goal, for a two-sided target."""
    if row.direction != "target" or row.goal is None or row.red_flag is None:
        return None
    return 2 * row.goal - row.red_flag


def _scale(row: BulletRow) -> tuple[float, float]:
    known = [
        v
        for v in (row.value, row.goal, row.red_flag, _mirror(row), *(row.band or ()))
        if v is not None
    ]
    lo, hi = min([0.0, *known]), max([0.0, *known])
    if hi == lo:
        hi = lo + 1
    pad = (hi - lo) * 0.12
    return (lo - pad if lo < 0 else lo), hi + pad


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


def bullets(rows: Sequence[BulletRow], palette: Palette, labels: BulletLegend, title: str) -> Chart:
    """The bullet chart: red/amber/green zones, the value as a bar, goal/red-flag ticks.

    The ticks' numbers are not written under them: they stand in the metric table just above
    the chart, and a hundred small labels cost WeasyPrint seconds.
    """
    width, label_w, bar_w, row_h = 640.0, 240.0, 280.0, 24.0
    x0, top, baseline = label_w, 8.0, 11.0  # a row's labels sit on its top + baseline
    body: list[str | Label] = []
    names = [clip(row.label, 9, label_w - 8) for row in rows]
    body.append(column(0, top + baseline, names, row_h))
    values = [row.value_label if row.value is not None else "" for row in rows]
    body.append(column(x0 + bar_w + 8, top + baseline, values, row_h, weight="bold"))
    for i, row in enumerate(rows):
        y = top + i * row_h
        lo, hi = _scale(row)

        def at(v: float, lo: float = lo, hi: float = hi) -> float:
            return x0 + (v - lo) / (hi - lo) * bar_w

        body.append(rect(x0, y, bar_w, 14, "#eef0f3"))
        for a, b, colour in _zones(row, lo, hi):
            a, b = sorted((max(min(a, hi), lo), max(min(b, hi), lo)))
            body.append(rect(at(a), y, at(b) - at(a), 14, colour, ZONE_ALPHA))
        if row.band is not None:
            a, b = sorted((at(row.band[0]), at(row.band[1])))
            body.append(rect(a, y + 2, max(b - a, 1.0), 10, BAND, BAND_ALPHA))
        if row.value is not None:  # the bar runs from 0 to the value, either way
            a, b = sorted((at(0.0), at(row.value)))
            body.append(rect(a, y + 4, b - a, 6, palette.primary))
        else:
            body.append(text(x0 + bar_w + 8, y + baseline, labels.no_data, size=9, fill=MUTED))
        for v, colour in ((row.goal, INK), (row.red_flag, RED), (_mirror(row), RED)):
            if v is not None:
                body.append(line(at(v), y - 2, at(v), y + 16, colour, 2))
    height = top + len(rows) * row_h + 18
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
    body.append(line(0, height - 16, width, height - 16, "#eef0f3"))
    return document(width, height, body, title)
