"""Cost-control and investment metrics against values computed by hand from metric-catalog.md."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from evalkit_finance.costs import BUDGET_VARIANCE, COST_STRUCTURE, SERVICE_COST_RATIO
from evalkit_finance.programme import IRR, NPV, ROI

from evalkit.testing import ledger_rows, run_metric

COSTS = """
incurred_on,amount,cost_type,stage,fixed
2026-04-10,100,labour,repair,true
2026-05-10,50,logistics,repair,false
2026-06-10,30,parts,install,false
2026-06-20,20,travel,install,false
2026-06-25,40,,install,
2026-02-01,60,labour,repair,true
"""
ORDERS = """
order_id,customer_id,ordered_at,amount,revenue_type
o1,c1,2026-04-02,1000,product
o2,c1,2026-05-02,200,parts
o3,c2,2026-03-02,400,product
"""
BUDGETS = """
period,amount,cost_type,stage
2026Q2,200,labour,repair
2026Q2,100,logistics,repair
2026Q1,80,labour,repair
"""


def test_service_cost_ratio(tmp_path: Path) -> None:
    tables = {"costs": COSTS, "orders": ORDERS}
    outcome, _ = run_metric(tmp_path, SERVICE_COST_RATIO, tables)
    # Q2 cost 100 + 50 + 30 + 20 + 40 = 240; revenue 1000 + 200.
    assert outcome.values["2026Q2"] == pytest.approx(240 / 1200)
    assert outcome.values["2026Q1"] == pytest.approx(60 / 400)
    parts, _ = run_metric(tmp_path, SERVICE_COST_RATIO, tables, {"revenue_types": ["parts"]})
    assert parts.values["2026Q2"] == pytest.approx(240 / 200)
    none, _ = run_metric(tmp_path, SERVICE_COST_RATIO, tables, current="2026Q4")
    assert none.values["2026Q4"] is None  # no revenue


def test_budget_variance(tmp_path: Path) -> None:
    tables = {"costs": COSTS, "budgets": BUDGETS}
    outcome, _ = run_metric(tmp_path, BUDGET_VARIANCE, tables)
    assert outcome.values["2026Q2"] == pytest.approx((240 - 300) / 300)
    assert outcome.values["2026Q1"] == pytest.approx((60 - 80) / 80)
    labour, _ = run_metric(tmp_path, BUDGET_VARIANCE, tables, {"cost_type": "labour"})
    assert labour.values["2026Q2"] == pytest.approx((100 - 200) / 200)
    none, _ = run_metric(tmp_path, BUDGET_VARIANCE, tables, current="2026Q4")
    assert none.values["2026Q4"] is None  # no budget


def test_cost_structure(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, COST_STRUCTURE, {"costs": COSTS})
    # Q2 lines with a type: 100 labour, 50 logistics, 30 parts, 20 travel (→ other) = 200;
    # the 40 without a type is left out.
    assert outcome.values["2026Q2"] == pytest.approx(100 / 200)
    shares = outcome.details["shares"]["2026Q2"]
    assert shares["other"] == pytest.approx(20 / 200)
    assert shares["logistics"] == pytest.approx(50 / 200)
    # fixed flag known on 100 (fixed) + 50 + 30 + 20 (variable) = 200.
    assert shares["fixed"] == pytest.approx(100 / 200)
    assert shares["variable"] == pytest.approx(100 / 200)
    assert outcome.values["2026Q1"] == pytest.approx(60 / 60)
    assert ledger_rows(ledger, "missing_required") == 1
    other, _ = run_metric(tmp_path, COST_STRUCTURE, {"costs": COSTS}, {"component": "parts"})
    assert other.values["2026Q2"] == pytest.approx(30 / 200)
    none, _ = run_metric(tmp_path, COST_STRUCTURE, {"costs": COSTS}, current="2026Q4")
    assert none.values["2026Q4"] is None


FLOWS = """
period_index,amount
0,-1000
1,300
2,400
3,500
4,
"""


def test_roi(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, ROI, {"cash_flows": FLOWS})
    # benefits 300 + 400 + 500 = 1200, costs |−1000| = 1000.
    assert outcome.values["2026Q2"] == pytest.approx((1200 - 1000) / 1000)
    assert outcome.values["2026Q1"] == outcome.values["2026Q2"]
    assert ledger_rows(ledger, "missing_required") == 1  # t = 4 has no amount
    short, _ = run_metric(tmp_path, ROI, {"cash_flows": FLOWS}, {"horizon": 2})
    assert short.values["2026Q2"] == pytest.approx((700 - 1000) / 1000)
    gains = "period_index,amount\n1,100\n2,50\n"
    none, _ = run_metric(tmp_path, ROI, {"cash_flows": gains})
    assert none.values["2026Q2"] is None  # no costs


def test_npv(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, NPV, {"cash_flows": FLOWS}, {"rate": 0.1})
    expected = -1000 + 300 / 1.1 + 400 / 1.1**2 + 500 / 1.1**3
    assert outcome.values["2026Q2"] == pytest.approx(expected)
    empty = "period_index,amount\n"
    none, _ = run_metric(tmp_path, NPV, {"cash_flows": empty + "0,\n"}, {"rate": 0.1})
    assert none.values["2026Q2"] is None


def test_irr(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, IRR, {"cash_flows": FLOWS})
    # With x = 1 ÷ (1 + r): 500x³ + 400x² + 300x − 1000 = 0; one positive real root.
    roots = np.roots([500, 400, 300, -1000])
    x = next(r.real for r in roots if abs(r.imag) < 1e-12 and r.real > 0)
    assert outcome.values["2026Q2"] == pytest.approx(1 / x - 1, abs=1e-9)
    gains = "period_index,amount\n0,100\n1,50\n"
    none, _ = run_metric(tmp_path, IRR, {"cash_flows": gains})
    assert none.values["2026Q2"] is None  # never changes sign
