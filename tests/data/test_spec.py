"""Parsing the spec's ``data:`` section and checking metric requirements before reading data."""

from __future__ import annotations

from pathlib import Path

from evalkit_service_quality.surveys import CSAT

from evalkit.compute import MetricRequest
from evalkit.data import check_requirements, parse_data_section, redact
from evalkit.yamldoc import load_yaml_text

SPEC = """\
data:
  sources:
    tickets:
      path: tickets.csv
      columns: {ticket_id: 工单编号, frist_response_at: 首次响应}
    customers: {url: "postgresql://crm:hunter2@db:5432/crm", table: crm.customers}
  segments: [segment]
"""


def test_parse_locates_problems_and_keeps_password_out(tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text("工单编号\nT1\n", encoding="utf-8")
    doc = load_yaml_text(SPEC, "spec.yaml")
    data, problems = parse_data_section(doc, ("data",), tmp_path)
    assert data.sources["tickets"].path == tmp_path / "tickets.csv"
    assert data.segments == ("segment",)
    assert [str(p) for p in problems] == [
        "spec.yaml:5:34: warning: 'frist_response_at' is not a column of canonical table "
        "'tickets' (did you mean 'first_response_at'?)"
    ]
    assert "hunter2" not in data.sources["customers"].shown
    assert redact("postgresql://u:p@h:1/d") == "postgresql://u:***@h:1/d"


def test_missing_file_is_located(tmp_path: Path) -> None:
    doc = load_yaml_text("data:\n  sources:\n    tickets: {path: nope.csv}\n", "spec.yaml")
    _, problems = parse_data_section(doc, ("data",), tmp_path)
    assert [p.location.line if p.location else 0 for p in problems] == [3]
    assert "file not found" in problems[0].message


def test_requirements_name_metric_table_and_where(tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text("工单编号\nT1\n", encoding="utf-8")
    doc = load_yaml_text(SPEC, "spec.yaml")
    data, _ = parse_data_section(doc, ("data",), tmp_path)
    problems = check_requirements(data, [MetricRequest("csat", CSAT, {})], doc, ("data",))
    assert len(problems) == 1
    assert str(problems[0]).startswith("spec.yaml:2:3: metric 'csat' needs table 'surveys'")
