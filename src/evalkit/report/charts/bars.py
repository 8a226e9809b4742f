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
    column,
    document,
    legend,
    line,
    rect,
    wrap,
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
    """Grouped horizontal bars, one group per category, values in line with the bars.

    The values stand right of the plot, a column per series: one HTML box, not one per bar.
    """
    width, label_w, bar_w = 640.0, 240.0, 290.0
    bar_h, gap = 12.0, 10.0
    group_h = bar_h * len(series) + gap
    known = [v for s in series for v in s.values if v is not None]
    hi = axis_max or max([abs(v) for v in known] + [1.0]) * 1.08
    body: list[str | Label] = []
    wrapped = [wrap(category, 9, label_w - 8) for category in categories]
    group_h = max(group_h, max((len(w) for w in wrapped), default=1) * 11 + gap)
    middle = 6 + bar_h * len(series) / 2 + 3  # the first group's name baseline, one line
    body.append(column(0, middle, [w[0] if len(w) == 1 else "" for w in wrapped], group_h))
    for i, lines in enumerate(wrapped):
        if len(lines) > 1:  # a long name wraps, centred on its bars, in a box of its own
            body.append(column(0, middle + i * group_h - (len(lines) - 1) * 5.5, lines, 11))
    for k in range(5):
        x = label_w + bar_w * k / 4
        body.insert(0, line(x, 2, x, 4 + group_h * len(categories), RULE, 0.6))
    for j, s in enumerate(series):
        for i, v in enumerate(s.values):
            if v is not None:
                by = 6 + i * group_h + j * bar_h
                body.append(rect(label_w, by, max(v, 0) / hi * bar_w, bar_h - 2, s.colour))
        first = 6 + j * bar_h + bar_h - 3
        body.append(
            column(label_w + bar_w + 10, first, s.value_labels, group_h, size=8, fill=MUTED)
        )
    height = 8 + group_h * len(categories) + 20
    body.extend(
        legend([LegendItem(s.label, s.colour) for s in series], label_w, height - 4, size=9)
    )
    return document(width, height, body, title)
