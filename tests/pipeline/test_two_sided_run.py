"""A two-sided target (a metric whose direction is ``target``) through ``evalkit run``: budget
variance is best on budget, and an under-spend is as far off plan as an over-spend."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import RunCli

# Budget 1000 a quarter. Spent: 2026Q3 880 (−12 %), 2026Q2 1060 (+6 %), 2026Q1 1010 (+1 %).
COSTS = """\
incurred_on,amount,cost_type,stage
2026-07-10,500,labour,repair
2026-08-10,380,parts,repair
2026-04-10,1060,labour,repair
2026-01-10,1010,labour,repair
"""
BUDGETS = """\
period,amount,cost_type,stage
2026Q3,1000,,
2026Q2,1000,,
2026Q1,1000,,
"""
SPEC = """\
version: 1
evaluation:
  title: {en: Budget, zh: 预算}
  client: ACME
  go_live: 2026-04-01
  period: 2026Q3
data:
  sources:
    costs: {path: costs.csv}
    budgets: {path: budgets.csv}
criteria:
  cost: {title: {en: Cost, zh: 成本}, metrics: [budget_variance]}
metrics:
  budget_variance: {target: TARGET}
"""


def _spec(tmp_path: Path, target: str) -> Path:
    (tmp_path / "costs.csv").write_text(COSTS, encoding="utf-8")
    (tmp_path / "budgets.csv").write_text(BUDGETS, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace("TARGET", target), encoding="utf-8")
    return spec


def _run(run_cli: RunCli, tmp_path: Path, target: str) -> dict:
    spec = _spec(tmp_path, target)
    out = run_cli("run", spec, "--out", tmp_path / "out", "--format", "json,html")
    assert out.exit_code == 0, out.stderr
    result: dict = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    return next(m for m in result["metrics"] if m["id"] == "budget_variance")


def test_under_and_over_spend_both_score_against_the_goal(run_cli: RunCli, tmp_path: Path) -> None:
    metric = _run(run_cli, tmp_path, "{goal: 0, red_flag: 0.10}")
    assert metric["direction"] == "target"
    # −12 % is beyond the red flag's distance (10 %) on the low side: 0, red.
    assert metric["value"] == pytest.approx(-0.12)
    assert (metric["score"], metric["status"]) == (0.0, "red")
    # +6 %: 100 · (1 − 0.06 / 0.10) = 40, amber; +1 %: 100 · (1 − 0.01 / 0.10) = 90.
    assert metric["previous"]["score"] == pytest.approx(40.0)
    trend = {p["period"]: p["score"] for p in metric["trend"]}
    assert trend["2026Q1"] == pytest.approx(90.0)


def test_tolerance_counts_fully_and_is_in_the_result(run_cli: RunCli, tmp_path: Path) -> None:
    metric = _run(run_cli, tmp_path, "{goal: 0, tolerance: 0.02, red_flag: 0.15}")
    assert metric["target"] == {"goal": 0.0, "red_flag": 0.15, "tolerance": 0.02}
    # −12 %: 100 · (0.15 − 0.12) / (0.15 − 0.02) = 23.08; +1 % is within ± 2 %: 100, green.
    assert metric["score"] == pytest.approx(300 / 13)
    assert metric["status"] == "amber"
    assert next(p for p in metric["trend"] if p["period"] == "2026Q1")["score"] == 100.0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    # The target cell: goal ± tolerance / the red flag's distance on either side.
    assert re.search(r"0\.0% ±2\.0% / <span class=\"red\">±15\.0%", html)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "{goal: 0.1, red_flag: 0.1}",
            "spec.yaml:14:36: target of 'budget_variance': the red flag (0.1) equals the goal; "
            "set red_flag to a value on either side of the goal where the score reaches 0",
        ),
        (
            "{goal: 0, tolerance: 0.2, red_flag: 0.1}",
            "spec.yaml:14:50: tolerance (0.2) must be a number below the red flag's distance "
            "from the goal (0.1); lower it or move the red flag",
        ),
    ],
)
def test_two_sided_target_problems_are_located(
    run_cli: RunCli, tmp_path: Path, target: str, message: str
) -> None:
    out = run_cli("validate", _spec(tmp_path, target))
    assert out.exit_code == 2
    assert [line.split("/")[-1] for line in out.stderr.splitlines()] == [message]
