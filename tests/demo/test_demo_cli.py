"""``evalkit demo`` end to end, run the way a user runs it: data, spec, Result and report."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from evalkit.cli.main import cli
from evalkit.demo.generate import TICKET_HEADERS, TICKET_TIME_FORMAT, UNPARSEABLE_TIME
from tests.fixtures.metric_values import assert_same_values, compact
from tests.presets.catalog import CATALOG_IDS

EXPLAINED = ("no_data", "error")
"""Statuses that explain a metric without a value."""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of one ``evalkit demo --format json`` run (the PDF is tested separately)."""
    folder = tmp_path_factory.mktemp("demo") / "out"
    result = CliRunner().invoke(cli, ["demo", "--out", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert f"demo spec: {folder / 'spec.yaml'}" in result.output
    return folder


@pytest.fixture(scope="module")
def result(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "report" / "result.json").read_text("utf-8"))
    return loaded


def ticket_rows(out: Path) -> list[dict[str, str]]:
    text = (out / "data" / "工单.csv").read_text("gbk")
    return list(csv.DictReader(io.StringIO(text)))


def test_writes_data_spec_and_result(out: Path) -> None:
    assert (out / "spec.yaml").is_file()
    assert len(list((out / "data").glob("*.csv"))) == 14
    assert sorted(p.name for p in (out / "report").iterdir()) == ["result.json"]


def test_every_catalog_metric_has_a_value_or_an_explained_status(result: dict[str, Any]) -> None:
    by_metric: dict[str, list[dict[str, Any]]] = {}
    for m in result["metrics"]:
        by_metric.setdefault(m["metric"], []).append(m)
    assert set(by_metric) >= CATALOG_IDS
    for metric_id in CATALOG_IDS:
        for m in by_metric[metric_id]:
            value = m["value"]
            if value is None:
                assert m["status"] in EXPLAINED, (m["id"], m["status"])
                assert m["status"] != "error" or m["error"], m["id"]
            else:
                assert math.isfinite(value), m["id"]


def test_ledger_has_the_planted_errors(out: Path, result: dict[str, Any]) -> None:
    rows = ticket_rows(out)
    created, responded = TICKET_HEADERS["created_at"], TICKET_HEADERS["first_response_at"]
    resolved = TICKET_HEADERS["resolved_at"]
    # Negative first responses are counted over the evaluated windows: the trend quarters
    # 2025Q4 … 2026Q3 cover the baseline (2025-10-15 to go-live) and 2026Q2.
    start, end = datetime(2025, 10, 1), datetime(2026, 10, 1)

    def at(text: str) -> datetime:
        return datetime.strptime(text, TICKET_TIME_FORMAT)

    negative = sum(
        1
        for r in rows
        if r[responded] and start <= at(r[created]) < end and at(r[responded]) < at(r[created])
    )
    unparseable = sum(1 for r in rows if r[resolved] == UNPARSEABLE_TIME)
    assert negative > 0 and unparseable == 12
    found = {
        (e["table"], e["metric"], e["reason"], e["column"]): e["rows"]
        for e in result["data_quality"]
    }
    assert found[("tickets", "first_response_time", "negative_duration", "")] == negative
    assert found[("tickets", "*", "unparseable_timestamp", "resolved_at")] == unparseable


def test_analyses_for_the_report(result: dict[str, Any]) -> None:
    tiers = result["analyses"]["value_pyramid"]["tiers"]
    assert [t["tier"][0] for t in tiers] == ["A", "B", "C"]
    for key in ("customers_share", "revenue_share", "margin_share"):
        assert sum(t[key] for t in tiers) == pytest.approx(1.0)
    assert all(t["service_cost"] > 0 for t in tiers)
    budget = result["analyses"]["cost_budget"]
    assert [r["key"] for r in budget["by_type"]] == ["labour", "logistics", "parts", "other"]
    assert {r["key"] for r in budget["by_stage"]} == {"intake", "diagnosis", "onsite", "follow_up"}
    for kind in ("by_type", "by_stage"):
        assert all(r["actual"] > 0 and r["budget"] > 0 for r in budget[kind])


def test_report_pdf_of_the_demo(out: Path, tmp_path: Path) -> None:
    saved = out / "report" / "result.json"
    rendered = CliRunner().invoke(
        cli, ["render", str(saved), "--format", "pdf,html", "--out", str(tmp_path)]
    )
    assert rendered.exit_code == 0, rendered.output
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 50_000
    html = (tmp_path / "report.html").read_text("utf-8")
    assert 'id="sec-value_pyramid"' in html and 'id="sec-cost_budget"' in html


EXPECTED_VALUES = Path(__file__).parents[1] / "data" / "demo_metric_values.json"


def test_metric_values_unchanged_by_the_grouped_scan(result: dict[str, Any]) -> None:
    """A regression oracle, not a hand-computed expectation: ``tests/data/demo_metric_values.json``
    holds the demo's metric values and ledger as computed by the engine BEFORE its query plan
    was rewritten from one filtered aggregate per window × measure to one grouped scan by window
    (issue 21). The hand-computed fixtures (tests/compute/test_golive.py) check correctness; this
    test checks that the rewrite changed no value of the demo beyond 1e-9 (relative) and no
    ledger count. DuckDB sums in parallel, so the last bits of a float may differ run to run.
    One metric's definition changed since: ``cost_per_ticket`` leaves out the tickets without a
    cost (it counted them as costing 0); its values were computed again with pandas from the
    demo's tickets (Σ cost ÷ tickets with a cost, per window and segment)."""
    expected = json.loads(EXPECTED_VALUES.read_text("utf-8"))
    found = compact(result)
    assert found["data_quality"] == expected["data_quality"]
    assert_same_values(found["metrics"], expected["metrics"])


def test_the_demo_compares_with_its_synthetic_peers(result: dict[str, Any]) -> None:
    import numpy as np

    from evalkit.benchmarks.load import load_pack

    pack = load_pack(Path(__file__).parents[2] / "configs" / "benchmarks" / "demo-synthetic.yaml")
    assert pack.synthetic and result["benchmarks"][0]["synthetic"] is True
    (peers,) = pack.populations
    assert result["evaluation"]["industry"] == "manufacturing"
    compared = [m for m in result["metrics"] if m["benchmark"]]
    assert len(compared) >= 40
    for m in compared:
        quantiles = peers.metrics[m["id"]].quantiles
        levels = [float(k[1:]) for k in quantiles]
        values = list(quantiles.values())
        if m["value"] is None or len(set(values)) < len(values):
            continue  # ties: the middle of their percentiles, tested in tests/benchmarks
        scale = {"hours": 60.0}.get(m["unit"], 1.0)  # the pack's durations are in minutes
        expected = np.interp(m["value"] * scale, values, levels)  # linear, clamped at p10/p90
        assert m["benchmark"]["percentile"] == pytest.approx(expected), m["id"]
    srr = next(m for m in result["metrics"] if m["id"] == "survey_response_rate")
    assert srr["target"]["goal"] == peers.metrics["survey_response_rate"].quantiles["p75"]
    assert srr["target"]["relative"] == {"goal": "p75", "red_flag": "p25"}


def test_a_json_run_imports_no_report_or_dataframe_library(out: Path, tmp_path: Path) -> None:
    """``evalkit run --format json`` on the demo (General metrics, analyses, a segment looked
    up through the customers) loads neither pandas nor scipy.stats nor the report libraries:
    each costs a tenth of a second or more of every run (``python -X importtime``)."""
    command = ["evalkit", "run", str(out / "spec.yaml"), "--format", "json", "--out", str(tmp_path)]
    found = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr[-2000:]
    assert (tmp_path / "result.json").is_file()
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in found.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "evalkit.compute.engine" in imported  # the listing is what it should be
    unwanted = {"pandas", "scipy.stats", "weasyprint", "jinja2", "evalkit.report.pdf"}
    assert imported & unwanted == set()
