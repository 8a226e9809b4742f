"""Metric params as a mapping: SLA minutes per ticket priority (``params.sla_minutes``) make the
SLA metrics of the presets applicable to tickets without an SLA column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.fixtures.workbook import SPEC, write_client_export

SLA = "metrics:\n  sla_response_compliance: {params: {sla_minutes: {P1: 30, P2: 240}}}\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_client_export(tmp_path)
    (tmp_path / "spec.yaml").write_text(SPEC + SLA, encoding="utf-8")
    return tmp_path


def test_sla_minutes_by_priority(folder: Path, run_cli: RunCli) -> None:
    out = run_cli("validate", "spec.yaml")
    assert out.exit_code == 0, out.stderr
    assert out.stdout.splitlines()[-1] == (
        "spec.yaml: ok (11 metrics, 10 criteria, 4 rules, 17 not applicable)"
    )
    out = run_cli("run", "spec.yaml", "--out", "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((folder / "out" / "result.json").read_text("utf-8"))
    sla = next(m for m in result["metrics"] if m["id"] == "sla_response_compliance")
    # 2026Q3: T01 (P1) answered after 60 min > 30: missed; T02 (P2) 30 min and T03 (P2)
    # 120 min ≤ 240: met; T04 is P3, which has no SLA: 2 of 3.
    assert sla["value"] == pytest.approx(2 / 3)
    segments = sla["breakdown"]["segment"]
    assert segments["B2B"]["value"] == pytest.approx(1 / 2)  # T01 missed, T02 met
    assert segments["B2C"]["value"] == pytest.approx(1.0)  # T03 met, T04 no SLA


def test_sla_minutes_must_be_positive_numbers(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(SPEC + SLA.replace("P1: 30", "P1: -5"), encoding="utf-8")
    out = run_cli("validate", "spec.yaml", "--no-data")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        "error: spec.yaml:32:56: metrics.sla_response_compliance.params.sla_minutes.P1: -5 is "
        "less than or equal to the minimum of 0"
    ]
