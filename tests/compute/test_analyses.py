"""The value pyramid and cost against budget, on tiny tables worked out by hand (2026Q2)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from evalkit.compute import ComputeRequest, compute_metrics
from evalkit.data.periods import build_windows, parse_period
from evalkit.data.spec import DataSpec, SourceSpec
from evalkit.location import Location

# Active in 2026Q2 and ranked (11): C01 … C10 and C14, who churned during the quarter.
# Left out: C11 churned before it, C12 joined at its end, C13 has no annual value.
# Ranks 0 … 10; A: rank < 0.2·11 = 2.2 → C01 … C03; B: rank < 0.5·11 = 5.5 → C04 … C06 (C06
# and C07 tie at 500 and C06 comes first by id); C: C07 … C10, C14.
CUSTOMERS = """
customer_id,created_at,churned_at,annual_value
C01,2024-01-01 00:00:00,,1000
C02,2024-01-01 00:00:00,,900
C03,2026-05-01 00:00:00,,800
C04,2024-01-01 00:00:00,,700
C05,2024-01-01 00:00:00,,600
C06,2024-01-01 00:00:00,,500
C07,2024-01-01 00:00:00,,500
C08,2024-01-01 00:00:00,,300
C09,2024-01-01 00:00:00,,200
C10,2024-01-01 00:00:00,,100
C11,2024-01-01 00:00:00,2026-03-01 00:00:00,5000
C12,2026-07-01 00:00:00,,4000
C13,2024-01-01 00:00:00,,
C14,2024-01-01 00:00:00,2026-05-10 00:00:00,50
"""

# In the quarter: A 1000 + 500 + 400 = 1900 revenue, 300 + 100 + 80 = 480 margin; B 200
# (C05's order has no amount), 10 + 50 = 60; C 100 + 300 = 400, 40 − 30 = 10.
# Totals 2500 and 550. O7 and O10 fall outside the quarter, O8 and O9 have no ranked customer.
ORDERS = """
order_id,customer_id,ordered_at,amount,margin
O1,C01,2026-04-10 09:00:00,1000,300
O2,C02,2026-05-01 09:00:00,500,100
O3,C03,2026-06-30 23:59:00,400,80
O4,C06,2026-04-02 09:00:00,200,50
O5,C07,2026-05-05 09:00:00,100,40
O6,C10,2026-06-01 09:00:00,300,-30
O7,C01,2026-03-31 23:59:00,9999,999
O8,C11,2026-05-01 09:00:00,700,70
O9,C99,2026-05-01 09:00:00,800,80
O10,C08,2026-07-01 00:00:00,600,60
O11,C05,2026-05-20 09:00:00,,10
"""

# Service cost in the quarter: A 120 + 80 = 200; B 50 (T4 has no cost); C 30 + 20 = 50.
TICKETS = """
ticket_id,created_at,customer_id,cost
T1,2026-04-05 10:00:00,C01,120
T2,2026-04-06 10:00:00,C02,80
T3,2026-05-01 10:00:00,C04,50
T4,2026-05-02 10:00:00,C04,
T5,2026-06-15 10:00:00,C09,30
T6,2026-06-20 10:00:00,C14,20
T7,2026-07-02 10:00:00,C01,999
T8,2026-04-10 10:00:00,C11,500
"""

# In the quarter by type: labour 100 + 200 = 300, logistics 40, parts 50 (one line has no
# amount), travel 25, no type 30; by stage: intake 100 + 25 = 125, onsite 200 + 50 = 250,
# follow_up 30, no stage 40.
COSTS = """
incurred_on,amount,cost_type,stage
2026-04-01,100,labour,intake
2026-05-15,200,labour,onsite
2026-06-30,50,parts,onsite
2026-06-30,,parts,onsite
2026-07-01,999,labour,intake
2026-03-31,888,other,intake
2026-05-01,30,,follow_up
2026-05-02,40,logistics,
2026-05-03,25,travel,intake
"""

# 2026Q2 budget by type: labour 120 + 150 = 270, parts 60, other 20; by stage: intake 120,
# onsite 150 + 60 = 210, follow_up 20.
BUDGETS = """
period,amount,cost_type,stage
2026Q2,120,labour,intake
2026Q2,150,labour,onsite
2026Q2,60,parts,onsite
2026Q2,20,other,follow_up
2026Q3,500,labour,intake
2026Q1,400,parts,onsite
"""

TABLES = {
    "customers": CUSTOMERS,
    "orders": ORDERS,
    "tickets": TICKETS,
    "costs": COSTS,
    "budgets": BUDGETS,
}


def analyses(tmp_path: Path, tables: Mapping[str, str]) -> Mapping[str, Any]:
    """The analyses ``compute_metrics`` returns for 2026Q2 over ``tables`` (no metrics)."""
    sources = {}
    for name, text in tables.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text.strip() + "\n", encoding="utf-8")
        sources[name] = SourceSpec(table=name, location=Location("spec.yaml", 1, 1), path=path)
    windows = build_windows(parse_period("2026Q2"), None)
    request = ComputeRequest((), DataSpec(sources, ()), windows, (), tmp_path)
    return compute_metrics(request).analyses


def test_value_pyramid(tmp_path: Path) -> None:
    tiers = analyses(tmp_path, TABLES)["value_pyramid"]["tiers"]
    assert [t["tier"] for t in tiers] == ["A 0–20 %", "B 20–50 %", "C 50–100 %"]
    expected = [
        (3 / 11, 1900 / 2500, 480 / 550, 200.0),
        (3 / 11, 200 / 2500, 60 / 550, 50.0),
        (5 / 11, 400 / 2500, 10 / 550, 50.0),
    ]
    for tier, (customers, revenue, margin, cost) in zip(tiers, expected, strict=True):
        assert tier["customers_share"] == pytest.approx(customers)
        assert tier["revenue_share"] == pytest.approx(revenue)
        assert tier["margin_share"] == pytest.approx(margin)
        assert tier["service_cost"] == pytest.approx(cost)


def test_cost_budget(tmp_path: Path) -> None:
    found = analyses(tmp_path, TABLES)["cost_budget"]
    assert found["by_type"] == [
        {"key": "labour", "actual": 300.0, "budget": 270.0},
        {"key": "logistics", "actual": 40.0, "budget": None},
        {"key": "parts", "actual": 50.0, "budget": 60.0},
        {"key": "other", "actual": 0.0, "budget": 20.0},
        {"key": "travel", "actual": 25.0, "budget": None},
        {"key": "unassigned", "actual": 30.0, "budget": None},
    ]
    assert found["by_stage"] == [
        {"key": "onsite", "actual": 250.0, "budget": 210.0},
        {"key": "intake", "actual": 125.0, "budget": 120.0},
        {"key": "follow_up", "actual": 30.0, "budget": 20.0},
        {"key": "unassigned", "actual": 40.0, "budget": None},
    ]


def test_only_analyses_whose_tables_are_there(tmp_path: Path) -> None:
    without_budgets = {k: v for k, v in TABLES.items() if k != "budgets"}
    assert set(analyses(tmp_path, without_budgets)) == {"value_pyramid"}
    without_orders = {k: v for k, v in TABLES.items() if k != "orders"}
    assert set(analyses(tmp_path, without_orders)) == {"cost_budget"}


def test_pyramid_without_ticket_cost_or_margin(tmp_path: Path) -> None:
    tables = {
        "customers": CUSTOMERS,
        "orders": "\n".join(line.rsplit(",", 1)[0] for line in ORDERS.strip().splitlines()),
        "tickets": "\n".join(line.rsplit(",", 1)[0] for line in TICKETS.strip().splitlines()),
    }
    tiers = analyses(tmp_path, tables)["value_pyramid"]["tiers"]
    assert [t["revenue_share"] for t in tiers] == pytest.approx([0.76, 0.08, 0.16])
    assert [t["margin_share"] for t in tiers] == [None, None, None]
    assert [t["service_cost"] for t in tiers] == [None, None, None]


def test_no_pyramid_without_annual_value(tmp_path: Path) -> None:
    customers = "\n".join(line.rsplit(",", 1)[0] for line in CUSTOMERS.strip().splitlines())
    tables = {**TABLES, "customers": customers}
    assert "value_pyramid" not in analyses(tmp_path, tables)
