"""Service-efficiency metrics against values computed by hand from metric-catalog.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalkit_efficiency.agents import AGENT_UTILIZATION, TICKETS_PER_AGENT
from evalkit_efficiency.field import FIRST_TIME_FIX_RATE, ONSITE_ARRIVAL_TIME
from evalkit_efficiency.tickets import (
    BACKLOG_RATE,
    SELF_SERVICE_RATE,
    SERVICE_COVERAGE,
    TICKET_CYCLE_TIME,
    WORKLOAD_GROWTH,
)

from evalkit.testing import ledger_rows, run_metric

# Current period 2026Q2 (ends 2026-07-01 00:00), previous 2026Q1.
TICKETS = """
ticket_id,created_at,resolved_at,closed_at,agent_id,channel,region,segment
t1,2026-04-01 00:00,2026-04-01 10:00,2026-04-02 00:00,a1,phone,north,B2B
t2,2026-04-10 00:00,2026-04-10 02:00,2026-04-10 04:00,a1,self_service,north,B2B
t3,2026-05-01 00:00,2026-07-05 00:00,,a2,phone,south,B2C
t4,2026-06-20 00:00,,,,phone,south,B2C
t5,2026-06-28 00:00,,,,web,east,B2C
t6,2026-06-01 00:00,2026-05-31 00:00,2026-05-30 00:00,a2,phone,south,B2C
t7,2026-06-05 00:00,2026-06-06 00:00,2026-06-07 00:00,,self_service,north,B2C
t8,2026-02-01 00:00,2026-02-02 00:00,2026-02-03 00:00,a3,phone,west,B2B
t9,2026-03-01 00:00,,,,phone,west,B2B
"""


def test_ticket_cycle_time(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, TICKET_CYCLE_TIME, {"tickets": TICKETS})
    # Closed Q2 tickets: t1 24 h = 1440 min, t2 4 h = 240 min, t7 48 h = 2880 min;
    # t6 closed before creation → ledger.
    assert outcome.values["2026Q2"] == pytest.approx((1440 + 240 + 2880) / 3)
    assert ledger_rows(ledger, "negative_duration") == 1
    median, _ = run_metric(
        tmp_path, TICKET_CYCLE_TIME, {"tickets": TICKETS}, {"statistic": "median"}
    )
    assert median.values["2026Q2"] == pytest.approx(1440)


def test_ticket_cycle_time_no_closed_tickets_is_none(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, TICKET_CYCLE_TIME, {"tickets": TICKETS}, current="2026Q4")
    assert outcome.values["2026Q4"] is None


def test_backlog_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, BACKLOG_RATE, {"tickets": TICKETS})
    # Q2 created, usable (t6 resolved before creation is left out): t1 t2 t3 t4 t5 t7 = 6.
    # Unresolved at 07-01 00:00: t3 (resolved 07-05), t4, t5. At least 7 days old at 07-01,
    # i.e. created ≤ 06-24: t3 (05-01), t4 (06-20); t5 (06-28) is only 3 days old.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 6)
    # Q1: t8 resolved, t9 open since 03-01 → 1 of 2.
    assert outcome.values["2026Q1"] == pytest.approx(1 / 2)
    assert ledger_rows(ledger, "negative_duration") == 1
    none, _ = run_metric(tmp_path, BACKLOG_RATE, {"tickets": TICKETS}, current="2026Q4")
    assert none.values["2026Q4"] is None


def test_tickets_per_agent(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, TICKETS_PER_AGENT, {"tickets": TICKETS})
    # Q2 resolved with agent: t1 (a1), t2 (a1), t3 (a2) = 3 tickets, 2 agents; t7 has no agent.
    assert outcome.values["2026Q2"] == pytest.approx(3 / 2)
    assert outcome.values["2026Q1"] == pytest.approx(1 / 1)  # t8 by a3
    assert ledger_rows(ledger, "missing_required") == 1
    none, _ = run_metric(tmp_path, TICKETS_PER_AGENT, {"tickets": TICKETS}, current="2026Q4")
    assert none.values["2026Q4"] is None


AGENTS = """
agent_id,period,available_minutes,handled_minutes,trained
a1,2026Q2,1000,800,true
a2,2026Q2,500,200,false
a3,2026Q2,,100,true
a1,2026Q1,1000,500,false
"""


def test_agent_utilization(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, AGENT_UTILIZATION, {"agents": AGENTS})
    # Q2: (800 + 200) ÷ (1000 + 500); a3 has no available minutes → ledger.
    assert outcome.values["2026Q2"] == pytest.approx(1000 / 1500)
    assert outcome.values["2026Q1"] == pytest.approx(500 / 1000)
    assert ledger_rows(ledger, "missing_required") == 1
    none, _ = run_metric(tmp_path, AGENT_UTILIZATION, {"agents": AGENTS}, current="2026Q4")
    assert none.values["2026Q4"] is None


def test_workload_growth(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, WORKLOAD_GROWTH, {"tickets": TICKETS})
    # Q2: t1..t7 = 7 tickets; Q1: t8, t9 = 2 → 7 ÷ 2 − 1.
    assert outcome.values["2026Q2"] == pytest.approx(7 / 2 - 1)
    # Q1 against 2025Q4, which has no tickets → no value.
    assert outcome.values["2026Q1"] is None


def test_self_service_rate(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, SELF_SERVICE_RATE, {"tickets": TICKETS})
    # Q2 resolved (t6 left out): t1, t2, t3, t7 = 4; self_service: t2, t7.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 4)
    assert outcome.values["2026Q1"] == 0.0
    none, _ = run_metric(tmp_path, SELF_SERVICE_RATE, {"tickets": TICKETS}, current="2026Q4")
    assert none.values["2026Q4"] is None


def test_service_coverage(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, SERVICE_COVERAGE, {"tickets": TICKETS})
    # Regions in the tickets: north, south, east, west = 4. Q2 resolved tickets: t1, t2, t7
    # (north), t3, t6 (south) → 2 of 4.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 4)
    scoped, _ = run_metric(
        tmp_path, SERVICE_COVERAGE, {"tickets": TICKETS}, {"regions": ["north", "east", "mars"]}
    )
    # In scope: north, east, mars; served: north → 1 of 3.
    assert scoped.values["2026Q2"] == pytest.approx(1 / 3)
    empty = "ticket_id,created_at,resolved_at,region\n"
    none, _ = run_metric(tmp_path, SERVICE_COVERAGE, {"tickets": empty + "x,2026-04-01,,\n"})
    assert none.values["2026Q2"] is None  # no region at all: no scope


VISITS = """
visit_id,dispatched_at,arrived_at,fixed_first_visit
v1,2026-04-01 08:00,2026-04-01 09:30,true
v2,2026-04-02 08:00,2026-04-02 12:00,false
v3,2026-05-02 08:00,2026-05-02 07:00,true
v4,2026-06-02 08:00,,
"""


def test_onsite_arrival_time(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, ONSITE_ARRIVAL_TIME, {"field_visits": VISITS})
    # v1 90 min, v2 240 min; v3 arrives before dispatch → ledger; v4 never arrived.
    assert outcome.values["2026Q2"] == pytest.approx((90 + 240) / 2)
    assert ledger_rows(ledger, "negative_duration") == 1
    assert outcome.values["2026Q1"] is None


def test_first_time_fix_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, FIRST_TIME_FIX_RATE, {"field_visits": VISITS})
    # Visits with a flag: v1, v2, v3 = 3; fixed: v1, v3; v4's flag empty → ledger.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 3)
    assert ledger_rows(ledger, "missing_required") == 1
    assert outcome.values["2026Q1"] is None
