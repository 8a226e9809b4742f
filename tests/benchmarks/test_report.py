"""The benchmark page and the peer band, in both languages, from a Result with benchmarks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from evalkit.report import render_report
from evalkit.report.charts.bullet import BulletLegend, BulletRow, bullets
from evalkit.report.charts.svg import Palette
from tests.report.conftest import load

PEERS = {"industry": "manufacturing", "market": "b2b"}


def with_benchmarks(synthetic: bool) -> dict[str, Any]:
    """The report fixture with peers for three metrics: csat leads (percentile 90), first
    response time (lower is better) lags (percentile 80 → standing 20), nps in the middle."""
    result = load("result_demo.json")
    given = {
        "csat": ({"p25": 0.80, "p50": 0.85, "p75": 0.88, "p90": 0.91}, 90.0),
        "first_response_time": ({"p25": 1.0, "p50": 1.5, "p75": 2.0, "p90": 3.0}, 80.0),
        "nps": ({"p25": 30.0, "p50": 35.0, "p75": 40.0}, 57.5),
    }
    for metric in result["metrics"]:
        if metric["id"] in given:
            quantiles, percentile = given[metric["id"]]
            metric["benchmark"] = {
                "pack": "peers",
                "population": PEERS,
                "n": 20,
                "quantiles": quantiles,
                "percentile": percentile,
                "outside": None,
                "synthetic": synthetic,
            }
    result["benchmarks"] = [
        {
            "id": "peers",
            "title": {"en": "Peers", "zh": "同业"},
            "source": {"en": "a survey of peers", "zh": "同业调查"},
            "synthetic": synthetic,
            "periods": ["2026Q3"],
            "populations": [{"population": PEERS, "clients": 20, "metrics": 3}],
        }
    ]
    return result


@pytest.mark.parametrize(
    ("locale", "source", "population"),
    [
        ("en", "Source: a survey of peers", "Population (industry: manufacturing, market: B2B)"),
        ("zh-CN", "来源：同业调查", "同业群体（行业：制造业，市场：B2B（企业客户））"),
    ],
)
def test_the_pack_is_described_in_the_reports_language(
    tmp_path: Path, locale: str, source: str, population: str
) -> None:
    (html,) = render_report(with_benchmarks(True), tmp_path, ["html"], locale=locale)
    text = html.read_text(encoding="utf-8")
    assert source in text and population in text
    assert "industry=" not in text


@pytest.mark.parametrize(
    ("locale", "title", "mark"),
    [("en", "Benchmarks against peers", "SYNTHETIC"), ("zh-CN", "标杆分析", "合成数据")],
)
def test_the_benchmark_page_sorts_by_standing(
    tmp_path: Path, locale: str, title: str, mark: str
) -> None:
    (html,) = render_report(with_benchmarks(True), tmp_path, ["html"], locale=locale)
    text = html.read_text(encoding="utf-8")
    page = text[text.index('id="sec-benchmarks"') :]
    page = page[: page.index("</section>")]
    assert title in page
    assert page.count(mark) >= 2  # the title and the table's repeated header row
    rows = re.findall(r'<tr>\s*<td class="name">([^<]+)</td>', page)
    assert len(rows) == 3
    csat, nps, frt = (load_title(locale, m) for m in ("csat", "nps", "first_response_time"))
    assert rows == [csat, nps, frt]  # standing 90, 57.5, 20
    # every criterion chapter that draws a peer band says the peers are synthetic
    assert text.count("note synthetic") == 1  # csat, nps, frt are all under service_quality


def load_title(locale: str, metric: str) -> str:
    found = next(m for m in load("result_demo.json")["metrics"] if m["id"] == metric)
    return str(found["title"]["en" if locale == "en" else "zh"])


def test_a_real_pack_is_not_marked_synthetic(tmp_path: Path) -> None:
    (html,) = render_report(with_benchmarks(False), tmp_path, ["html"], locale="en")
    text = html.read_text(encoding="utf-8")
    assert 'id="sec-benchmarks"' in text
    assert "SYNTHETIC" not in text and "note synthetic" not in text


def test_no_benchmark_no_page(tmp_path: Path) -> None:
    (html,) = render_report(load("result_demo.json"), tmp_path, ["html"], locale="en")
    assert 'id="sec-benchmarks"' not in html.read_text(encoding="utf-8")


LEGEND = BulletLegend("v", "g", "r", "ok", "mid", "bad", "none", "peers")


def test_the_peer_band_is_drawn_behind_the_value() -> None:
    palette = Palette("#0b4f9c", "#e07b00")
    row = BulletRow("csat", 0.9, 0.95, 0.8, "higher", "90%")
    assert "#52606d" not in bullets([row], palette, LEGEND, "t").svg
    chart = bullets(
        [BulletRow("csat", 0.9, 0.95, 0.8, "higher", "90%", band=(0.5, 0.7))], palette, LEGEND, "t"
    )
    band = re.search(
        r'<rect x="([\d.]+)" y="6" width="([\d.]+)" height="10" fill="#52606d"', chart.svg
    )
    assert band is not None, chart.svg
    # the axis runs 0 … 1.0 (ticks of 0.2 covering 0.95) over 280 px from x = 240, the row's
    # top at y = 4: p25 0.5 at 380, 0.2 wide = 56 px, the band from y 6
    assert float(band[1]) == pytest.approx(240 + 0.5 * 280, abs=0.1)
    assert float(band[2]) == pytest.approx(0.2 * 280, abs=0.1)
    assert chart.svg.index("#52606d") < chart.svg.index('height="6"')  # behind the value bar
    assert "peers" in [label.content for label in chart.labels]


def test_the_workbook_has_a_benchmarks_sheet(tmp_path: Path) -> None:
    import openpyxl

    (path,) = render_report(with_benchmarks(True), tmp_path, ["xlsx"], locale="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Benchmarks"
    rows = list(book.worksheets[-1].iter_rows(values_only=True))
    assert rows[0][:3] == ("Id", "Title", "Value")
    by_id = {r[0]: r for r in rows[1:]}
    assert set(by_id) == {"first_response_time", "csat", "nps"}
    csat = by_id["csat"]
    assert csat[2:9] == (0.912, None, 0.80, 0.85, 0.88, 0.91, 90.0)
    assert csat[9:] == ("peers", "industry=manufacturing, market=b2b", 20, "synthetic")
    (path,) = render_report(load("result_demo.json"), tmp_path / "plain", ["xlsx"], locale="en")
    assert "Benchmarks" not in openpyxl.load_workbook(path).sheetnames


def test_the_benchmark_page_fits_a_phone(tmp_path: Path) -> None:
    from tests.report.test_html_screen import _probe

    (html,) = render_report(with_benchmarks(True), tmp_path, ["html"], locale="zh-CN")
    probe = _probe(tmp_path, html, 390)
    assert probe["page"] <= probe["room"] <= 390, probe  # no sideways scrolling of the page
    assert probe["outside"] == []  # the benchmark table scrolls inside its frame
