"""A sparkline: a metric's trend over the last periods, small enough for a table cell."""

from __future__ import annotations

from collections.abc import Sequence

from evalkit.report.charts.svg import Chart, Palette, document, num


def sparkline(
    points: Sequence[tuple[str, float | None]], palette: Palette, title: str
) -> Chart | None:
    """The trend as SVG; None with under two values.

    The periods are named once, in the table's column header, rather than in every sparkline:
    WeasyPrint lays SVG text out letter by letter, which is slow over a hundred metrics.
    """
    known = [(i, v) for i, (_, v) in enumerate(points) if v is not None]
    if len(known) < 2:
        return None
    width, height, pad, plot_h = 92.0, 24.0, 4.0, 18.0
    lo, hi = min(v for _, v in known), max(v for _, v in known)
    span = (hi - lo) or 1.0
    step = (width - 2 * pad) / max(len(points) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, 2 + plot_h - (v - lo) / span * plot_h

    coords = " ".join(f"{num(x)},{num(y)}" for x, y in (xy(i, v) for i, v in known))
    last_x, last_y = xy(*known[-1])
    body: list[str] = [
        f'<polyline points="{coords}" fill="none" stroke="{palette.primary}" stroke-width="1.3"/>',
        f'<circle cx="{num(last_x)}" cy="{num(last_y)}" r="2" fill="{palette.accent}"/>',
    ]
    body.insert(
        0, f'<line x1="0" y1="22" x2="{num(width)}" y2="22" stroke="#d9dee4" stroke-width="0.6"/>'
    )
    return document(width, height, body, title)
