"""A heat map of scores: metrics down, segments across (grouped by dimension)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evalkit.report.charts.svg import (
    GREY,
    INK,
    MUTED,
    Palette,
    clip,
    document,
    line,
    rect,
    score_colour,
    text,
)


@dataclass(frozen=True)
class HeatColumn:
    """A segment column: its dimension (header group) and its name."""

    dimension: str
    name: str


@dataclass(frozen=True)
class HeatLegend:
    """The legend's texts."""

    scale: str
    no_data: str


def heatmap(
    rows: Sequence[str],
    columns: Sequence[HeatColumn],
    scores: Sequence[Sequence[float | None]],
    cell_labels: Sequence[Sequence[str]],
    palette: Palette,
    labels: HeatLegend,
    title: str,
) -> str:
    """The heat map as SVG; each cell coloured by its score and labelled with it."""
    label_w, top, row_h = 190.0, 36.0, 18.0
    cell_w = max(min(440.0 / max(len(columns), 1), 70.0), 34.0)
    width = label_w + cell_w * len(columns) + 4
    body: list[str] = []
    start = 0
    for j, col in enumerate(columns):
        x = label_w + j * cell_w
        body.append(
            text(x + cell_w / 2, top - 5, clip(col.name, 8, cell_w - 2), size=8, anchor="middle")
        )
        last = j == len(columns) - 1 or columns[j + 1].dimension != col.dimension
        if last:
            x0 = label_w + start * cell_w
            span = (j - start + 1) * cell_w
            body.append(
                text(
                    x0 + span / 2,
                    11,
                    clip(col.dimension, 8, span),
                    size=8,
                    anchor="middle",
                    fill=MUTED,
                    weight="bold",
                )
            )
            body.append(line(x0 + 2, 15, x0 + span - 2, 15, GREY, 0.8))
            start = j + 1
    for i, name in enumerate(rows):
        y = top + i * row_h
        body.append(text(0, y + 12.5, clip(name, 8.5, label_w - 6), size=8.5))
        for j in range(len(columns)):
            x = label_w + j * cell_w
            score = scores[i][j]
            body.append(rect(x + 1, y + 1, cell_w - 2, row_h - 2, score_colour(score)))
            fill = INK if score is None or 25 < score < 85 else "#ffffff"
            body.append(
                text(
                    x + cell_w / 2, y + 12.5, cell_labels[i][j], size=8, anchor="middle", fill=fill
                )
            )
    y = top + len(rows) * row_h + 12
    body.append(text(0, y + 8, labels.scale, size=8, fill=MUTED))
    for k in range(11):
        body.append(rect(label_w + k * 16, y, 16, 9, score_colour(k * 10)))
    body.append(text(label_w, y + 19, "0", size=7, fill=MUTED))
    body.append(text(label_w + 176, y + 19, "100", size=7, anchor="end", fill=MUTED))
    body.append(rect(label_w + 196, y, 16, 9, score_colour(None)))
    body.append(text(label_w + 216, y + 8, labels.no_data, size=8, fill=MUTED))
    return document(max(width, 440.0), y + 24, body, palette, title)
