"""A line chart of scores (0–100) over periods, with gridlines and point labels."""

from __future__ import annotations

from collections.abc import Sequence

from evalkit.report.charts.svg import (
    MUTED,
    RULE,
    Chart,
    Label,
    LegendItem,
    Palette,
    document,
    legend,
    line,
    num,
    text,
)


def score_line(
    periods: Sequence[str],
    scores: Sequence[float | None],
    point_labels: Sequence[str],
    palette: Palette,
    series_label: str,
    title: str,
) -> Chart:
    """The overall score over the trend periods."""
    width, height, left, top, plot_w, plot_h = 560.0, 190.0, 50.0, 14.0, 480.0, 125.0
    inset = 18.0  # keeps the first point's label clear of the axis labels
    step = (plot_w - 2 * inset) / max(len(periods) - 1, 1)
    body: list[str | Label] = []
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h - tick / 100 * plot_h
        body.append(line(left, y, left + plot_w, y, RULE, 0.6))
        body.append(text(left - 5, y + 3, tick, size=7, anchor="end", fill=MUTED))
    pts = [
        (left + inset + i * step, top + plot_h - (s or 0) / 100 * plot_h, s)
        for i, s in enumerate(scores)
    ]
    known = [(x, y) for x, y, s in pts if s is not None]
    coords = " ".join(f"{num(x)},{num(y)}" for x, y in known)
    body.append(
        f'<polyline points="{coords}" fill="none" stroke="{palette.primary}" stroke-width="2"/>'
    )
    for (x, y, s), label, period in zip(pts, point_labels, periods, strict=False):
        if s is not None:
            body.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="3" fill="{palette.primary}"/>')
            body.append(text(x, y - 7, label, size=9, anchor="middle", weight="bold"))
        body.append(text(x, top + plot_h + 14, period, size=9, anchor="middle", fill=MUTED))
    body.extend(
        legend([LegendItem(series_label, palette.primary, "line")], left, height - 6, size=9)
    )
    return document(width, height, body, title)
