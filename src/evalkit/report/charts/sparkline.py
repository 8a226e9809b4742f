"""A sparkline: a metric's trend over the last periods, small enough for a table cell."""

from __future__ import annotations

from collections.abc import Sequence

from evalkit.report.charts.svg import MUTED, Palette, document, num, text


def sparkline(
    points: Sequence[tuple[str, float | None]], palette: Palette, title: str
) -> str | None:
    """The trend as SVG, labelled with its first and last period; None with under two values."""
    known = [(i, v) for i, (_, v) in enumerate(points) if v is not None]
    if len(known) < 2:
        return None
    width, height, pad, plot_h = 92.0, 30.0, 4.0, 17.0
    lo, hi = min(v for _, v in known), max(v for _, v in known)
    span = (hi - lo) or 1.0
    step = (width - 2 * pad) / max(len(points) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, 2 + plot_h - (v - lo) / span * plot_h

    coords = " ".join(f"{num(x)},{num(y)}" for x, y in (xy(i, v) for i, v in known))
    last_x, last_y = xy(*known[-1])
    body = [
        f'<polyline points="{coords}" fill="none" stroke="{palette.primary}" stroke-width="1.3"/>',
        f'<circle cx="{num(last_x)}" cy="{num(last_y)}" r="2" fill="{palette.accent}"/>',
        text(pad, height - 1, points[0][0], size=6, fill=MUTED),
        text(width - pad, height - 1, points[-1][0], size=6, anchor="end", fill=MUTED),
    ]
    return document(width, height, body, palette, title)
