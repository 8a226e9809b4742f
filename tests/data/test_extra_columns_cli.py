"""``data.sources.<table>.extra_columns``: typed columns beyond the canonical ones, which plugin
metrics read like canonical ones (a boolean is a boolean, so ``&`` works)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli

PLUGIN = """
from evalkit import hookimpl
from evalkit.compute.templates import rate
from evalkit.metric import MetricDefinition


def _resolved_in_warranty(t, params):
    return t.in_warranty & t.resolved_at.notnull()


@hookimpl
def register_metrics():
    return [
        MetricDefinition(
            id="acme.warranty_fix",
            title={"en": "Warranty tickets resolved", "zh": "保修工单解决占比"},
            description="Share of tickets that are under warranty and resolved.",
            formula="tickets in warranty and resolved / tickets",
            unit="fraction",
            direction="higher",
            columns={"tickets": ("created_at", "resolved_at", "in_warranty")},
            computation=rate("tickets", _resolved_in_warranty),
        )
    ]
"""
TICKETS = """\
ticket_id,created_at,resolved_at,保修,金额
T1,2026-07-01 09:00,2026-07-02 09:00,是,120
T2,2026-07-02 09:00,2026-07-03 09:00,否,80
T3,2026-08-01 09:00,,是,40
T4,2026-09-01 09:00,2026-09-02 09:00,是,1.5
"""
SPEC = """\
version: 1
evaluation: {title: Warranty, client: ACME, period: 2026Q3}
data:
  sources:
    tickets:
      path: tickets.csv
      extra_columns:
        in_warranty: {from: 保修, type: boolean}
        amount: {from: 金额, type: number}
      where: "amount > 50"
criteria:
  quality: {title: Quality, metrics: [warranty_fix]}
metrics:
  warranty_fix: {metric: acme.warranty_fix, target: {goal: 0.8, red_flag: 0.2}}
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "acme.py").write_text(PLUGIN, encoding="utf-8")
    return tmp_path


def test_a_plugin_reads_typed_extra_columns(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(SPEC, encoding="utf-8")
    out = run_cli("run", "spec.yaml", "--out", "out", "--plugins-dir", "plugins")
    assert out.exit_code == 0, out.stderr
    result = json.loads((folder / "out" / "result.json").read_text("utf-8"))
    metric = next(m for m in result["metrics"] if m["id"] == "warranty_fix")
    # amount (a number) > 50 keeps T1 (120) and T2 (80); of the two, only T1 is 是 (in
    # warranty) and resolved: 1 / 2.
    assert metric["status"] != "error", metric
    assert metric["value"] == pytest.approx(1 / 2)
    filtered = [d["rows"] for d in result["data_quality"] if d["reason"] == "filtered"]
    assert filtered == [2]


def test_an_extra_column_may_not_shadow_a_canonical_one(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(
        SPEC.replace("in_warranty: {from: 保修", "priority: {from: 保修"), encoding="utf-8"
    )
    out = run_cli("validate", "spec.yaml", "--plugins-dir", "plugins")
    assert out.exit_code == 2
    assert (
        "error: spec.yaml:8:9: extra column 'priority' is a canonical column of tickets; map it "
        "under columns:"
    ) in out.stderr.splitlines()


def test_an_extra_column_the_file_lacks_is_found_by_validate(folder: Path, run_cli: RunCli) -> None:
    (folder / "spec.yaml").write_text(SPEC.replace("from: 保修", "from: 在保"), encoding="utf-8")
    out = run_cli("validate", "spec.yaml", "--plugins-dir", "plugins")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        "error: spec.yaml:8:22: tickets.csv: no column '在保' for tickets.in_warranty, needed by "
        "metric 'warranty_fix' (criterion 'quality') (headers: 'ticket_id', 'created_at', "
        "'resolved_at', '保修', '金额'); closest header: '保修'"
    ]
