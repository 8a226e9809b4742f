"""The plugin authors' test kit works as a pytest plugin, and public APIs list what they export."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from evalkit_service_quality.times import FIRST_RESPONSE_TIME

from evalkit.compute.protocol import Aggregate, Frame, count, ratio
from evalkit.metric import MetricDefinition
from evalkit.testing import MetricRunner, ledger_rows

TICKETS = """
ticket_id,created_at,first_response_at
A,2026-04-01 09:00,2026-04-01 09:30
B,2026-04-02 09:00,2026-04-02 10:30
C,2026-05-02 09:00,2026-05-02 08:00
D,2026-01-10 09:00,2026-01-10 09:10
"""


def test_metric_runner_fixture(metric_runner: MetricRunner) -> None:
    outcome, ledger = metric_runner(FIRST_RESPONSE_TIME, {"tickets": TICKETS})
    # 2026Q2: A 30 min, B 90 min (C is −60: left out) → mean 60; 2026Q1: D 10 min
    assert outcome.values["2026Q2"] == pytest.approx(60.0, abs=1e-12)
    assert outcome.values["2026Q1"] == pytest.approx(10.0, abs=1e-12)
    assert ledger_rows(ledger, "negative_duration") == 1


@pytest.mark.parametrize("module", ["evalkit", "evalkit.ahp", "evalkit.rules", "evalkit.testing"])
def test_all_names_exist(module: str) -> None:
    imported = importlib.import_module(module)
    assert imported.__all__
    for name in imported.__all__:
        assert hasattr(imported, name), f"{module}.__all__ lists missing {name}"


def _warranty_measures(frame: Frame) -> dict[str, Any]:
    t = frame.table
    return {"tickets": count(t.ticket_id.notnull()), "claims": count(t.in_warranty)}


WARRANTY_CLAIM_RATE = MetricDefinition(
    id="acme.warranty_claim_rate",
    title={"en": "Warranty claim rate", "zh": "保修索赔率"},
    description="Share of tickets that are warranty claims.",
    formula="claims / tickets",
    unit="fraction",
    direction="lower",
    columns={"tickets": ("ticket_id", "created_at", "in_warranty")},
    extra_columns={"tickets": {"in_warranty": "boolean"}},
    computation=Aggregate(
        "tickets",
        _warranty_measures,
        lambda m, p: ratio(m["claims"], m["tickets"]),
    ),
)


def test_rows_with_an_extra_column_and_segments(metric_runner: MetricRunner) -> None:
    # the case from issue 20: the extra column in_warranty was dropped before the metric ran
    tickets = [
        {
            "ticket_id": "A",
            "customer_id": "c1",
            "created_at": "2026-04-01 09:00",
            "in_warranty": True,
        },
        {
            "ticket_id": "B",
            "customer_id": "c1",
            "created_at": "2026-04-03 09:00",
            "in_warranty": False,
        },
        {
            "ticket_id": "C",
            "customer_id": "c2",
            "created_at": "2026-05-03 09:00",
            "in_warranty": True,
        },
        {
            "ticket_id": "D",
            "customer_id": "c2",
            "created_at": "2026-06-03 09:00",
            "in_warranty": True,
        },
        {
            "ticket_id": "E",
            "customer_id": "c2",
            "created_at": "2026-02-03 09:00",
            "in_warranty": None,
        },
    ]
    customers = "customer_id,region\nc1,north\nc2,south\n"
    outcome, ledger = metric_runner(
        WARRANTY_CLAIM_RATE,
        {"tickets": tickets, "customers": customers},
        segments=("region",),
    )
    # 2026Q2: A, B, C, D → 3 claims of 4; 2026Q1: E, no claim flag → 0 of 1
    assert outcome.values["2026Q2"] == pytest.approx(0.75, abs=1e-12)
    assert outcome.values["2026Q1"] == pytest.approx(0.0, abs=1e-12)
    # north: A, B → 1 of 2; south: C, D → 2 of 2
    assert outcome.segments["region"]["north"]["2026Q2"] == pytest.approx(0.5, abs=1e-12)
    assert outcome.segments["region"]["south"]["2026Q2"] == pytest.approx(1.0, abs=1e-12)
    assert ledger == ()


def test_a_csv_file_and_another_period(metric_runner: MetricRunner, tmp_path: Path) -> None:
    path = tmp_path / "given.csv"
    path.write_text(
        "ticket_id,created_at,in_warranty\nA,2026-07-01 09:00,yes\nB,2026-08-01 09:00,no\n",
        encoding="utf-8",
    )
    outcome, _ = metric_runner(WARRANTY_CLAIM_RATE, {"tickets": path}, current="2026Q3")
    assert outcome.values["2026Q3"] == pytest.approx(0.5, abs=1e-12)  # A of A, B
    assert outcome.values["2026Q2"] is None  # no ticket: no rate
