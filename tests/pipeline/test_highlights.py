"""The strongest and weakest metrics: one ranking in result.json, the findings and the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SURVEYS, TICKETS

SPEC = """\
version: 1
evaluation: {title: Highlights, client: ACME, period: 2026Q3, go_live: 2026-01-15}
data:
  sources:
    tickets: {path: tickets.csv}
    surveys: {path: surveys.csv}
criteria:
  quality:
    title: Quality
    metrics: [frt, frt_loose, frt_looser, csat_easy, csat, frt_tight]
weights:
  quality:
    weights:
      {frt: 0.3, frt_loose: 0.1, frt_looser: 0.1, csat_easy: 0.1, csat: 0.25, frt_tight: 0.15}
metrics:
  frt: {metric: first_response_time, unit: hours, target: {goal: 2, red_flag: 8}, title: FRT}
  frt_loose:
    {metric: first_response_time, unit: hours, target: {goal: 24, red_flag: 48}, title: Loose}
  frt_looser:
    {metric: first_response_time, unit: hours, target: {goal: 12, red_flag: 48}, title: Looser}
  csat_easy: {metric: csat, target: {goal: 0.5, red_flag: 0.2}, title: Easy CSAT}
  csat: {target: {goal: 0.95, red_flag: 0.80}, title: CSAT}
  frt_tight:
    {metric: first_response_time, unit: hours, target: {goal: 1, red_flag: 2}, title: Tight}
"""


def test_one_ranking_everywhere(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out", "--format", "json,html")
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    # FRT 1.5 h and CSAT 0.75 meet four goals (score 100). Ties: weight 0.3 first, then the
    # three at 0.1 by distance beyond the goal: Loose (24 − 1.5) / 24 = 0.94, Easy CSAT
    # (0.75 − 0.5) / 0.3 = 0.83, Looser (12 − 1.5) / 36 = 0.29.
    assert result["highlights"] == {
        "strongest": ["frt", "frt_loose", "csat_easy"],
        "weakest": ["csat", "frt_tight"],  # 0 and (2 − 1.5) / (2 − 1) = 50
        "meeting_goal": 4,
    }
    strongest = next(f for f in result["findings"] if f["rule"] == "auto.strongest")
    assert strongest["text"]["en"] == (
        "4 metrics meet their goal; those with the most weight: "
        "FRT (100), Loose (100), Easy CSAT (100)."
    )
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    block = html[html.index('class="highlight highlight-strongest') :]
    block = block[: block.index("highlight-weakest")]
    assert "共 4 项指标达到目标" in block  # the spec has no locale: zh-CN
    assert re.findall(r"<tr><td>([^<]+)<span", block) == ["FRT", "Loose", "Easy CSAT"]
