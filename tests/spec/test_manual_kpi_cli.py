"""Manual KPIs: a metric instance with ``values:`` and ``source:`` is scored from the entered
values (no data needed) and marked as entered in result.json, provenance and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.fixtures.workbook import SPEC, write_client_export

BOARD = (
    "metrics:\n"
    "  contract_renewal_rate:\n"
    "    values: {2026Q3: 0.82, 2026Q2: 0.79}\n"
    "    source: board minutes 2026-10\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_client_export(tmp_path)
    return tmp_path


def test_entered_values_are_scored_and_marked(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(SPEC + BOARD, encoding="utf-8")
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 0, out.stderr
    assert out.stdout.splitlines()[-1] == (
        "spec.yaml: ok (11 metrics, 11 criteria, 4 rules, 17 not applicable)"
    )
    out = run_cli("run", "spec.yaml", "--out", "out", "--format", "json,html")
    assert out.exit_code == 0, out.stderr
    result = json.loads((folder / "out" / "result.json").read_text("utf-8"))
    renewal = next(m for m in result["metrics"] if m["id"] == "contract_renewal_rate")
    # linear between the preset's red flag 0.60 and goal 0.85: (0.82 - 0.60) / 0.25 = 88
    assert renewal["value"] == pytest.approx(0.82)
    assert renewal["score"] == pytest.approx(88.0)
    assert renewal["previous"]["value"] == pytest.approx(0.79)
    assert renewal["baseline"]["value"] is None
    assert renewal["entered"] == {
        "source": "board minutes 2026-10",
        "periods": ["2026Q2", "2026Q3"],
    }
    assert renewal["criterion"] == "revenue_growth"
    assert result["provenance"]["entered"] == [
        {
            "metric": "contract_renewal_rate",
            "source": "board minutes 2026-10",
            "periods": ["2026Q2", "2026Q3"],
        }
    ]
    html = (folder / "out" / "report.html").read_text("utf-8")
    assert '<span class="entered">人工录入：board minutes 2026-10</span>' in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            BOARD.replace("2026Q2", "Q2 2026"),
            "error: spec.yaml:33:28: 'Q2 2026' is not a period; use e.g. 2026Q3, 2026-08 or "
            "baseline",
        ),
        (
            BOARD.replace("    source: board minutes 2026-10\n", ""),
            "error: spec.yaml:33:5: entered values need source: who provided them (e.g. 'board "
            "minutes 2026-10')",
        ),
    ],
)
def test_bad_entered_values(folder: Path, run_cli: RunCli, text: str, expected: str) -> None:
    (folder / "spec.yaml").write_text(SPEC + text, encoding="utf-8")
    out = run_cli("validate", "spec.yaml", "--no-data")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [expected]
