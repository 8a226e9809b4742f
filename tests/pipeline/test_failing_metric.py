"""A plugin metric that raises is isolated: its value is null with status error, the run goes
on, and the weights follow ``scoring.missing``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS

BROKEN = """
from evalkit import hookimpl
from evalkit.compute.protocol import General
from evalkit.metric import MetricDefinition


def _explode(context):
    raise ZeroDivisionError("the plugin divided by zero")


@hookimpl
def register_metrics():
    return [
        MetricDefinition(
            id="acme.broken",
            title={"en": "Broken", "zh": "坏指标"},
            description="Always fails.",
            formula="1 / 0",
            unit="fraction",
            direction="higher",
            columns={"tickets": ("ticket_id", "created_at")},
            computation=General(tables=("tickets",), compute=_explode),
        )
    ]
"""


@pytest.mark.parametrize(("missing", "overall"), [("renormalize", 75.0), ("zero", 37.5)])
def test_failing_metric_is_isolated(
    run_cli: RunCli, tmp_path: Path, missing: str, overall: float
) -> None:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "acme.py").write_text(BROKEN, encoding="utf-8")
    text = SPEC.replace(
        "  quality: {title: {en: Service quality, zh: 服务质量}, metrics: [frt, csat]}\n",
        "  quality: {title: {en: Service quality, zh: 服务质量}, metrics: [frt, csat]}\n"
        "  extra: {title: {en: Extra, zh: 额外}, metrics: [broken]}\n",
    ) + (
        "  broken: {metric: acme.broken, target: {goal: 1, red_flag: 0}}\n"
        f"scoring: {{missing: {missing}}}\n"
    )
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    out = run_cli("run", spec, "--out", tmp_path / "out", "--plugins-dir", plugins)
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    broken = next(m for m in result["metrics"] if m["id"] == "broken")
    assert broken["value"] is None
    assert broken["status"] == "error"
    assert "the plugin divided by zero" in broken["error"]
    # root: quality (score 75) and extra (no score) weigh 1/2 each; renormalize → 75,
    # zero → (75 + 0) / 2
    assert result["overall"]["score"] == pytest.approx(overall, abs=1e-9)
    # the summary is in the spec's language (zh-CN by default): 计算错误 is the error status
    summary = " ".join(out.stdout.split())  # the console wraps long lines
    assert "计算错误 坏指标: ZeroDivisionError: the plugin divided by zero" in summary


def test_sensitivity_in_the_result(run_cli: RunCli, tmp_path: Path) -> None:
    # two top-level criteria with equal weights: quality scores 75 (see test_run_cli), a second
    # criterion over the same csat data scores 0 → overall 37.5 (D: below 60).
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    text = (
        SPEC.replace(
            "  quality: {title: {en: Service quality, zh: 服务质量}, metrics: [frt, csat]}\n",
            "  quality: {title: {en: Service quality, zh: 服务质量}, metrics: [frt, csat]}\n"
            "  voice: {title: {en: Voice, zh: 客户声音}, metrics: [csat2]}\n",
        )
        + "  csat2: {metric: csat, target: {goal: 0.95, red_flag: 0.80}}\n"
    )
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    assert run_cli("run", spec, "--out", tmp_path / "out").exit_code == 0
    result = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    assert result["overall"]["score"] == pytest.approx(37.5)
    ranges = {r["criterion"]: r for r in result["sensitivity"]}
    # quality at weight v: S = 75v → D while 75v < 60, i.e. v < 0.8
    assert ranges["quality"]["min_weight"] == pytest.approx(0.0)
    assert ranges["quality"]["max_weight"] == pytest.approx(0.8)
    # voice at weight v: S = 75(1 − v) → D while v > 0.2
    assert ranges["voice"]["min_weight"] == pytest.approx(0.2)
    assert ranges["voice"]["max_weight"] == pytest.approx(1.0)
