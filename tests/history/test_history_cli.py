"""``evalkit run --history DIR`` archives every run write-once; ``evalkit history`` lists them
and says when a re-run of a quarter changed its numbers, and why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def test_quarters_and_a_rerun_with_changed_data(run_cli: RunCli, spec: Path) -> None:
    history = spec.parent / "history"
    for period in ("2026Q2", "2026Q3"):
        out = run_cli(
            "run", spec, "--period", period, "--out", spec.parent / period, "--history", history
        )
        assert out.exit_code == 0, out.stderr
    # the client corrects a survey answer in 2026Q3 (3 → 5) and the quarter is re-run
    surveys = spec.parent / "surveys.csv"
    surveys.write_text(SURVEYS.replace("2026-08-07 10:00,B2B,3", "2026-08-07 10:00,B2B,5"))
    assert run_cli("run", spec, "--out", spec.parent / "again", "--history", history).exit_code == 0

    rows = run_cli("history", history, "--json").json()
    assert [r["period"] for r in rows] == ["2026Q2", "2026Q3", "2026Q3"]
    # 2026Q2 overall: 0.75 × 83.33 + 0.25 × 100 = 87.5; 2026Q3: 75, then csat 4 of 4 = 1.0 → 100
    assert [r["score"] for r in rows] == [
        pytest.approx(87.5),
        pytest.approx(75.0),
        pytest.approx(100.0),
    ]
    assert rows[1]["rerun_of"] is None
    assert rows[2]["rerun_of"] == rows[1]["path"]
    assert rows[2]["changed"] == ["data:surveys"]
    assert rows[2]["score_changed"] is True
    # Q2 → Q3: frt 83.33 → 100 at weight 0.75 (+12.5), csat 100 → 0 at 0.25 (−25);
    # the re-run: csat 0 → 100 at 0.25 (+25), frt unchanged and not listed
    assert [r["score_change"] for r in rows] == [None, pytest.approx(-12.5), pytest.approx(25.0)]
    assert rows[1]["compared_with"] == rows[0]["path"]
    assert rows[2]["compared_with"] == rows[1]["path"]
    assert rows[1]["moved"] == [
        {"metric": "csat", "points": pytest.approx(-25.0)},
        {"metric": "frt", "points": pytest.approx(12.5)},
    ]
    assert rows[2]["moved"] == [{"metric": "csat", "points": pytest.approx(25.0)}]
    text = run_cli("history", history, env={"COLUMNS": "200"}).stdout
    assert "+25.0 (csat +25.0)" in text
    assert "-12.5 (csat -25.0, frt +12.5)" in text
    for row in rows:
        assert not os.access(row["path"], os.W_OK) or os.geteuid() == 0
        assert oct(os.stat(row["path"]).st_mode)[-3:] == "444"


def test_history_of_a_missing_folder(run_cli: RunCli, tmp_path: Path) -> None:
    out = run_cli("history", tmp_path / "none")
    assert out.exit_code == 2
    assert "no history folder" in out.stderr
