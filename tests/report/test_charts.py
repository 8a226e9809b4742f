"""Charts: pictures without SVG text, their labels placed over them as HTML."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from evalkit.report import render_report
from evalkit.report.charts import (
    BarSeries,
    BulletLegend,
    BulletRow,
    Label,
    Palette,
    Series,
    bullets,
    grouped_bars,
    radar,
)
from evalkit.report.charts.bullet import GREEN, RED
from evalkit.report.charts.svg import column
from tests.report.conftest import Rendered, load

LEGEND = BulletLegend("Value", "Goal", "Red flag", "Meets goal", "Between", "Beyond", "No data")


def test_label_css_places_the_baseline_and_anchors_the_text() -> None:
    start = Label(10, 20, "a", size=10).css(640)
    assert "left: 10px; width: 630px" in start and "top: 11.2px" in start
    end = Label(600, 20, "a", anchor="end").css(640)
    assert "right: 40px; width: 600px; text-align: right" in end
    middle = Label(300, 20, "a", anchor="middle", weight="bold").css(640)
    assert "left: 200px; width: 200px; text-align: center" in middle
    assert "font-weight: 700" in middle


def test_a_column_label_puts_its_first_baseline_at_y_and_the_next_step_below() -> None:
    # Line box 24px: the baseline is 12px + (0.88 - 0.5) x 9px = 15.42px below the box's top.
    css = Label(0, 19, "a\nb", size=9, step=24).css(640)
    assert "top: 3.6px" in css
    assert "line-height: 24px; white-space: pre" in css
    # One line per row, whatever the texts hold.
    assert column(0, 19, ["two\nlines", "", "c"], 24).content == "two lines\n\u00a0\nc"


def test_bullet_chart_keeps_every_text_as_a_label_and_none_in_the_svg() -> None:
    rows = [
        BulletRow("First response time", 2.6, 2.0, 8.0, "lower", "2.6 h"),
        BulletRow("Survey score", None, 0.9, 0.6, "higher", "—"),
    ]
    chart = bullets(rows, Palette("#0b5cab", "#f08c00"), LEGEND, "Quality")
    assert "<text" not in chart.svg and "<title>Quality</title>" in chart.svg
    texts = [label.content for label in chart.labels]
    # One unit, extents 8 and 0.9 (under 20 x apart): one panel, its axis 0 … 8 in steps of 2
    # (8 / 5 = 1.6, the next of 1, 2, 2.5, 5 x 10^n is 2). Names and values are columns, a
    # line per row; the row without a value says so apart.
    assert texts[:5] == ["0", "2", "4", "6", "8"]
    assert texts[5:8] == ["First response time\nSurvey score", "2.6 h\n\u00a0", "No data"]
    assert [label.step for label in chart.labels[5:7]] == [24, 24]
    assert texts[8:] == ["Value", "Goal", "Red flag", "Meets goal", "Between", "Beyond"]
    assert all(
        0 <= label.x <= chart.width and 0 < label.y <= chart.height for label in chart.labels
    )


def _tick(value: float, step: float, unit: str) -> str:
    return f"{value:g}{unit[0]}"  # short: ticks 56 px apart keep every label


def test_each_unit_gets_its_own_panel_and_axis_in_that_unit() -> None:
    rows = [
        BulletRow("First response time", 2.6, 2.0, 8.0, "lower", "2.6 h", unit="hours"),
        BulletRow("Resolution rate", 0.948, 0.9, 0.75, "higher", "94.8%", unit="fraction"),
        BulletRow("Mean time to resolve", 25.9, 24.0, 48.0, "lower", "25.9 h", unit="hours"),
    ]
    chart = bullets(rows, Palette("#0b5cab", "#f08c00"), LEGEND, "Quality", _tick)
    ticks = {(label.content, label.x) for label in chart.labels if label.anchor == "middle"}
    # Hours: 0 … 48 in about five steps is 9.6 a step, rounded up to 10: 0 … 50 over the
    # 280 px bar from x = 240, 56 px a tick. Fractions: 0 … 0.948 → steps of 0.2 up to 1.
    hours = {(f"{10 * k}h", 240 + 56 * k) for k in range(6)}
    share = {(f"{v:g}f", 240 + 56 * k) for k, v in enumerate((0, 0.2, 0.4, 0.6, 0.8, 1))}
    assert ticks == hours | share
    # The two hour rows share the first panel (in the order of the rows), the share its own.
    names = [label.content for label in chart.labels if label.step == 24]
    assert names[0] == "First response time\nMean time to resolve"
    assert "Resolution rate" in names


def test_amounts_of_different_magnitude_do_not_share_a_scale() -> None:
    rows = [
        BulletRow("Cost per ticket", 163.68, 150.0, 300.0, "lower", "¥163.68", unit="currency"),
        BulletRow("Net present value", 614361, 500000, 0, "higher", "¥614,361", unit="currency"),
    ]
    chart = bullets(rows, Palette("#0b5cab", "#f08c00"), LEGEND, "Cost", _tick)
    ticks = [label.content for label in chart.labels if label.anchor == "middle"]
    # 300 / 5 = 60 → steps of 100 up to 300; 614,361 / 5 → steps of 200,000 up to 800,000.
    assert ticks[:4] == ["0c", "100c", "200c", "300c"]
    assert ticks[4:] == [f"{k * 200000}c" for k in range(5)]


def test_a_long_name_wraps_and_is_never_cut() -> None:
    name = "Parts and value-added service revenue share of all after-sales revenue"
    rows = [
        BulletRow(name, 0.3, 0.35, 0.2, "higher", "30%", unit="fraction"),
        BulletRow("Short", 0.5, 0.35, 0.2, "higher", "50%", unit="fraction"),
    ]
    chart = bullets(rows, Palette("#0b5cab", "#f08c00"), LEGEND, "x", _tick)
    texts = [label.content for label in chart.labels]
    assert not any("…" in t for t in texts)
    (wrapped,) = [t for t in texts if t.startswith("Parts")]
    assert " ".join(wrapped.split("\n")) == name and wrapped.count("\n") == 1
    # Every row is one line taller (11 px) so the two lines have room.
    assert {label.step for label in chart.labels if "Short" in label.content} == {35}


def test_report_charts_have_labels_and_legends_as_html(rendered: Rendered) -> None:
    charts = re.findall(r'<div class="chart" style="[^"]*">(.*?)</div>', rendered.html, re.S)
    assert len(charts) >= 8  # radar, trend, a bullet chart per criterion, bars, heat legend
    for chart in charts:
        uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', chart)
        assert uri is not None
        assert b"<text" not in base64.b64decode(uri[1])
        assert "<span" in chart
    legend = "Red flag" if rendered.locale == "en" else "预警线"
    assert any(legend in chart for chart in charts)
    assert legend in rendered.text  # the PDF keeps the labels as text


def test_chart_labels_are_escaped(tmp_path: Path) -> None:
    result = load("result_demo.json")
    title = '<img src="file:///etc/passwd">'
    result["metrics"][0]["title"] = {"en": title, "zh": title}
    (written,) = render_report(result, tmp_path, ["html"], locale="en")
    html = written.read_text(encoding="utf-8")
    assert '<img src="file:' not in html
    assert re.search(r"<span style=\"[^\"]*\">&lt;img src=&#34;file:", html)


def test_a_two_sided_target_has_red_flags_and_red_zones_on_both_sides() -> None:
    def drawn(row: BulletRow) -> tuple[int, int, int]:
        svg = bullets([row], Palette("#0b5cab", "#f08c00"), LEGEND, "x").svg
        ticks = len(re.findall(rf'<line[^>]*stroke="{RED}"', svg))
        return ticks, svg.count(f'fill="{RED}"'), svg.count(f'fill="{GREEN}"')

    # Utilization: goal 80 % ± 5 %, red flag 60 % and so 100 %; a one-sided row has one red
    # tick and one red zone (the legend draws one of each as well), one green zone.
    one_sided = drawn(BulletRow("Resolution", 0.75, 0.9, 0.6, "higher", "75%"))
    two_sided = drawn(BulletRow("Utilization", 0.75, 0.8, 0.6, "target", "75%", 0.05))
    assert (two_sided[0] - one_sided[0], two_sided[1] - one_sided[1]) == (1, 1)
    assert two_sided[2] == one_sided[2]


def test_a_negative_value_is_a_bar_from_zero_to_the_left() -> None:
    row = BulletRow("Budget variance", -0.12, 0.0, 0.1, "target", "-12%")
    svg = bullets([row], Palette("#0b5cab", "#f08c00"), LEGEND, "x").svg
    x, width = map(
        float, re.findall(r'<rect x="([\d.]+)"[^>]*width="([\d.]+)"[^>]*#0b5cab', svg)[0]
    )
    # Values −0.12 … 0.1: 0.22 / 5 = 0.044 a step, rounded up to 0.05, so the axis runs
    # −0.15 … 0.1 over 280 px from x = 240; zero at 240 + 0.15 / 0.25 · 280 = 408, −0.12 at
    # 240 + 0.03 / 0.25 · 280 = 273.6.
    assert x + width == pytest.approx(408, abs=0.1)
    assert x == pytest.approx(273.6, abs=0.1)


def test_a_long_bar_category_wraps_and_is_never_cut() -> None:
    name = "Parts and value-added service revenue share of all after-sales revenue"
    series = [BarSeries("Now", "#0b5cab", [0.3, 0.5], ["30%", "50%"])]
    chart = grouped_bars([name, "Short"], series, "x")
    texts = [label.content for label in chart.labels]
    assert not any("…" in t for t in texts)
    (wrapped,) = [t for t in texts if t.startswith("Parts")]
    assert " ".join(wrapped.split("\n")) == name and wrapped.count("\n") == 1
    # One bar of 12 px and a 10 px gap would be 22 px a group; two lines of 11 px need 32.
    assert {label.step for label in chart.labels if "Short" in label.content} == {32}


def test_before_and_after_is_one_chart_of_the_largest_moves(tmp_path: Path) -> None:
    result = load("result_demo.json")
    first = result["metrics"][0]
    # 40 metrics: the old report drew them in four charts of ten; now one chart of the 16
    # whose score moved most, the table above listing every metric.
    for i in range(40 - len(result["metrics"])):
        moved = {**first, "id": f"extra{i}", "title": {"en": f"Extra {i}", "zh": f"附加 {i}"}}
        moved["baseline"] = {**first["baseline"], "score": float(i)}
        result["metrics"].append(moved)
    (written,) = render_report(result, tmp_path, ["html"], locale="en")
    html = written.read_text(encoding="utf-8")
    section = html[html.index('id="sec-before_after"') :]
    section = section[: section.index("</section>")]
    assert section.count("<figure") == 1
    (chart,) = re.findall(r'<div class="chart" style="[^"]*">(.*?)</div>', section, re.S)
    assert "Extra 0" in chart  # the largest move of the extras (from 0)
    bars = re.findall(r'<rect [^>]*height="10" fill="#0b5cab"', _svg(chart))
    assert len(bars) == 16  # one "now" bar (12 px less a 2 px gap) per metric shown


def _svg(chart_html: str) -> str:
    uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', chart_html)
    assert uri is not None
    return base64.b64decode(uri[1]).decode("utf-8")


def test_a_long_radar_axis_name_wraps_and_is_never_cut() -> None:
    name = "Customer retention, expansion and lifetime value growth"
    axes = [name, "Quality", "Cost", "Team", "Efficiency"]
    chart = radar(axes, [Series("Now", "#0b5cab", [80, 70, 60, 50, 40])], "x")
    texts = [label.content for label in chart.labels]
    assert not any("…" in t for t in texts)
    (wrapped,) = [t for t in texts if t.startswith("Customer")]
    assert " ".join(wrapped.split("\n")) == name and "\n" in wrapped
    # The top axis's name grows upwards: its last line stays 9 px above the outer ring's top.
    (label,) = [label for label in chart.labels if label.content == wrapped]
    assert label.y + (wrapped.count("\n")) * 9 == pytest.approx(102 - 68 - 9)


@pytest.mark.parametrize("value", [1e308, float("inf"), -1e200])
def test_a_value_too_large_to_draw_stays_inside_the_chart(value: float) -> None:
    row = BulletRow("Cost per ticket", value, 10.0, 100.0, "lower", "—", unit="currency")
    chart = bullets([row], Palette("#0b5cab", "#f08c00"), LEGEND, "x")
    # The scale comes from the goal and red flag (0 … 100); the bar stops at its end.
    xs = [float(x) for x in re.findall(r'x="(-?[\d.e+]+)"', chart.svg)]
    widths = [float(w) for w in re.findall(r'width="(-?[\d.e+]+)"', chart.svg)]
    assert all(0 <= x <= 640 for x in xs) and all(0 <= w <= 640 for w in widths)
