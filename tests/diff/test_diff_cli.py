"""``evalkit diff``: the change of the overall score decomposed exactly into its parts.

Result A is the evaluation of ``test_run_cli`` (frt 100 and CSAT 0 weighted 3 : 1 → 75). In B
the weights are equal, two more satisfied answers raise CSAT to 5 of 6 (score
(0.8333 − 0.8) / (0.95 − 0.8) = 22.22) and a rule adds 5 points: 0.5 × 100 + 0.5 × 22.22 + 5.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.diff import decompose
from tests.conftest import RunCli
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS

CSAT_B = (5 / 6 - 0.8) / 0.15 * 100


def _run(run_cli: RunCli, folder: Path, spec: str, surveys: str) -> Path:
    folder.mkdir()
    (folder / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (folder / "surveys.csv").write_text(surveys, encoding="utf-8")
    (folder / "spec.yaml").write_text(spec, encoding="utf-8")
    out = run_cli("run", folder / "spec.yaml", "--out", folder / "out")
    assert out.exit_code == 0, out.stderr
    return folder / "out" / "result.json"


def two_quarters(run_cli: RunCli, tmp_path: Path) -> tuple[Path, Path]:
    """The spec folder and a history of its runs for 2026Q2 and 2026Q3 (results in
    ``tmp_path/<period>``)."""
    folder = tmp_path / "q"
    _run(run_cli, folder, SPEC, SURVEYS)
    history = tmp_path / "history"
    for period in ("2026Q2", "2026Q3"):
        out = run_cli(
            "run",
            folder / "spec.yaml",
            "--period",
            period,
            "--out",
            tmp_path / period,
            "--history",
            history,
        )
        assert out.exit_code == 0, out.stderr
    return folder, history


@pytest.fixture
def results(run_cli: RunCli, tmp_path: Path) -> tuple[Path, Path]:
    a = _run(run_cli, tmp_path / "a", SPEC, SURVEYS)
    spec_b = SPEC.replace("{judgments: {frt: {csat: 3}}}", "{weights: {frt: 1, csat: 1}}")
    spec_b += "rules:\n  - {id: bonus, when: \"value('frt') < 2\", then: {bonus: 5}}\n"
    surveys_b = SURVEYS + "2026-09-20 10:00,B2B,5\n2026-09-21 10:00,B2C,5\n"
    return a, _run(run_cli, tmp_path / "b", spec_b, surveys_b)


def test_contributions_sum_to_the_change(run_cli: RunCli, results: tuple[Path, Path]) -> None:
    out = run_cli("diff", *results, "--json")
    assert out.exit_code == 0, out.stderr
    found = out.json()
    after = 0.5 * 100 + 0.5 * CSAT_B + 5
    assert (found["before"], found["after"]) == (pytest.approx(75.0), pytest.approx(after))
    parts = found["parts"]
    # frt: weight 0.75 → 0.5 at score 100: −25; csat: score 0 → 22.22 at weight 0.25, then
    # weight 0.25 → 0.5 at 22.22; rules +5
    assert parts == {
        "scores": pytest.approx(0.25 * CSAT_B),
        "weights": pytest.approx(-25 + 0.25 * CSAT_B),
        "coverage": pytest.approx(0.0),
        "rules": pytest.approx(5.0),
    }
    assert sum(parts.values()) == pytest.approx(after - 75.0, abs=1e-9)
    assert found["criteria"] == {"quality": pytest.approx(after - 75.0 - 5.0, abs=1e-9)}
    assert {d["table"]: d["changed"] for d in found["data"]} == {
        "tickets": False,
        "surveys": True,
    }
    assert found["spec_changed"] is True
    text = run_cli("diff", *results).stdout
    assert f"Overall score 75.0 → {after:.1f} ({after - 75:+.1f} points" in text


def test_coverage_is_a_part_of_its_own() -> None:
    def result(metrics: list[dict], score: float) -> dict:
        return {
            "overall": {"score": score, "score_before_rules": score},
            "metrics": metrics,
            "criteria": [{"id": "q", "parent": "root"}],
            "provenance": {"spec_sha256": "x", "data": []},
        }

    a = result([{"id": "m1", "criterion": "q", "global_weight": 1.0, "score": 60.0}], 60.0)
    b = result(
        [
            {"id": "m1", "criterion": "q", "global_weight": 0.5, "score": 60.0},
            {"id": "m2", "criterion": "q", "global_weight": 0.5, "score": 100.0},
        ],
        80.0,
    )
    change = decompose(a, b).to_json()
    # m2 has data only in B: +50 by coverage; m1 loses half its weight: −30
    assert change["parts"] == {"scores": 0.0, "weights": -30.0, "coverage": 50.0, "rules": 0.0}
    assert change["change"] == 20.0


def test_a_file_that_is_not_a_result(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    out = run_cli("diff", bad, bad)
    assert out.exit_code == 2
    assert "not an evalkit result" in out.stderr
