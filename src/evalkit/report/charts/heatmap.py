"""The heat map's colours and legend.

The heat map itself is an HTML table (cells coloured by score): it can break across pages,
and WeasyPrint lays SVG text out letter by letter, which is slow for hundreds of cells. Cells
are coloured by class, in steps of ``HEAT_STEP`` points: a ``style`` attribute on every cell
cost WeasyPrint more than laying the table out.
"""

from __future__ import annotations

from evalkit.report.charts.svg import (
    INK,
    MUTED,
    Chart,
    Label,
    document,
    rect,
    score_colour,
    text,
)

HEAT_STEP = 5


def _step(score: float | None) -> int | None:
    return None if score is None else round(min(max(score, 0.0), 100.0) / HEAT_STEP)


def heat_class(score: float | None) -> str:
    """The class colouring a heat-map cell: ``heat-N`` for scores near ``N`` × ``HEAT_STEP``."""
    step = _step(score)
    return "heat-none" if step is None else f"heat-{step}"


def heat_styles() -> str:
    """The CSS rules of the ``heat_class`` classes: background and a legible text colour."""
    rules = []
    for step in [None, *range(100 // HEAT_STEP + 1)]:
        score = None if step is None else step * HEAT_STEP
        ink = INK if score is None or 15 < score < 80 else "#ffffff"
        name = heat_class(score)
        rules.append(f"td.{name} {{ background: {score_colour(score)}; color: {ink}; }}")
    return "\n".join(rules)


def score_legend(scale: str, no_data: str, title: str) -> Chart:
    """The legend: the colour scale from 0 to 100, and the colour of a cell without data."""
    x0 = 8 + len(scale) * 9.0
    body: list[str | Label] = [text(0, 10, scale, size=9, fill=MUTED)]
    body += [rect(x0 + k * 16, 1, 16, 10, score_colour(k * 10)) for k in range(11)]
    body.append(text(x0, 23, "0", size=8, fill=MUTED))
    body.append(text(x0 + 176, 23, "100", size=8, anchor="end", fill=MUTED))
    body.append(rect(x0 + 196, 1, 16, 10, score_colour(None)))
    body.append(text(x0 + 216, 10, no_data, size=9, fill=MUTED))
    return document(x0 + 230 + len(no_data) * 9.0, 26, body, title)
