"""Small pieces every chart is made of: escaping, the palette, text, legends, the data URI.

Charts are SVG written by hand: vector, text kept as text, no plotting library.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

GREEN = "#2e9e5b"
AMBER = "#f0b400"
RED = "#d64545"
GREY = "#9aa5b1"
INK = "#1f2933"
MUTED = "#616e7c"
RULE = "#d9dee4"


@dataclass(frozen=True)
class Palette:
    """The brand colours and the font family charts draw with."""

    primary: str
    accent: str
    font: str


@dataclass(frozen=True)
class LegendItem:
    """One entry of a chart's legend: a swatch of ``colour`` drawn as ``shape``."""

    label: str
    colour: str
    shape: str = "box"  # box | line | tick | dot
    opacity: float = 1.0


def esc(value: object) -> str:
    """Text for SVG content or attributes, escaped."""
    return escape(str(value), {'"': "&quot;"})


def num(value: float) -> str:
    """A coordinate, short."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text(
    x: float,
    y: float,
    content: object,
    *,
    size: float = 9,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
) -> str:
    """A text element (kept as text in the PDF)."""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{esc(content)}</text>'
    )


def rect(x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> str:
    """A filled rectangle."""
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(w, 0))}" height="{num(max(h, 0))}" '
        f'fill="{fill}" {extra}/>'
    )


def line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1) -> str:
    """A straight line."""
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{stroke}" stroke-width="{num(width)}"/>'
    )


def score_colour(score: float | None) -> str:
    """A colour for a score: red at 0, amber at 50, green at 100; grey without a score."""
    if score is None:
        return "#e4e7eb"
    s = min(max(score, 0.0), 100.0) / 100
    (a, b), f = ((RED, AMBER), s * 2) if s < 0.5 else ((AMBER, GREEN), s * 2 - 1)
    mixed = [round(int(a[i : i + 2], 16) * (1 - f) + int(b[i : i + 2], 16) * f) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def legend(items: Sequence[LegendItem], x: float, y: float, size: float = 8) -> list[str]:
    """A one-line legend starting at (x, y); returns its elements."""
    out: list[str] = []
    for item in items:
        if item.shape == "line":
            out.append(line(x, y - 3, x + 14, y - 3, item.colour, 2))
        elif item.shape == "tick":
            out.append(line(x + 6, y - 8, x + 6, y + 1, item.colour, 2))
        elif item.shape == "dot":
            out.append(f'<circle cx="{num(x + 5)}" cy="{num(y - 3)}" r="3" fill="{item.colour}"/>')
        else:
            out.append(rect(x, y - 8, 12, 8, item.colour, f'fill-opacity="{item.opacity:g}"'))
        out.append(text(x + 17, y, item.label, size=size, fill=MUTED))
        x += 17 + text_width(item.label, size) + 14
    return out


def text_width(content: str, size: float) -> float:
    """A width estimate for laying out labels: CJK characters are about twice as wide."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.56 for ch in content)


def clip(content: str, size: float, width: float) -> str:
    """``content`` shortened with an ellipsis to fit ``width`` at font ``size``."""
    if text_width(content, size) <= width:
        return content
    while content and text_width(content + "…", size) > width:
        content = content[:-1]
    return content + "…"


def document(width: float, height: float, body: Sequence[str], palette: Palette, title: str) -> str:
    """A standalone SVG document with a title for accessibility."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" font-family="{esc(palette.font)}">'
        f"<title>{esc(title)}</title>" + "".join(body) + "</svg>"
    )


def data_uri(svg: str) -> str:
    """An SVG document as a data: URI, for an ``<img>`` in a self-contained HTML file."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
