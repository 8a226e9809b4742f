"""Targets per segment and per period: ``target: {goal, red_flag, by_segment, by_period}``,
used in the scores of that period and of that segment's breakdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.fixtures.workbook import SPEC, write_client_export

TARGETS = (
    "metrics:\n"
    "  resolution_rate:\n"
    "    target:\n"
    "      by_segment: {B2C: {goal: 0.6, red_flag: 0.4}}\n"
    "      by_period: {2026Q3: {goal: 0.8, red_flag: 0.7}}\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_client_export(tmp_path)
    return tmp_path


def test_segment_and_period_targets_score_their_values(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(SPEC + TARGETS, encoding="utf-8")
    out = run_cli("run", "spec.yaml", "--out", "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((folder / "out" / "result.json").read_text("utf-8"))
    rate = next(m for m in result["metrics"] if m["id"] == "resolution_rate")
    # 2026Q3: 3 of 4 resolved = 0.75 against the period's target 0.8 / 0.7: 50 (the preset's
    # 0.90 / 0.75 would give 0).
    assert rate["value"] == pytest.approx(0.75)
    assert rate["score"] == pytest.approx(50.0)
    # 2026Q2 keeps the preset's target: T05, T06 resolved = 1.0 → 100.
    assert rate["previous"]["score"] == pytest.approx(100.0)
    b2b, b2c = rate["breakdown"]["segment"]["B2B"], rate["breakdown"]["segment"]["B2C"]
    # B2C (C3's T03 open, C4's T04 resolved) = 0.5 against its own 0.6 / 0.4: 50;
    # B2B (T01, T02 resolved) = 1.0 against the period's target: 100.
    assert (b2c["value"], b2c["score"]) == (pytest.approx(0.5), pytest.approx(50.0))
    assert (b2b["value"], b2b["score"]) == (pytest.approx(1.0), pytest.approx(100.0))
    assert rate["target"] == {
        "goal": 0.9,
        "red_flag": 0.75,
        "by_segment": {"B2C": {"goal": 0.6, "red_flag": 0.4}},
        "by_period": {"2026Q3": {"goal": 0.8, "red_flag": 0.7}},
    }


def test_a_segment_target_against_the_direction_is_an_error(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(
        SPEC + TARGETS.replace("{goal: 0.6, red_flag: 0.4}", "{goal: 0.4, red_flag: 0.6}"),
        encoding="utf-8",
    )
    out = run_cli("validate", "spec.yaml", "--no-data")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        "error: spec.yaml:34:32: target of 'resolution_rate' contradicts the metric's direction: "
        "higher is better, so the goal (0.4) must be above the red flag (0.6); swap them"
    ]
