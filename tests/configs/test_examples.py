"""The example specs in configs/examples run end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli

EXAMPLES = Path(__file__).resolve().parents[2] / "configs" / "examples"


def test_quickstart_runs_on_a_gbk_export(run_cli: RunCli, tmp_path: Path) -> None:
    out = run_cli("run", EXAMPLES / "quickstart" / "spec.yaml", "--out", tmp_path)
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    frt = next(m for m in result["metrics"] if m["id"] == "first_response_time")
    # the same tickets as tests/pipeline/test_run_cli.py, under Chinese headers in GBK:
    # 60, 180, 30 min → 1.5 h; B2B (企业客户) 60, 30 → 0.75 h
    assert frt["value"] == pytest.approx(1.5, abs=1e-9)
    assert frt["breakdown"]["segment"]["B2B"]["value"] == pytest.approx(0.75, abs=1e-9)
    assert result["overall"]["score"] == pytest.approx(75.0, abs=1e-9)
    assert [f["kind"] for f in result["findings"] if f["rule"] == "csat-below-target"] == [
        "recommendation"
    ]
