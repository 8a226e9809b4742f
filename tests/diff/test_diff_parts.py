"""``evalkit diff`` on runs where the weights, the data, the rules and the coverage change
alone and all together: the parts, computed by hand, add up to the change to 1e-9.

Base (A): 2026Q3 frt 1.5 h → 100, CSAT 3 of 4 satisfied = 0.75 below its red flag → 0, weighted
3 : 1 by AHP → 75. Six Q3 answers with five satisfied give CSAT (5/6 − 0.8) / 0.15 = 22.22.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.diff import decompose
from evalkit.diff.spec import spec_changes
from evalkit.spec.stored import stored_spec
from tests.conftest import RunCli
from tests.diff.test_diff_cli import _run, two_quarters
from tests.pipeline.test_run_cli import SPEC, SURVEYS, TICKETS

CSAT_6 = (5 / 6 - 0.8) / 0.15 * 100
EQUAL = SPEC.replace("{judgments: {frt: {csat: 3}}}", "{weights: {frt: 1, csat: 1}}")
BONUS = "rules:\n  - {id: bonus, when: \"value('frt') < 2\", then: {bonus: 5}}\n"
MORE = SURVEYS + "2026-09-20 10:00,B2B,5\n2026-09-21 10:00,B2C,5\n"
NO_Q3 = "\n".join(line for line in SURVEYS.splitlines() if not line.startswith("2026-0")) + "\n"
NO_Q3 += "2026-04-09 10:00,B2B,5\n2026-05-10 10:00,B2C,5\n"

# name: (spec A, surveys A, spec B, surveys B, before, after, parts)
CASES = {
    # frt's weight 0.75 → 0.5 at score 100 (−25), csat's 0.25 → 0.5 at score 0
    "weights": (SPEC, SURVEYS, EQUAL, SURVEYS, 75.0, 50.0, (0.0, -25.0, 0.0, 0.0)),
    # csat 0 → 22.22 at weight 0.25
    "data": (SPEC, SURVEYS, SPEC, MORE, 75.0, 75 + CSAT_6 / 4, (CSAT_6 / 4, 0.0, 0.0, 0.0)),
    "rules": (SPEC, SURVEYS, SPEC + BONUS, SURVEYS, 75.0, 80.0, (0.0, 0.0, 0.0, 5.0)),
    # A has no Q3 answers: frt alone counts (weight 1 → 100); in B csat comes in at 0.25 × 22.22
    # and frt's weight drops to 0.75 (−25)
    "coverage": (SPEC, NO_Q3, SPEC, MORE, 100.0, 75 + CSAT_6 / 4, (0.0, -25.0, CSAT_6 / 4, 0.0)),
    # all at once: 100 → 0.5 × 100 + 0.5 × 22.22 + 5; frt 1 → 0.5 (−50), csat in at 0.5
    "together": (
        SPEC,
        NO_Q3,
        EQUAL + BONUS,
        MORE,
        100.0,
        50 + CSAT_6 / 2 + 5,
        (0.0, -50.0, CSAT_6 / 2, 5.0),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_part_alone_and_together(run_cli: RunCli, tmp_path: Path, case: str) -> None:
    spec_a, surveys_a, spec_b, surveys_b, before, after, parts = CASES[case]
    a = _run(run_cli, tmp_path / "a", spec_a, surveys_a)
    b = _run(run_cli, tmp_path / "b", spec_b, surveys_b)
    found = run_cli("diff", a, b, "--json").json()
    assert (found["before"], found["after"]) == (pytest.approx(before), pytest.approx(after))
    names = ("scores", "weights", "coverage", "rules")
    assert found["parts"] == {
        n: pytest.approx(p, abs=1e-9) for n, p in zip(names, parts, strict=True)
    }
    assert abs(sum(found["parts"].values()) - (found["after"] - found["before"])) < 1e-9
    assert abs(sum(m["total"] for m in found["metrics"]) + parts[3] - (after - before)) < 1e-9


def test_data_changes_per_table(run_cli: RunCli, tmp_path: Path) -> None:
    a = _run(run_cli, tmp_path / "a", SPEC, SURVEYS)
    b = _run(run_cli, tmp_path / "b", SPEC, MORE)
    data = {d["table"]: d for d in run_cli("diff", a, b, "--json").json()["data"]}
    assert data["surveys"] == {
        "table": "surveys",
        "rows_before": 8,
        "rows_after": 10,
        "added": 2,
        "removed": 0,
        "changed": True,
    }
    assert data["tickets"]["changed"] is False
    assert "surveys          rows 8 → 10, changed (+2 / −0 rows)" in run_cli("diff", a, b).stdout


def test_spec_changes_key_by_key(run_cli: RunCli, tmp_path: Path) -> None:
    a = _run(run_cli, tmp_path / "a", SPEC, SURVEYS)
    b = _run(run_cli, tmp_path / "b", EQUAL.replace("goal: 0.95", "goal: 0.9") + BONUS, SURVEYS)
    spec = run_cli("diff", a, b, "--json").json()["spec"]
    assert spec == [
        {"key": "metrics.csat.target.goal", "kind": "changed", "before": 0.95, "after": 0.9},
        {
            "key": "rules",
            "kind": "added",
            "before": None,
            "after": [{"id": "bonus", "when": "value('frt') < 2", "then": {"bonus": 5}}],
        },
        {
            "key": "weights.quality.judgments",
            "kind": "removed",
            "before": {"frt": {"csat": 3}},
            "after": None,
        },
        {
            "key": "weights.quality.weights",
            "kind": "added",
            "before": None,
            "after": {"frt": 1, "csat": 1},
        },
    ]
    text = run_cli("diff", a, b).stdout
    assert "  ~ metrics.csat.target.goal: 0.95 → 0.9" in text
    assert '  - weights.quality.judgments: {"frt": {"csat": 3}}' in text


def test_the_stored_spec_keeps_variables_and_masks_passwords(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (folder / "surveys.csv").write_text(SURVEYS, encoding="utf-8")
    (folder / "spec.yaml").write_text(
        SPEC.replace("client: ACME Machinery", "client: ${CLIENT}"), encoding="utf-8"
    )
    out = run_cli("run", folder / "spec.yaml", "--out", folder / "out", env={"CLIENT": "ACME"})
    assert out.exit_code == 0, out.stderr
    result = json.loads((folder / "out" / "result.json").read_text(encoding="utf-8"))
    stored = result["provenance"]["spec_resolved"]
    assert result["evaluation"]["client"]["en"] == "ACME"
    assert stored["evaluation"]["client"] == "${CLIENT}"  # the environment's value is not kept
    assert list(stored) == sorted(stored)
    written = {"url": "postgresql://crm:hunter2@db/crm?sslmode=require", "b": [{"z": 1, "a": 2}]}
    assert json.dumps(stored_spec(written)) == json.dumps(
        {"b": [{"a": 2, "z": 1}], "url": "postgresql://crm:***@db/crm?sslmode=require"}
    )


def test_an_older_result_compares_by_hash_only(run_cli: RunCli, tmp_path: Path) -> None:
    a = _run(run_cli, tmp_path / "a", SPEC, SURVEYS)
    b = _run(run_cli, tmp_path / "b", EQUAL, SURVEYS)
    old = json.loads(a.read_text(encoding="utf-8"))
    del old["provenance"]["spec_resolved"]
    a.chmod(0o644)
    a.write_text(json.dumps(old), encoding="utf-8")
    assert run_cli("diff", a, b, "--json").json()["spec"] is None
    assert "Spec: changed (hash only)" in run_cli("diff", a, b).stdout


def test_two_periods_of_a_history(run_cli: RunCli, tmp_path: Path) -> None:
    folder, history = two_quarters(run_cli, tmp_path)
    (folder / "surveys.csv").write_text(MORE, encoding="utf-8")  # Q3 re-run: the last one counts
    out = run_cli("run", folder / "spec.yaml", "--out", tmp_path / "rerun", "--history", history)
    assert out.exit_code == 0, out.stderr
    found = run_cli("diff", "--period", "2026Q2..2026Q3", history, "--json").json()
    # 2026Q2: 0.75 × 83.33 + 0.25 × 100 = 87.5; the Q3 re-run: 75 + 0.25 × 22.22
    assert (found["before"], found["after"]) == (
        pytest.approx(87.5),
        pytest.approx(75 + CSAT_6 / 4),
    )
    missing = run_cli("diff", "--period", "2026Q1..2026Q3", history)
    assert missing.exit_code == 2
    assert "no run of 2026Q1 in the history (periods: 2026Q2, 2026Q3)" in missing.stderr
    bad = run_cli("diff", "--period", "2026Q2", history)
    assert bad.exit_code == 2
    assert "BEFORE..AFTER" in bad.stderr


def test_a_database_table_is_compared_by_its_row_count() -> None:
    def result(data: list[dict]) -> dict:
        return {
            "overall": {"score": 50.0, "score_before_rules": 50.0},
            "metrics": [],
            "provenance": {"spec_sha256": "x", "data": data},
        }

    a = result([{"table": "t", "sha256": "", "rows": 10}, {"table": "u", "sha256": "", "rows": 5}])
    b = result([{"table": "t", "sha256": "", "rows": 10}, {"table": "u", "sha256": "", "rows": 7}])
    data = {d["table"]: d for d in decompose(a, b).to_json()["data"]}
    assert data["t"]["changed"] is None  # no hash, same count: unknown
    assert (data["u"]["changed"], data["u"]["added"], data["u"]["removed"]) == (True, 2, 0)


def test_spec_changes_walk_mappings_and_equal_length_lists() -> None:
    before = {"rules": [{"id": "r", "then": {"bonus": 2}}], "tags": ["a"], "x": {"y": 1}}
    after = {"rules": [{"id": "r", "then": {"bonus": 3}}], "tags": ["a", "b"], "z": None}
    assert [c.to_json() for c in spec_changes(before, after)] == [
        {"key": "rules.0.then.bonus", "kind": "changed", "before": 2, "after": 3},
        {"key": "tags", "kind": "changed", "before": ["a"], "after": ["a", "b"]},
        {"key": "x", "kind": "removed", "before": {"y": 1}, "after": None},
        {"key": "z", "kind": "added", "before": None, "after": None},
    ]
