"""Hand-written SVG charts; every chart has a legend, its labels are placed over it as HTML."""

from evalkit.report.charts.bars import BarSeries, grouped_bars
from evalkit.report.charts.bullet import BulletLegend, BulletRow, bullets
from evalkit.report.charts.heatmap import heat_class, heat_styles, score_legend
from evalkit.report.charts.line import score_line
from evalkit.report.charts.radar import Series, radar
from evalkit.report.charts.sparkline import sparkline
from evalkit.report.charts.svg import Chart, Label, Palette, data_uri, score_colour

__all__ = [
    "BarSeries",
    "BulletLegend",
    "BulletRow",
    "Chart",
    "Label",
    "Palette",
    "Series",
    "bullets",
    "data_uri",
    "grouped_bars",
    "heat_class",
    "heat_styles",
    "radar",
    "score_colour",
    "score_legend",
    "score_line",
    "sparkline",
]
