"""A per-agent ratio is not broken down by customer segment: agents serve every segment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli

TICKETS = """\
ticket_id,created_at,resolved_at,agent_id,segment
T1,2026-07-01 09:00,2026-07-01 12:00,A,B2B
T2,2026-07-02 09:00,2026-07-02 12:00,A,B2C
T3,2026-07-03 09:00,2026-07-03 12:00,B,B2B
T4,2026-07-04 09:00,2026-07-04 12:00,B,B2C
T5,2026-07-05 09:00,2026-07-05 12:00,B,B2C
"""
SPEC = """\
version: 1
evaluation: {title: Agents, client: ACME, period: 2026Q3, locale: en}
data:
  sources: {tickets: {path: tickets.csv}}
  segments: [segment]
criteria:
  team: {title: Team, metrics: [tickets_per_agent, resolution_rate]}
metrics:
  tickets_per_agent: {target: {goal: 3, red_flag: 1}}
  resolution_rate: {target: {goal: 0.9, red_flag: 0.5}}
rules:
  - {id: b2b, when: "segment('tickets_per_agent', 'B2B') < 2", then: {penalty: 5}}
"""


def test_per_agent_ratio_has_no_segment_breakdown(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out", "--format", "json,html")
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    metrics = {m["id"]: m for m in result["metrics"]}
    per_agent = metrics["tickets_per_agent"]
    # 5 resolved tickets ÷ 2 agents = 2.5 → (2.5 − 1) / (3 − 1) = 75. Inside B2B it would be
    # 2 tickets ÷ 2 agents = 1 (score 0): the split says nothing about the segment.
    assert (per_agent["value"], per_agent["score"]) == (pytest.approx(2.5), pytest.approx(75.0))
    assert per_agent["breakdown"] == {}
    assert per_agent["definition"]["by_segment"] is False
    assert metrics["resolution_rate"]["breakdown"]["segment"]["B2B"]["value"] == 1.0
    # the rule reading the segment value finds none and is skipped
    assert result["rules"][0]["skipped"] == "no data"
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Not broken down by segment: Tickets handled per agent" in html
