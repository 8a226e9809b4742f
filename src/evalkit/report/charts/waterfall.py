"""A horizontal waterfall: a score before, the steps that moved it, the score after."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from evalkit.report.charts.svg import (
    GREY,
    MUTED,
    RULE,
    SCALE_HIGH,
    SCALE_LOW,
    Chart,
    Label,
    LegendItem,
    column,
    document,
    legend,
    line,
    rect,
    text,
    wrap,
)


@dataclass(frozen=True)
class Step:
    """One row of a waterfall: its label, the points it adds (negative: takes away) and the
    text shown beside it."""

    label: str
    delta: float
    text: str


def waterfall(
    start: Step,
    steps: Sequence[Step],
    end: Step,
    colour: str,
    legend_labels: tuple[str, str],
    title: str,
) -> Chart:
    """``start`` and ``end`` as whole bars (their ``delta`` is the score), each step as a bar
    floating from the running total; rises blue, falls red (a colour-blind-safe pair), thin
    connectors between consecutive bars. The axis spans the levels reached, widened to tens
    (0–100 at most) and labelled, so a change of a point stays visible."""
    width, label_w, bar_w, line_h = 640.0, 240.0, 330.0, 10.0
    rows = [start, *steps, end]
    names = [wrap(r.label, 9, label_w - 8) for r in rows]  # long names wrap, never cut
    row_h = 15.0 + (max(len(n) for n in names) - 1) * line_h
    levels = [start.delta]
    for step in steps:
        levels.append(levels[-1] + step.delta)
    levels.append(end.delta)
    lo = max(0.0, math.floor(min(levels) / 10 - 1) * 10)
    hi = max(lo + 10, min(100.0, math.ceil(max(levels) / 10) * 10))
    hi = max(hi, *levels)

    def x(value: float) -> float:
        return label_w + (min(max(value, lo), hi) - lo) / (hi - lo) * bar_w

    body: list[str | Label] = []
    bottom = 4 + row_h * len(rows)
    every = 10 if hi - lo <= 50 else 20
    for tick in range(int(lo), int(hi) + 1, every):
        body.append(line(x(tick), 2, x(tick), bottom, RULE, 0.6))
        body.append(text(x(tick), bottom + 10, f"{tick:g}", size=7, anchor="middle", fill=MUTED))
    running = start.delta
    for i, row in enumerate(rows):
        top = 4 + i * row_h
        if row is start or row is end:
            body.append(rect(label_w, top + 2, x(row.delta) - label_w, row_h - 5, colour))
        else:
            low, high = sorted((running, running + row.delta))
            fill = SCALE_HIGH if row.delta >= 0 else SCALE_LOW
            body.append(rect(x(low), top + 2, max(x(high) - x(low), 1.0), row_h - 5, fill))
            running += row.delta
        if i + 1 < len(rows):  # a connector from this bar's end to the next row
            level = x(row.delta if row is start else running)
            body.append(line(level, top + row_h - 3, level, top + row_h + 2, GREY, 0.8))
    first = 4 + row_h / 2 + 3
    for i, lines in enumerate(names):  # each name centred on its bar
        body.append(column(0, first + i * row_h - (len(lines) - 1) * line_h / 2, lines, line_h))
    body.append(column(label_w + bar_w + 10, first, [r.text for r in rows], row_h, fill=MUTED))
    height = bottom + 32
    items = [LegendItem(legend_labels[0], SCALE_HIGH), LegendItem(legend_labels[1], SCALE_LOW)]
    body.extend(legend(items, label_w, height - 4, size=9))
    return document(width, height, body, title)
