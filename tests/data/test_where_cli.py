"""``data.sources.<table>.where:``: a row filter in the rules' expression language, checked at
validate and counted in the ledger as ``filtered`` at run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.fixtures.workbook import SPEC, write_client_export

SHEET = "      sheet: 工单\n"


def with_where(where: str) -> str:
    return SPEC.replace(SHEET, f"{SHEET}      where: {where}\n")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_client_export(tmp_path)
    return tmp_path


def test_filtered_rows_are_left_out_and_counted(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(with_where("\"priority != 'P3'\""), encoding="utf-8")
    out = run_cli("run", "spec.yaml", "--out", "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((folder / "out" / "result.json").read_text("utf-8"))
    assert {"table": "tickets", "metric": "*", "reason": "filtered", "rows": 1, "column": ""} in (
        result["data_quality"]
    )
    values = {m["id"]: m["value"] for m in result["metrics"]}
    # T04 (P3) is gone from 2026Q3: T01, T02 resolved of T01-T03; responses after 1, 0.5, 2 h
    assert values["resolution_rate"] == pytest.approx(2 / 3)
    assert values["first_response_time"] == pytest.approx(3.5 / 3)
    assert values["complaint_rate"] == pytest.approx(1 / 3)


def test_a_filter_with_in_and_and(folder: Path, run_cli: RunCli) -> None:
    where = "\"category not in ('咨询') and created_at >= '2026-01-01'\""
    (folder / "spec.yaml").write_text(with_where(where), encoding="utf-8")
    out = run_cli("run", "spec.yaml", "--out", "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((folder / "out" / "result.json").read_text("utf-8"))
    filtered = [d["rows"] for d in result["data_quality"] if d["reason"] == "filtered"]
    assert filtered == [4]  # T02 and T06 (咨询), T07 and T08 (2025)
    values = {m["id"]: m["value"] for m in result["metrics"]}
    assert values["resolution_rate"] == pytest.approx(2 / 3)  # T01, T04 of T01, T03, T04


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (
            "\"priorty != 'P3'\"",
            "error: spec.yaml:13:15: where: 'priorty' is not a column of this table (did you "
            "mean 'priority'?)",
        ),
        (
            "\"value('csat') > 1\"",
            "error: spec.yaml:13:15: where: functions such as value() are not available in "
            "where:; compare columns with values, e.g. status != 'cancelled'",
        ),
        (
            '"priority =="',
            "error: spec.yaml:13:26: where: expected a value, found end of expression",
        ),
    ],
)
def test_validate_locates_a_bad_filter(
    folder: Path, run_cli: RunCli, where: str, expected: str
) -> None:
    (folder / "spec.yaml").write_text(with_where(where), encoding="utf-8")
    out = run_cli("validate", "spec.yaml", "--no-data")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [expected]


def test_validate_finds_a_filter_column_the_sheet_lacks(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(with_where("\"channel != 'phone'\""), encoding="utf-8")
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        "error: spec.yaml:10:5: crm.xlsx sheet '工单': no column 'channel' for tickets.channel, "
        "which where: reads (headers: '工单号', '创建时间', '客户编号', '优先级', '问题类型', "
        "'首次响应时间', '解决时间', '联系次数')"
    ]
