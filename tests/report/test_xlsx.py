"""result.xlsx read back: sheets, values as numbers, the report's language."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from evalkit.report import render_report
from tests.conftest import RunCli
from tests.diff.test_diff_cli import _run
from tests.diff.test_diff_parts import BONUS, CSAT_6, EQUAL, MORE, NO_Q3
from tests.pipeline.test_run_cli import SPEC, SURVEYS
from tests.report.conftest import Rendered, load


def test_workbook_sheets_and_values(rendered: Rendered) -> None:
    book = openpyxl.load_workbook(rendered.path("xlsx"))
    if rendered.locale == "en":
        assert book.sheetnames == [
            "Scorecard", "Metrics", "Segments", "Criteria and weights", "AHP", "Findings",
            "Data quality",
        ]  # fmt: skip
    else:
        assert book.sheetnames == [
            "计分卡", "指标", "细分", "维度与权重", "AHP", "发现与建议", "数据质量"
        ]  # fmt: skip
    metrics = list(book.worksheets[1].iter_rows(values_only=True))
    rows = {r[0]: r for r in metrics[1:]}
    assert len(rows) == 12
    csat = rows["csat"]
    assert csat[1] == ("客户满意度" if rendered.locale == "zh-CN" else "Customer satisfaction")
    assert csat[5] == 0.912 and csat[6] == 0.95 and csat[7] == 0.8
    assert rows["iot_monitoring_coverage"][16].startswith("division by zero")
    segments = list(book.worksheets[2].iter_rows(values_only=True))[1:]
    assert ("csat", csat[1], "segment", "B2B", 0.935, 90) in segments
    criteria = {r[0]: r for r in book.worksheets[3].iter_rows(values_only=True)}
    assert criteria["service_quality"][3] == 0.352 and criteria["service_quality"][5] == 81.4
    ahp = [r for r in book.worksheets[4].iter_rows(values_only=True) if any(r)]
    assert any(0.1641 in r for r in ahp)
    assert len(list(book.worksheets[5].iter_rows())) == 1 + 5
    quality = list(book.worksheets[6].iter_rows(values_only=True))
    assert quality[1] == (
        "tickets",
        "first_response_time",
        "first_response_at before created_at",
        37,
    )


def test_scorecard_first_grouped_by_criterion_values_in_their_units(rendered: Rendered) -> None:
    sheet = openpyxl.load_workbook(rendered.path("xlsx")).worksheets[0]
    rows = [[c for c in r] for r in sheet.iter_rows()]
    head = [c.value for c in rows[0]]
    en = rendered.locale == "en"
    assert head[5] == ("Score (0–100)" if en else "得分（0–100）")
    assert head[7] == ("Global weight (%)" if en else "全局权重（%）")
    # first the criterion Service quality (score 81.4, weight 35.2 %), then its four metrics
    quality = rows[1]
    assert quality[0].value == ("Service quality" if en else "服务质量")
    assert (quality[5].value, quality[7].value, quality[7].number_format) == (81.4, 0.352, "0.0%")
    by_name = {r[0].value: r for r in rows[2:6]}
    csat = by_name["Customer satisfaction" if en else "客户满意度"]
    assert [c.value for c in csat[1:4]] == [0.912, 0.95, 0.8]
    assert {c.number_format for c in csat[1:4]} == {"0.0%"}  # a fraction shows as a percentage
    assert csat[8].value == ("percentage" if en else "百分比")
    frt = by_name["First response time" if en else "首次响应时间"]
    assert (frt[1].value, frt[1].number_format) == (2.6, '#,##0.0 "h"' if en else '#,##0.0 "小时"')
    metrics = sum(1 for r in rows[1:] if r[1].value is not None or r[4].value is not None)
    assert metrics == 12  # every metric once


def test_segment_values_by_their_display_names(tmp_path: Path) -> None:
    result = load("result_demo.json")
    result["report"]["values"] = {"segment": {"B2B": {"en": "Business", "zh": "企业客户"}}}
    for locale, shown in (("en", "Business"), ("zh-CN", "企业客户")):
        (path,) = render_report(result, tmp_path / locale, ["xlsx"], locale=locale)
        segments = list(openpyxl.load_workbook(path).worksheets[2].iter_rows(values_only=True))
        csat = [r for r in segments[1:] if r[0] == "csat" and r[2] == "segment"]
        assert shown in {r[3] for r in csat} and "B2B" not in {r[3] for r in csat}


def test_changes_sheet_with_a_previous_result(run_cli: RunCli, tmp_path: Path) -> None:
    """The "together" case of tests/diff/test_diff_parts.py: A (no Q3 answers) scores 100 on
    frt alone; B weighs frt and CSAT equally, has CSAT 22.22 and a bonus of 5. By hand: frt's
    weight 1 → 0.5 at score 100 is −50, CSAT comes in at 0.5 × 22.22, the rule adds 5."""
    a = _run(run_cli, tmp_path / "a", SPEC, NO_Q3)
    b = _run(run_cli, tmp_path / "b", EQUAL + BONUS, MORE)
    out = run_cli(
        "run", b.parent.parent / "spec.yaml", "--previous", a, "--format", "xlsx",
        "--out", tmp_path / "c",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    book = openpyxl.load_workbook(tmp_path / "c" / "result.xlsx")
    assert book.sheetnames[-1] == "得分变化"
    rows = [r for r in book["得分变化"].iter_rows(values_only=True) if any(r)]
    by_label = {r[0]: r[1] for r in rows[:8]}
    assert by_label["对比的上期结果"] == "2026年第3季度"
    assert by_label["变化前综合得分"] == pytest.approx(100.0)
    assert by_label["变化后综合得分"] == pytest.approx(50 + CSAT_6 / 2 + 5)
    assert by_label["变化（分）"] == pytest.approx(CSAT_6 / 2 + 5 - 50)
    parts = [by_label[k] for k in ("指标得分", "权重", "数据覆盖", "规则")]
    assert parts == [0, -50, pytest.approx(CSAT_6 / 2), 5]
    # every metric's contribution, the largest first
    assert rows[8][:6] == ("指标", "维度", "指标得分", "权重", "数据覆盖", "合计")
    quality = "服务质量"
    assert rows[9] == ("首次响应时间", quality, 0, -50, 0, -50)
    csat = pytest.approx(CSAT_6 / 2)
    assert rows[10] == ("客户满意度", quality, 0, 0, csat, csat)
    spec = {r[0]: r[1:4] for r in rows[12:15]}
    assert rows[11][:4] == ("键", "变化类型", "变化前", "变化后")
    assert spec["rules"][0] == "新增"
    assert spec["weights.quality.judgments"] == ("删除", '{"frt": {"csat": 3}}', None)
    assert spec["weights.quality.weights"] == ("新增", None, '{"csat": 1, "frt": 1}')
    data = {r[0]: r[1:] for r in rows[16:]}  # tables named as the report names them
    # B's surveys: the 8 answers of A less its Q3 ones, plus the Q3 answers of MORE
    assert data["满意度调查（surveys）"][4] == "是"
    tickets = data["工单（tickets）"]
    assert tickets[1:] == (tickets[0], 0, 0, "否")


def test_no_changes_sheet_without_a_previous_result(run_cli: RunCli, tmp_path: Path) -> None:
    b = _run(run_cli, tmp_path / "b", SPEC, SURVEYS)
    out = run_cli("render", b, "--format", "xlsx", "--out", tmp_path / "r")
    assert out.exit_code == 0, out.stderr
    assert "得分变化" not in openpyxl.load_workbook(tmp_path / "r" / "result.xlsx").sheetnames


def test_changes_sheet_when_nothing_changed(run_cli: RunCli, tmp_path: Path) -> None:
    a = _run(run_cli, tmp_path / "a", SPEC, SURVEYS)
    out = run_cli(
        "run", a.parent.parent / "spec.yaml", "--previous", a, "--format", "xlsx",
        "--out", tmp_path / "c",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    rows = [r for r in openpyxl.load_workbook(tmp_path / "c" / "result.xlsx")["得分变化"]
            .iter_rows(values_only=True) if any(r)]  # fmt: skip
    assert rows[3][:2] == ("变化（分）", 0)
    assert ("评估规范未变化。", None, None, None, None, None) in rows
    assert {r[0]: r[5] for r in rows[-2:]} == {
        "满意度调查（surveys）": "否",
        "工单（tickets）": "否",
    }
