"""A radar chart of criteria scores (0–100), one polygon per series."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from evalkit.report.charts.svg import (
    MUTED,
    RULE,
    Chart,
    Label,
    LegendItem,
    document,
    legend,
    line,
    num,
    text,
    text_width,
    wrap,
)

LINE = 9.0  # the distance between the lines of a wrapped axis name


@dataclass(frozen=True)
class Series:
    """One polygon: a label for the legend, a colour, a value (or None) per axis."""

    label: str
    colour: str
    values: Sequence[float | None]


def radar(axes: Sequence[str], series: Sequence[Series], title: str) -> Chart:
    """The radar chart; axes clockwise from the top, rings at 25/50/75/100.

    Drawn at the size it is shown at (the left 60 % of the summary's two columns): its labels
    are HTML placed in these units, so the chart must not be scaled.
    """
    width, height, radius = 390.0, 222.0, 68.0
    cx, cy = width / 2, 102.0
    n = max(len(axes), 3)
    body: list[str | Label] = []

    def point(i: int, r: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in (25, 50, 75, 100):
        outline = " ".join(
            f"{num(x)},{num(y)}" for x, y in (point(i, radius * ring / 100) for i in range(n))
        )
        body.append(f'<polygon points="{outline}" fill="none" stroke="{RULE}" stroke-width="0.8"/>')
        body.append(text(cx + 3, cy - radius * ring / 100 + 3, ring, size=6, fill=MUTED))
    for i, label in enumerate(axes):
        x, y = point(i, radius)
        body.append(line(cx, cy, x, y, RULE, 0.8))
        lx, ly = point(i, radius + 9)
        anchor = "middle" if abs(lx - cx) < 4 else ("start" if lx > cx else "end")
        room = width / 2 - radius - 10 if anchor != "middle" else 150
        ly += 3 if ly >= cy else 0
        lines = wrap(label, 8, room)  # a long name wraps away from the chart, never cut
        if ly < cy - radius / 2:
            ly -= (len(lines) - 1) * LINE
        elif ly <= cy + radius / 2:
            ly -= (len(lines) - 1) * LINE / 2
        body.append(Label(lx, ly, "\n".join(lines), 8, anchor, step=LINE if len(lines) > 1 else 0))
    for s in series:
        pts = [point(i, radius * (v or 0) / 100) for i, v in enumerate(s.values)]
        coords = " ".join(f"{num(x)},{num(y)}" for x, y in pts)
        body.append(
            f'<polygon points="{coords}" fill="{s.colour}" fill-opacity="0.15" '
            f'stroke="{s.colour}" stroke-width="1.8"/>'
        )
        body.extend(
            f'<circle cx="{num(x)}" cy="{num(y)}" r="2.5" fill="{s.colour}"/>'
            for (x, y), v in zip(pts, s.values, strict=False)
            if v is not None
        )
    items = [LegendItem(s.label, s.colour, "line") for s in series]
    span = sum(17 + text_width(i.label, 7.5) + 14 for i in items)
    body.extend(legend(items, max((width - span) / 2, 4), height - 6, size=7.5))
    return document(width, height, body, title)
