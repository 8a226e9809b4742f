"""Scoring methods from plugins: chosen per spec or per metric, and unknown names rejected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS

STEP = """
from evalkit import hookimpl
from evalkit.scoring.methods import ScoringMethod
from evalkit.scoring.targets import Scored


def _pass_fail(value, target, direction):
    ok = value >= target.goal if direction == "higher" else value <= target.goal
    return Scored(100.0 if ok else 0.0, "green" if ok else "red")


@hookimpl
def register_scoring_methods():
    return [ScoringMethod("acme.pass_fail", "100 when the goal is met, else 0", _pass_fail)]
"""


def _spec(tmp_path: Path, extra_metric: str, scoring: str) -> tuple[Path, Path]:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "acme.py").write_text(STEP, encoding="utf-8")
    text = SPEC.replace(
        "metric: first_response_time, unit: hours,",
        f"metric: first_response_time, unit: hours,{extra_metric}",
    )
    spec = tmp_path / "spec.yaml"
    spec.write_text(text + scoring, encoding="utf-8")
    return spec, plugins


def test_plugin_method_for_one_metric(run_cli: RunCli, tmp_path: Path) -> None:
    spec, plugins = _spec(tmp_path, " scoring: acme.pass_fail,", "")
    out = run_cli(
        "run", spec, "--out", tmp_path / "out", "--plugins-dir", plugins, "--period", "2026Q2"
    )
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    frt = next(m for m in result["metrics"] if m["id"] == "frt")
    # 2026Q2 mean first response 3 h > goal 2 h: pass/fail gives 0 where linear gave 83.3
    assert (frt["score"], frt["status"]) == (0.0, "red")
    csat = next(m for m in result["metrics"] if m["id"] == "csat")
    assert csat["score"] == pytest.approx(100.0)  # 1.0 ≥ goal, linear


def test_unknown_method_is_located(run_cli: RunCli, tmp_path: Path) -> None:
    spec, plugins = _spec(tmp_path, "", "scoring: {method: acme.pass_fial}\n")
    out = run_cli("validate", spec, "--plugins-dir", plugins)
    assert out.exit_code == 2
    assert out.stderr.strip().endswith(
        "spec.yaml:19:19: unknown scoring method 'acme.pass_fial' (did you mean "
        "'acme.pass_fail'?); available: linear, acme.pass_fail"
    ), out.stderr
