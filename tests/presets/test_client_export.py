"""A client export with only tickets + customers (one workbook, Chinese sheet names) and a GBK
survey CSV runs ``extends: [market/b2b, industry/manufacturing]`` with no overrides: the
presets' metrics the data cannot feed are listed as not applicable and left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import RunCli
from tests.fixtures.workbook import (
    NOT_APPLICABLE_BY_COLUMN,
    NOT_APPLICABLE_BY_TABLE,
    SPEC,
    TICKETS,
    write_client_export,
)


@pytest.fixture
def export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_client_export(tmp_path)
    return tmp_path


def left_out(stdout: str) -> list[str]:
    return [line.split("'")[1] for line in stdout.splitlines() if "is not applicable" in line]


def test_validate_lists_every_metric_left_out_and_why(export: Path, run_cli: RunCli) -> None:
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 0, out.stderr
    assert sorted(left_out(out.stdout)) == sorted(
        NOT_APPLICABLE_BY_TABLE + NOT_APPLICABLE_BY_COLUMN
    )
    lines = out.stdout.splitlines()
    assert (
        "spec.yaml: metric 'agent_utilization' is not applicable: data.sources has no agents "
        "table; left out with its weight" in lines
    )
    assert (
        "spec.yaml: metric 'service_cost_ratio' is not applicable: data.sources has no costs or "
        "orders table; left out with its weight" in lines
    )
    assert (
        "spec.yaml: metric 'ticket_cycle_time' is not applicable: the data has no column "
        "tickets.closed_at; left out with its weight" in lines
    )
    # 28 metrics in the two presets, 18 left out; revenue growth, cost control and technology
    # lose every metric and disappear: 16 criteria - 6 = 10 remain.
    assert lines[-1] == "spec.yaml: ok (10 metrics, 10 criteria, 4 rules, 18 not applicable)"


def test_validate_no_data_knows_only_the_missing_tables(export: Path, run_cli: RunCli) -> None:
    out = run_cli("validate", "spec.yaml", "--no-data")
    # Without headers, cost_per_ticket and proactive_service_share keep cost control and
    # technology (one sub-criterion each); only revenue growth goes: 5 top-level criteria,
    # 5 + 2 + 1 + 1 below them = 14.
    assert out.exit_code == 0, out.stderr
    assert sorted(left_out(out.stdout)) == sorted(NOT_APPLICABLE_BY_TABLE)
    assert out.stdout.splitlines()[-1] == (
        "spec.yaml: ok (15 metrics, 14 criteria, 4 rules, 13 not applicable)"
    )


def test_run_scores_what_the_data_feeds(export: Path, run_cli: RunCli) -> None:
    out = run_cli("run", "spec.yaml", "--out", "out", "--format", "json,html,xlsx")
    assert out.exit_code == 0, out.stderr
    summary = " ".join(out.stdout.split())  # the console wraps long lines
    assert "未纳入评估（数据缺少所需的表或列）：ticket_cycle_time, " in summary
    book = load_workbook(export / "out" / "result.xlsx")
    rows = [tuple(r) for r in book["数据质量"].iter_rows(values_only=True)]
    assert (
        "tickets",
        "cost_per_ticket",
        "未纳入评估的指标: 未找到该列 (tickets.cost)",
        None,
    ) in rows
    html = (export / "out" / "report.html").read_text("utf-8")
    assert '<h2 id="not-applicable">未纳入评估的指标</h2>' in html
    assert "<td>单位工单服务成本</td><td>未找到该列</td><td>tickets.cost</td>" in html
    result = json.loads((export / "out" / "result.json").read_text("utf-8"))
    entries = {n["metric"]: n for n in result["not_applicable"]}
    assert set(entries) == set(NOT_APPLICABLE_BY_TABLE + NOT_APPLICABLE_BY_COLUMN)
    assert entries["ticket_cycle_time"] == {
        "metric": "ticket_cycle_time",
        "title": {"en": "Ticket cycle time", "zh": "工单处理周期"},
        "reason": "column_not_found",
        "missing": ["tickets.closed_at"],
    }
    assert entries["roi"] == {
        "metric": "roi",
        "title": {"en": "Return on investment", "zh": "投资回报率"},
        "reason": "table_not_mapped",
        "missing": ["cash_flows.period_index", "cash_flows.amount"],
    }
    # Root sub-matrix over the three criteria left: quality : efficiency = 2 (base),
    # loyalty : quality = 1 and loyalty : efficiency = 2 (b2b) — consistent, so 0.4/0.4/0.2.
    root = {c["id"]: c["local_weight"] for c in result["criteria"] if c["parent"] == "root"}
    assert root == pytest.approx(
        {"service_quality": 0.4, "customer_loyalty": 0.4, "service_efficiency": 0.2}
    )
    assert result["ahp"]["root"]["cr"] == pytest.approx(0.0, abs=1e-9)
    # Efficiency keeps processing : resources = 2 : 1 once field service is gone.
    efficiency = {
        c["id"]: c["local_weight"]
        for c in result["criteria"]
        if c["parent"] == "service_efficiency"
    }
    assert efficiency == pytest.approx({"se_processing": 2 / 3, "se_resources": 1 / 3})
    values = {m["id"]: m["value"] for m in result["metrics"]}
    assert set(values) == {
        "first_response_time",
        "resolution_rate",
        "resolution_time",
        "csat",
        "complaint_rate",
        "backlog_rate",
        "service_coverage",
        "retention_rate",
        "first_contact_resolution",
        "repeat_issue_rate",
    }
    # 2026Q3 by hand: first responses after 1, 0.5, 2 and 4 hours; 3 of 4 tickets resolved;
    # GBK survey scores 5, 4, 2 (2 satisfied); one 投诉 of 4 tickets; regions (joined from the
    # customers sheet): 华东 and 华南 served of 华东, 华南, 华北.
    assert values["first_response_time"] == pytest.approx(1.875)
    assert values["resolution_rate"] == pytest.approx(0.75)
    assert values["csat"] == pytest.approx(2 / 3)
    assert values["complaint_rate"] == pytest.approx(0.25)
    assert values["service_coverage"] == pytest.approx(2 / 3)


def test_scoring_missing_fail_keeps_presets_strict(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "spec.yaml").write_text(SPEC + "scoring: {missing: fail}\n", encoding="utf-8")
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    assert (
        "error: spec.yaml:13:7: crm.xlsx sheet '工单': no column 'closed_at' for "
        "tickets.closed_at, needed by metric 'ticket_cycle_time' (criterion 'se_processing') "
        "(headers: '工单号', '创建时间', '客户编号', '优先级', '问题类型', '首次响应时间', "
        "'解决时间', '联系次数'); map it under data.sources.tickets.columns"
    ) in out.stderr.splitlines()
    assert "metric 'agent_utilization' needs table 'agents'" in out.stderr


def test_a_metric_the_spec_declares_must_run(export: Path, run_cli: RunCli, tmp_path: Path) -> None:
    own = SPEC.replace("extends: [market/b2b, industry/manufacturing]\n", "") + (
        "criteria:\n  speed: {title: Speed, metrics: [cycle]}\n"
        "metrics:\n  cycle: {metric: ticket_cycle_time, target: {goal: 60, red_flag: 600}}\n"
        "  origin_share: {metric: proactive_service_share}\n"
    )
    (tmp_path / "spec.yaml").write_text(own, encoding="utf-8")
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    # origin_share is used by no criterion: it needs no columns (left out, not an error).
    assert errors == [
        "error: spec.yaml:12:7: crm.xlsx sheet '工单': no column 'closed_at' for "
        "tickets.closed_at, needed by metric 'cycle' (criterion 'speed') (headers: '工单号', "
        "'创建时间', '客户编号', '优先级', '问题类型', '首次响应时间', '解决时间', '联系次数'); "
        "map it under data.sources.tickets.columns"
    ]


def test_a_mapped_header_the_sheet_lacks_is_found_by_validate(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    broken = SPEC.replace("resolved_at: 解决时间", "resolved_at: 解决日期").replace(
        "sheet: 客户", "sheet: 客户表"
    )
    (tmp_path / "spec.yaml").write_text(broken, encoding="utf-8")
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert errors[0].startswith(
        "error: spec.yaml:20:22: crm.xlsx sheet '工单': no column '解决日期' for "
        "tickets.resolved_at, needed by metric 'resolution_rate' (criterion 'sq_resolution'), "
        "'resolution_time' (criterion 'sq_resolution'), 'backlog_rate' (criterion "
        "'se_processing'), "
    )
    assert errors[0].endswith(
        "(headers: '工单号', '创建时间', '客户编号', '优先级', '问题类型', '首次响应时间', "
        "'解决时间', '联系次数'); closest header: '解决时间'"
    )
    assert errors[1] == "error: spec.yaml:24:14: crm.xlsx: no sheet '客户表'; sheets: 工单, 客户"


def test_each_sheet_of_the_workbook_has_its_own_fingerprint(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    assert run_cli("run", "spec.yaml", "--out", "one", "--history", "history").exit_code == 0
    provenance = json.loads((tmp_path / "one" / "result.json").read_text("utf-8"))["provenance"]
    assert [(d["table"], d["source"]) for d in provenance["data"]] == [
        ("tickets", "crm.xlsx sheet '工单'"),
        ("customers", "crm.xlsx sheet '客户'"),
        ("surveys", "surveys.csv"),
    ]
    # the client corrects one ticket (T03 was resolved after all) and the quarter is re-run
    corrected = tuple((*t[:6], "2026-08-06 10:00", 1) if t[0] == "T03" else t for t in TICKETS)
    write_client_export(tmp_path, tickets_rows=corrected)
    assert run_cli("run", "spec.yaml", "--out", "two", "--history", "history").exit_code == 0
    rows = run_cli("history", "history", "--json").json()
    assert rows[1]["changed"] == ["data:tickets"]


def test_a_rule_on_a_metric_left_out_is_skipped(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    rules = (
        "rules:\n"
        "  - id: slow-cycle\n"
        "    when: \"value('ticket_cycle_time') > 100\"\n"
        "    then: {finding: {severity: warning, text: slow}}\n"
    )
    (tmp_path / "spec.yaml").write_text(SPEC + rules, encoding="utf-8")
    out = run_cli("run", "spec.yaml", "--out", "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text("utf-8"))
    assert result["rules"] == [
        {
            "id": "slow-cycle",
            "fired": False,
            "skipped": "no data",
            "effects": {},
            "message": "value('ticket_cycle_time') has no data",
            "title": None,
        }
    ]


def test_validate_reports_a_missing_file_and_a_missing_header_together(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    broken = SPEC.replace("path: surveys.csv", "path: survey.csv").replace(
        "category: 问题类型", "category: 类型"
    )
    (tmp_path / "spec.yaml").write_text(broken, encoding="utf-8")
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: spec.yaml:18:19: crm.xlsx sheet '工单': no column '类型' for tickets.category, "
        "needed by metric 'complaint_rate' (criterion 'sq_satisfaction'), 'repeat_issue_rate' "
        "(criterion 'sq_product_quality') (headers: '工单号', '创建时间', '客户编号', '优先级', "
        "'问题类型', '首次响应时间', '解决时间', '联系次数'); closest header: '问题类型'",
        "error: spec.yaml:28:13: file not found: survey.csv",
    ]


def test_a_problem_after_a_metric_left_out_keeps_its_column(
    export: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    text = SPEC + (
        "criteria:\n  customer_loyalty:\n    metrics: [cross_sell_rate, retention_rate, cstat]\n"
    )
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    # cross_sell_rate (no orders) is left out; the error still points at 'cstat', column 48
    assert out.stderr.splitlines() == [
        "error: spec.yaml:33:48: unknown metric 'cstat' in criterion 'customer_loyalty' (did you "
        "mean 'csat'?); declare it under metrics:"
    ]
