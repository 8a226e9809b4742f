r"""Small pieces every chart is made of: escaping, the palette, labels, legends, the data URI.

Charts are SVG written by hand: vector, no plotting library. Their text is not SVG ``<text>``
but :class:`Label`\ s that the report places as HTML over the picture: WeasyPrint lays SVG text
out and draws it letter by letter, which made chart labels the slowest part of a PDF. As HTML
the labels stay text (selectable, found by ``pdftotext``) in the same font as the report.
"""

from __future__ import annotations

import base64
import re
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
    """The brand colours charts draw with."""

    primary: str
    accent: str


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


@dataclass(frozen=True)
class Label:
    """A chart's text at ``(x, y)`` in the chart's units, as SVG ``<text>`` would place it.

    ``y`` is the baseline; ``anchor`` is ``start``, ``middle`` or ``end`` of the text at ``x``.
    A label with ``step`` is a column: its content's lines (``\n``-separated) have their
    baselines ``step`` apart, the first at ``y`` — one HTML box for a whole column of row
    labels, where WeasyPrint's cost is per box.
    """

    x: float
    y: float
    content: str
    size: float = 9
    anchor: str = "start"
    fill: str = INK
    weight: str = "normal"
    step: float = 0.0

    def css(self, width: float) -> str:
        """The inline style placing the label over a chart ``width`` units wide (1 unit = 1px).

        Every label gets a width, so WeasyPrint need not measure its text to size the box.
        """
        # The baseline sits (BASELINE - 1/2) em below the middle of its line box.
        line = self.step or self.size
        top = self.y - line / 2 - (BASELINE - 0.5) * self.size
        if self.anchor == "end":
            across = f"right: {num(width - self.x)}px; width: {num(self.x)}px; text-align: right"
        elif self.anchor == "middle":
            across = f"left: {num(self.x - CENTRED / 2)}px; width: {CENTRED}px; text-align: center"
        else:
            across = f"left: {num(self.x)}px; width: {num(width - self.x)}px"
        bold = "; font-weight: 700" if self.weight == "bold" else ""
        lines = f"; line-height: {num(self.step)}px; white-space: pre" if self.step else ""
        return (
            f"{across}; top: {num(top)}px; font-size: {num(self.size)}px; color: {self.fill}"
            f"{bold}{lines}"
        )


BASELINE = 0.88  # the baseline's distance from the top of a line box (line-height 1), in em
CENTRED = 200  # the width of the box a centred label is centred in


def text(
    x: float,
    y: float,
    content: object,
    *,
    size: float = 9,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
) -> Label:
    """A label with its baseline at ``(x, y)``."""
    return Label(x, y, str(content), size, anchor, fill, weight)


def column(
    x: float,
    y: float,
    lines: Sequence[str],
    step: float,
    *,
    size: float = 9,
    fill: str = INK,
    weight: str = "normal",
) -> Label:
    """Left-aligned labels one under another, baselines ``step`` apart from ``y``, as one box.

    A line may be empty (a row without this label). Lines never wrap here: split long ones
    with ``wrap`` first.
    """
    # A line break inside a line (a title from YAML may have one) would put the rest out of step.
    flat = [" ".join(line.splitlines()) for line in lines]
    content = "\n".join(line or "\u00a0" for line in flat)  # an empty line keeps its place
    return Label(x, y, content, size, "start", fill, weight, step)


@dataclass(frozen=True)
class Chart:
    """A chart: the picture (SVG without text) and the labels placed over it."""

    width: float
    height: float
    svg: str
    labels: Sequence[Label]
    title: str

    @property
    def uri(self) -> str:
        """The picture as a data: URI."""
        return data_uri(self.svg)


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


SCALE_LOW, SCALE_MID, SCALE_HIGH = "#d73027", "#fee090", "#4575b4"
"""ColorBrewer's RdYlBu ends and middle: a diverging scale readers with red-green colour
blindness still tell apart (red–green scales are not)."""


def score_colour(score: float | None) -> str:
    """A colour for a score on a colour-blind-safe scale: red at 0, pale yellow at 50, blue at
    100; grey without a score."""
    if score is None:
        return "#e4e7eb"
    s = min(max(score, 0.0), 100.0) / 100
    low, mid, high = SCALE_LOW, SCALE_MID, SCALE_HIGH
    (a, b), f = ((low, mid), s * 2) if s < 0.5 else ((mid, high), s * 2 - 1)
    mixed = [round(int(a[i : i + 2], 16) * (1 - f) + int(b[i : i + 2], 16) * f) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def legend(items: Sequence[LegendItem], x: float, y: float, size: float = 8) -> list[str | Label]:
    """A one-line legend starting at (x, y); returns its shapes and labels."""
    out: list[str | Label] = []
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


def wrap(content: str, size: float, width: float) -> list[str]:
    """``content`` in lines that fit ``width`` at font ``size``, broken at spaces and between
    CJK characters (a word longer than a line is broken where it must): nothing is cut."""
    lines: list[str] = []
    current = ""
    for space, word in _WORDS.findall(" ".join(content.split())):
        joined = current + space + word
        if current and text_width(joined, size) > width:
            lines.append(current)
            joined = word
        while text_width(joined, size) > width and len(joined) > 1:  # one overlong word
            cut = max(k for k in range(1, len(joined)) if text_width(joined[:k], size) <= width)
            lines.append(joined[:cut])
            joined = joined[cut:]
        current = joined
    return [*lines, current]


_CJK = "\u2e80-\U0002ffff"
_WORDS = re.compile(rf"(\s?)([{_CJK}]|[^\s{_CJK}]+)")


def document(width: float, height: float, body: Sequence[str | Label], title: str) -> Chart:
    """The chart: its shapes as a standalone SVG document titled for accessibility, its labels."""
    shapes = "".join(part for part in body if isinstance(part, str))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}"><title>{esc(title)}</title>{shapes}</svg>'
    )
    labels = [part for part in body if isinstance(part, Label)]
    return Chart(width, height, svg, labels, title)


def data_uri(svg: str) -> str:
    """An SVG document as a data: URI, for an ``<img>`` in a self-contained HTML file."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
