"""``evalkit serve --locale zh-CN``: every page of the dashboard in Chinese, from the report's
catalogs, numbers and dates as babel (CLDR) writes them for zh-CN; ``en`` stays the default.

The history (tests/serve/conftest.py): in acme's 2026Q3 first responses average 1.5 h (goal 2 h,
red flag 8 h → score 100, status green) and 3 of 4 answers are satisfied (0.75 under the red
flag 0.80 → 0, red); weights 0.75 and 0.25, so 75 (B). 2026Q2 scored 87.5 (A), so the change
is −12.50, all of it from the metric scores.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path
from typing import Any

import pytest

from evalkit.history.store import archive
from tests.conftest import RunCli
from tests.report.conftest import load
from tests.serve.conftest import Server, raw_get, serving

ENGLISH = re.compile(
    r"\b(Portfolio|Client|clients?|periods?|each cell|Overall score|Grade|Before rules|"
    r"Downloads|Compare with another run|Trend over the archived runs|Criteria and metrics|"
    r"[Ww]eight|Value|Score|Status|Segments|What if|Reset the weights|Goal|Red flag|"
    r"Meets goal|Watch|Definition|Reads|Why|Before|After|Change|Part|Points|scores|coverage|"
    r"rules|Largest contributions|Values that moved most|Data and spec|Table|Rows|Content|"
    r"changed|unchanged|Spec|Metric|Criterion|generated|Not found)\b"
)
"""UI words of the English pages (headings, labels, table heads, statuses, the what-if)."""


def visible(page: str) -> str:
    """The text a reader sees: no tags, no inline style or script."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def english_left(page: str) -> list[str]:
    """The English UI words still on a page."""
    return sorted(set(ENGLISH.findall(visible(page))))


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_kind_in_chinese(run_cli: RunCli, history: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = run_cli("serve", history, "--export", site, "--downloads", "json", "--locale", "zh-CN")
    assert done.exit_code == 0, done.stderr

    portfolio = _read(site, "index.html")
    assert '<html lang="zh-CN">' in portfolio
    assert "<title>总览 · evalkit</title>" in portfolio and "<h1>总览</h1>" in portfolio
    assert "2 个客户，3 个期间；每格为该期间最后一次运行的结果。" in portfolio
    assert "<th>客户</th>" in portfolio
    assert 'alt="各客户最近一次运行的得分"' in portfolio  # the bar chart's title and legend
    assert ">最近一次运行的得分</span>" in portfolio

    evaluation = _read(site, "acme/2026Q3/1/index.html")
    assert '<html lang="zh-CN">' in evaluation
    assert "<title>acme 2026Q3 #1 · evalkit</title>" in evaluation
    assert (
        "<h2>维度与指标</h2>" in evaluation and '<span class="label">综合得分</span>' in evaluation
    )
    assert 'id="overall-score">75.0</span>' in evaluation
    assert "<th>维度 / 指标</th>" in evaluation
    assert ">1.5 小时</td>" in evaluation  # units.hours of the zh catalog
    assert ">达标</span>" in evaluation and ">预警</span>" in evaluation  # green, red
    assert "<h2>调整权重试算</h2>" in evaluation and ">恢复原权重</button>" in evaluation
    assert "download>结果数据（JSON）</a>" in evaluation
    assert "与 2026Q2 #1 相比，得分为何变化？" in evaluation
    assert 'alt="综合得分"' in evaluation  # the trend chart
    assert "<h3>客户群</h3>" in evaluation  # the segment dimension by its zh name

    metric = _read(site, "acme/2026Q3/1/metrics/frt.html")
    assert "<title>首次响应时间 · acme 2026Q3 #1 · evalkit</title>" in metric
    assert '<h1 id="metric-title">首次响应时间</h1>' in metric
    assert 'id="metric-value">1.5 小时</span>' in metric
    assert '<span class="label">目标</span><span class="big">2 小时</span>' in metric
    assert '<span class="label">预警线</span><span class="big">8 小时</span>' in metric
    # 1.0 of its criterion (the only metric), 0.75 of the overall score
    assert "在所属维度中权重 100.0%，占综合得分 75.0%。" in metric
    assert "读取数据表：工单（tickets）。" in metric

    diff = _read(site, "acme/diff/2026Q2/1/2026Q3/1.html")
    assert "<title>acme：2026Q2 #1 → 2026Q3 #1 · evalkit</title>" in diff
    assert "<h1>得分变化原因：acme，2026Q2 #1 → 2026Q3 #1</h1>" in diff
    assert 'id="diff-change">-12.5</span>' in diff
    assert "<tr><td>指标得分</td><td" in diff and "评估规范：未变化。" in diff

    for name, page in (
        ("portfolio", portfolio),
        ("evaluation", evaluation),
        ("metric", metric),
        ("diff", diff),
    ):
        assert english_left(page) == [], name


def _exported_in_chinese(run_cli: RunCli, tmp_path: Path, *results: dict[str, Any]) -> Path:
    """The site ``evalkit serve --export --locale zh-CN`` writes for a history of ``results``
    (client northwind)."""
    for result in results:
        archive(result, tmp_path / "history" / "northwind")
    site = tmp_path / "site"
    args = ("--export", site, "--downloads", "json", "--locale", "zh-CN")
    assert run_cli("serve", tmp_path / "history", *args).exit_code == 0
    return site


def test_dates_numbers_and_names_of_a_rich_result(run_cli: RunCli, tmp_path: Path) -> None:
    result = load("result_demo.json")
    result["provenance"]["generated_at"] = "2026-10-08T09:30:00+00:00"
    result["report"]["values"] = {"segment": {"B2B": {"en": "Business", "zh": "企业客户"}}}
    cost = next(m for m in result["metrics"] if m["id"] == "cost_per_ticket")
    described = "统计期内每张工单的平均服务成本。"  # as a plugin gives a definition's translation
    cost["definition"]["translations"] = {"zh": {"description": described}}
    site = _exported_in_chinese(run_cli, tmp_path, result)
    evaluation = _read(site, "northwind/2026Q3/1/index.html")
    # CLDR's medium date for zh-CN is y年M月d日
    assert "northwind · 2026Q3 #1 · 生成于 2026年10月8日 09:30 UTC" in evaluation
    assert "<h1>ACME 服务系统落地效果评估</h1>" in evaluation  # the Result's zh title
    assert '<th class="num">企业客户</th>' in evaluation
    assert english_left(evaluation) == []
    # 236.8 CNY: CLDR writes the yuan "¥" in zh-CN (en: "CN¥") with two decimals
    metric = _read(site, "northwind/2026Q3/1/metrics/cost_per_ticket.html")
    assert 'id="metric-value">¥236.80</span>' in metric
    assert '<span class="label">状态</span><span class="big">关注</span>' in metric  # amber
    assert '<h1 id="metric-title">单位工单服务成本</h1>' in metric
    assert f"<p>{described}</p>" in metric
    assert english_left(metric) == []


def test_the_404_page_is_in_the_dashboards_language(server: Server, history: Path) -> None:
    status, headers, body = raw_get(server, "/acme/2031Q1/1/index.html")
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert b'<html lang="en">' in body and b"<h1>Not found</h1>" in body
    with serving(history, "--locale", "zh-CN") as chinese:
        status, _, body = raw_get(chinese, "/acme/2031Q1/1/index.html")
    page = body.decode("utf-8")
    assert status == 404 and '<html lang="zh-CN">' in page
    # links relative to the path asked for (as on every page), so a sub-path mount works
    assert "<h1>页面不存在</h1>" in page and '<a href="../../../index.html">返回总览</a>' in page
    assert english_left(page) == []
    status, _, body = raw_get(server, "/nothing.html")
    assert status == 404 and b'<a href="index.html">' in body


def test_english_is_the_default(run_cli: RunCli, history: Path, tmp_path: Path) -> None:
    for name, extra in (("default", ()), ("en", ("--locale", "en"))):
        args = ("--export", tmp_path / name, "--downloads", "json", *extra)
        assert run_cli("serve", history / "acme", *args).exit_code == 0
    for path in ("index.html", "acme/2026Q3/1/index.html", "acme/diff/2026Q2/1/2026Q3/1.html"):
        english = _read(tmp_path / "en", path)
        assert english == _read(tmp_path / "default", path), path
        assert '<html lang="en">' in english
    assert "<h1>Portfolio</h1>" in _read(tmp_path / "en", "index.html")


@pytest.mark.parametrize("value", ["fr", "zh", "zh_CN", ""])
def test_a_locale_not_offered(run_cli: RunCli, history: Path, tmp_path: Path, value: str) -> None:
    done = run_cli("serve", history, "--export", tmp_path / "site", "--locale", value)
    assert done.exit_code == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error")]
    assert errors == [
        f"Error: Invalid value for '--locale': '{value}' is not one of 'en', 'zh-CN'."
    ]
    assert "Traceback" not in done.stderr and not (tmp_path / "site").exists()


def test_a_diff_without_a_score_explains_itself_in_chinese(run_cli: RunCli, tmp_path: Path) -> None:
    q3 = load("result_demo.json")
    q2 = copy.deepcopy(q3)
    q2["evaluation"]["period"] = "2026Q2"
    q2["provenance"]["generated_at"] = "2026-07-08T09:30:00+00:00"
    q2["overall"]["score"] = None  # too little data to score the quarter
    site = _exported_in_chinese(run_cli, tmp_path, q2, q3)
    diff = _read(site, "northwind/diff/2026Q2/1/2026Q3/1.html")
    assert '<p class="problem">两次运行中有一次没有综合得分（数据不足），无法解释变化。</p>' in diff
    assert english_left(diff) == []
