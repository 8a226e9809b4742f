"""Issue 5's fixture through ``evalkit run``: a GBK export with Chinese headers, slash
timestamps, go-live, two segments, a negative duration, missing responses and empty cells.
Values in result.json equal the hand-computed ones (tests/fixtures/golive_expected.py) for the
current quarter, the previous quarter, the baseline and each segment; the same data in
PostgreSQL gives the same values, and its password never reaches the outputs.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunCli
from tests.fixtures.golive import SPEC, write_golive
from tests.fixtures.golive_expected import EXPECTED, LEDGER
from tests.fixtures.golive_postgres import load_golive, spec_text

METRICS = sorted({key.split(":")[0] for key in EXPECTED})
SCORED = (
    "criteria:\n"
    f"  all: {{title: {{en: All, zh: 全部}}, metrics: [{', '.join(METRICS)}]}}\n"
    "metrics:\n" + "".join(f"  {m}: {{}}\n" for m in METRICS)
)


def _check(result: dict[str, Any], ledger: dict[tuple[str, str, str, str], int]) -> None:
    periods = result["evaluation"]["periods"]
    assert (periods["current"], periods["previous"]) == ("2026Q3", "2026Q2")
    metrics = {m["id"]: m for m in result["metrics"]}
    for metric_id in METRICS:
        key = f"{metric_id}:mean" if f"{metric_id}:mean" in EXPECTED else metric_id
        expected, got = EXPECTED[key], metrics[metric_id]
        pairs = [
            (got["value"], expected["2026Q3"]["all"]),
            (got["previous"]["value"], expected["2026Q2"]["all"]),
            (got["baseline"]["value"], expected["baseline"]["all"]),
        ]
        pairs += [
            (got["breakdown"]["segment"][group]["value"], value)
            for group, value in expected["2026Q3"].items()
            if group != "all"
        ]
        for actual, wanted in pairs:
            assert actual is not None and wanted is not None, metric_id
            assert math.isclose(actual, wanted, rel_tol=0, abs_tol=1e-9), (
                metric_id,
                actual,
                wanted,
            )
    found = {
        (e["table"], e["metric"], e["reason"], e["column"]): e["rows"]
        for e in result["data_quality"]
    }
    assert found == ledger


def _write_scored(spec: Path, text: str) -> None:
    spec.write_text(text + SCORED, encoding="utf-8")


def test_gbk_export_through_evalkit_run(run_cli: RunCli, tmp_path: Path) -> None:
    spec = write_golive(tmp_path)
    _write_scored(spec, SPEC)
    out = run_cli("run", spec, "--out", tmp_path / "out")
    assert out.exit_code == 0, out.stderr
    _check(json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8")), LEDGER)


@pytest.mark.integration
def test_postgres_through_evalkit_run(
    run_cli: RunCli, tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_golive(postgres_url)
    monkeypatch.setenv("CRM_DB_URL", postgres_url)
    spec = tmp_path / "spec.yaml"
    _write_scored(spec, spec_text("${CRM_DB_URL}"))
    out = run_cli("run", spec, "--out", tmp_path / "out", "--format", "json")
    assert out.exit_code == 0, out.stderr
    text = (tmp_path / "out" / "result.json").read_text(encoding="utf-8")
    # a typed timestamp column cannot hold '待定': that value is NULL in the database
    ledger = {k: v for k, v in LEDGER.items() if k[2] != "unparseable_timestamp"}
    _check(json.loads(text), ledger)
    password = postgres_url.split("://", 1)[1].split("@", 1)[0].partition(":")[2]
    assert password and password not in text and password not in out.stdout
