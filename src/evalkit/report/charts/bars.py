"""Horizontal grouped bars: e.g. baseline against current, budget against actual."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evalkit.report.charts.svg import (
    MUTED,
    RULE,
    Chart,
    Label,
    LegendItem,
    clip,
    document,
    legend,
    line,
    rect,
    text,
)


@dataclass(frozen=True)
class BarSeries:
    """One series: its legend label, colour, a value per category and the value's text."""

    label: str
    colour: str
    values: Sequence[float | None]
    value_labels: Sequence[str]


def grouped_bars(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    title: str,
    axis_max: float | None = None,
) -> Chart:
    """Grouped horizontal bars, one group per category, values written at the bar ends."""
    width, label_w, bar_w = 640.0, 190.0, 340.0
    bar_h, gap = 12.0, 10.0
    group_h = bar_h * len(series) + gap
    known = [v for s in series for v in s.values if v is not None]
    hi = axis_max or max([abs(v) for v in known] + [1.0]) * 1.08
    body: list[str | Label] = []
    for k in range(5):
        x = label_w + bar_w * k / 4
        body.append(line(x, 2, x, 4 + group_h * len(categories), RULE, 0.6))
    for i, category in enumerate(categories):
        y = 6 + i * group_h
        body.append(
            text(0, y + bar_h * len(series) / 2 + 3, clip(category, 9, label_w - 8), size=9)
        )
        for j, s in enumerate(series):
            v = s.values[i]
            by = y + j * bar_h
            if v is None:
                body.append(
                    text(label_w + 4, by + bar_h - 2.5, s.value_labels[i], size=8, fill=MUTED)
                )
                continue
            w = max(v, 0) / hi * bar_w
            body.append(rect(label_w, by, w, bar_h - 2, s.colour))
            body.append(
                text(label_w + w + 4, by + bar_h - 3, s.value_labels[i], size=8, fill=MUTED)
            )
    height = 8 + group_h * len(categories) + 20
    body.extend(
        legend([LegendItem(s.label, s.colour) for s in series], label_w, height - 4, size=9)
    )
    return document(width, height, body, title)
