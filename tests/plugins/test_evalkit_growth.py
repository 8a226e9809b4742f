"""Revenue-growth and customer-value metrics against values computed by hand (metric-catalog.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalkit_growth.customers import (
    CUSTOMER_ACQUISITION_COST,
    CUSTOMER_LIFETIME_VALUE,
    REFERRAL_RATE,
)
from evalkit_growth.orders import (
    CROSS_SELL_RATE,
    NEW_SERVICE_ADOPTION,
    REPEAT_PURCHASE_RATE,
    RETURN_RATE,
    SERVICE_REVENUE_GROWTH,
)
from evalkit_growth.renewals import CONTRACT_RENEWAL_RATE, REPAIR_RETURN_RATE

from evalkit.samples import Proportion
from evalkit.testing import ledger_rows, run_metric

# Current period 2026Q2, previous 2026Q1. First orders per product line (its launch):
# pumps 2026-01-10, valves 2026-04-10, sensors 2025-06-01.
ORDERS = """
order_id,customer_id,ordered_at,amount,margin,product_line,revenue_type,returned
o1,c1,2026-01-10,100,10,pumps,product,false
o2,c1,2026-04-10,50,20,valves,parts,false
o3,c1,2026-05-10,30,5,valves,value_added,true
o4,c2,2026-04-15,200,40,pumps,product,
o5,c2,2026-06-15,80,8,pumps,parts,false
o6,c3,2026-02-01,60,6,pumps,parts,false
o7,c4,2026-06-01,70,7,sensors,value_added,true
o8,c5,2025-06-01,10,1,sensors,product,false
"""
CUSTOMERS = """
customer_id,segment,created_at,churned_at,acquisition_cost,referred_by
c1,B2B,2025-01-01,,100,
c2,B2B,2025-06-01,2026-05-01,200,c1
c3,B2C,2026-02-01,2026-03-01,,c1
c4,B2C,2026-04-05,,50,
c5,B2C,2025-05-01,2026-01-15,30,
c6,B2C,2026-05-01,,,c4
c7,B2C,,,,
"""


def test_service_revenue_growth(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, SERVICE_REVENUE_GROWTH, {"orders": ORDERS})
    # parts + value_added, Q2: o2 50 + o3 30 + o5 80 + o7 70 = 230; Q1: o6 60.
    assert outcome.values["2026Q2"] == pytest.approx(230 / 60 - 1)
    assert outcome.values["2026Q1"] is None  # 2025Q4 has no service revenue
    product, _ = run_metric(
        tmp_path, SERVICE_REVENUE_GROWTH, {"orders": ORDERS}, {"revenue_types": ["product"]}
    )
    assert product.values["2026Q2"] == pytest.approx(200 / 100 - 1)  # o4 against o1


def test_cross_sell_rate(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, CROSS_SELL_RATE, {"orders": ORDERS})
    # Active in Q2: c1, c2, c4. c1 first bought valves in Q2 and has pumps too → cross-sold;
    # c2 only pumps; c4 only sensors → 1 of 3.
    assert outcome.values["2026Q2"] == pytest.approx(1 / 3)
    # Active in Q1: c1 (pumps only by then), c3 (pumps) → 0 of 2.
    assert outcome.values["2026Q1"] == 0.0
    assert outcome.samples["2026Q2"] == Proportion(3, 1)
    assert outcome.samples["2026Q1"] == Proportion(2, 0)
    none, _ = run_metric(tmp_path, CROSS_SELL_RATE, {"orders": ORDERS}, current="2026Q4")
    assert none.values["2026Q4"] is None


def test_new_service_adoption(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, NEW_SERVICE_ADOPTION, {"orders": ORDERS})
    # Q2 (new = launched in [2025-07-01, 2026-07-01)): pumps, valves; not sensors.
    # Active c1 (valves ✓), c2 (pumps ✓), c4 (sensors ✗) → 2 of 3.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 3)
    # Q1's look-back starts 2025-04-01, before the first order in the data (2025-06-01): a
    # line sold then (sensors) may be older than the data, so launches are unknown → no value.
    assert outcome.values["2026Q1"] is None
    recent, _ = run_metric(tmp_path, NEW_SERVICE_ADOPTION, {"orders": ORDERS}, {"launch_months": 3})
    # Launched in [2026-04-01, 2026-07-01): valves only → c1 → 1 of 3.
    assert recent.values["2026Q2"] == pytest.approx(1 / 3)
    none, _ = run_metric(tmp_path, NEW_SERVICE_ADOPTION, {"orders": ORDERS}, current="2026Q4")
    assert none.values["2026Q4"] is None


def test_repeat_purchase_rate(tmp_path: Path) -> None:
    tables = {"orders": ORDERS, "customers": CUSTOMERS}
    outcome, _ = run_metric(tmp_path, REPEAT_PURCHASE_RATE, tables, segments=("segment",))
    # Q2 orders per customer: c1 2, c2 2, c4 1 → 2 of 3. Q1: c1 1, c3 1 → 0 of 2.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 3)
    assert outcome.values["2026Q1"] == 0.0
    assert outcome.samples["2026Q2"] == Proportion(3, 2)
    # B2B: c1, c2 both repeat; B2C: c4 does not.
    assert outcome.segments["segment"]["B2B"]["2026Q2"] == pytest.approx(2 / 2)
    assert outcome.segments["segment"]["B2C"]["2026Q2"] == 0.0
    none, _ = run_metric(tmp_path, REPEAT_PURCHASE_RATE, tables, current="2026Q4")
    assert none.values["2026Q4"] is None


def test_return_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, RETURN_RATE, {"orders": ORDERS})
    # Q2 orders with a flag: o2, o3, o5, o7 (o4 empty → ledger); returned o3, o7.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 4)
    assert outcome.values["2026Q1"] == 0.0
    assert ledger_rows(ledger, "missing_required") == 1
    none, _ = run_metric(tmp_path, RETURN_RATE, {"orders": ORDERS}, current="2026Q4")
    assert none.values["2026Q4"] is None


def test_customer_lifetime_value(tmp_path: Path) -> None:
    tables = {"customers": CUSTOMERS, "orders": ORDERS}
    outcome, ledger = run_metric(tmp_path, CUSTOMER_LIFETIME_VALUE, tables)
    # Q2 cohort (created before 04-01, not churned before): c1, c2 = 2; churned in Q2: c2.
    # Their Q2 margin: c1 20 + 5, c2 40 + 8 = 73 → m = 73 / 2, churn = 1 / 2.
    m, c = 73 / 2, 1 / 2
    assert outcome.values["2026Q2"] == pytest.approx(m * (1 / c))
    # Q1 cohort: c1, c2, c5 = 3; churned c5; margin c1 10 → m = 10 / 3, churn = 1 / 3.
    assert outcome.values["2026Q1"] == pytest.approx((10 / 3) * 3)
    assert ledger_rows(ledger, "missing_required") == 1  # c7 has no created_at
    discounted, _ = run_metric(tmp_path, CUSTOMER_LIFETIME_VALUE, tables, {"discount_rate": 0.1})
    d = 0.1
    assert discounted.values["2026Q2"] == pytest.approx(m * (1 + d) / (d + c))
    # Q3: cohort c1, c4, c6, nobody churns and no discount → no finite lifetime.
    none, _ = run_metric(tmp_path, CUSTOMER_LIFETIME_VALUE, tables, current="2026Q3")
    assert none.values["2026Q3"] is None
    # 2024Q1: nobody is a customer yet → empty cohort.
    empty, _ = run_metric(tmp_path, CUSTOMER_LIFETIME_VALUE, tables, current="2024Q1")
    assert empty.values["2024Q1"] is None


def test_referral_rate(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, REFERRAL_RATE, {"customers": CUSTOMERS})
    # New in Q2: c4, c6; referred: c6. New in Q1: c3, referred.
    assert outcome.values["2026Q2"] == pytest.approx(1 / 2)
    assert outcome.values["2026Q1"] == pytest.approx(1 / 1)
    none, _ = run_metric(tmp_path, REFERRAL_RATE, {"customers": CUSTOMERS}, current="2026Q4")
    assert none.values["2026Q4"] is None


def test_customer_acquisition_cost(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, CUSTOMER_ACQUISITION_COST, {"customers": CUSTOMERS})
    # New in Q2 with a cost: c4 (50); c6 has none → ledger. Q1: c3 has none → no data.
    assert outcome.values["2026Q2"] == pytest.approx(50 / 1)
    assert outcome.values["2026Q1"] is None
    assert ledger_rows(ledger, "missing_required") == 2


CONTRACTS = """
contract_id,customer_id,due_on,renewed
k1,c1,2026-04-30,true
k2,c2,2026-05-31,false
k3,c4,2026-06-30,
k4,c1,2026-03-31,true
"""


def test_contract_renewal_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, CONTRACT_RENEWAL_RATE, {"contracts": CONTRACTS})
    # Due in Q2 with a flag: k1 (renewed), k2; k3 empty → ledger. Q1: k4 renewed.
    assert outcome.values["2026Q2"] == pytest.approx(1 / 2)
    assert outcome.values["2026Q1"] == pytest.approx(1 / 1)
    assert ledger_rows(ledger, "missing_required") == 1
    none, _ = run_metric(
        tmp_path, CONTRACT_RENEWAL_RATE, {"contracts": CONTRACTS}, current="2026Q4"
    )
    assert none.values["2026Q4"] is None


REPAIRS = """
repair_id,unit_id,repaired_at
r1,u1,2026-04-01 10:00
r2,u1,2026-04-20 10:00
r3,u1,2026-06-10 10:00
r4,u2,2026-05-01 10:00
r5,u2,2026-07-05 10:00
r6,,2026-05-05 10:00
r7,u3,2026-06-25 10:00
r8,u3,2026-07-10 10:00
"""


def test_repair_return_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, REPAIR_RETURN_RATE, {"repairs": REPAIRS})
    # Q2 repairs with a unit: r1, r2, r3, r4, r7 = 5 (r6 → ledger). Back within 30 days:
    # r1 → r2 (19 days), r7 → r8 (15 days); r2 → r3 is 51 days, r4 → r5 65 days.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 5)
    assert outcome.samples["2026Q2"] == Proportion(5, 2)
    assert ledger_rows(ledger, "missing_required") == 1
    wide, _ = run_metric(tmp_path, REPAIR_RETURN_RATE, {"repairs": REPAIRS}, {"window_days": 60})
    assert wide.values["2026Q2"] == pytest.approx(3 / 5)  # r2 → r3 now counts
    assert outcome.values["2026Q1"] is None
