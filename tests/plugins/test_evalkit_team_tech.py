"""Team, technology and expert-rating metrics against values computed by hand."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from evalkit_team_tech.ratings import EXPERT_RATING
from evalkit_team_tech.technology import (
    IOT_MONITORING_COVERAGE,
    KNOWLEDGE_DEFLECTION_RATE,
    PROACTIVE_SERVICE_SHARE,
)
from evalkit_team_tech.training import TRAINING_EFFECT, TRAINING_PARTICIPATION_RATE

from evalkit.samples import Proportion
from evalkit.testing import ledger_rows, run_metric

AGENTS = """
agent_id,period,available_minutes,handled_minutes,trained
a1,2026Q1,1000,500,false
a2,2026Q1,1000,600,true
a3,2026Q1,1000,400,false
a1,2026Q2,1000,800,true
a2,2026Q2,1000,700,true
a3,2026Q2,1000,450,
a4,2026Q2,500,300,true
"""


def test_training_participation_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, TRAINING_PARTICIPATION_RATE, {"agents": AGENTS})
    # Q2 agents with a flag: a1, a2, a4 (a3 empty → ledger), all trained.
    assert outcome.values["2026Q2"] == pytest.approx(3 / 3)
    assert outcome.values["2026Q1"] == pytest.approx(1 / 3)  # a2 of a1, a2, a3
    assert outcome.samples["2026Q2"] == Proportion(3, 3)
    assert outcome.samples["2026Q1"] == Proportion(3, 1)
    assert ledger_rows(ledger, "missing_required") == 1
    none, _ = run_metric(
        tmp_path, TRAINING_PARTICIPATION_RATE, {"agents": AGENTS}, current="2026Q4"
    )
    assert none.values["2026Q4"] is None


def test_training_effect(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, TRAINING_EFFECT, {"agents": AGENTS})
    # Newly trained in Q2 with a Q1 row: a1 only (a2 was trained already, a4 has no Q1 row).
    # Utilisation a1: Q2 800 / 1000, Q1 500 / 1000.
    assert outcome.values["2026Q2"] == pytest.approx((800 / 1000) / (500 / 1000) - 1)
    # Q1 has no Q4 2025 rows to compare with.
    assert outcome.values["2026Q1"] is None
    handled, _ = run_metric(
        tmp_path, TRAINING_EFFECT, {"agents": AGENTS}, {"measure": "handled_minutes"}
    )
    assert handled.values["2026Q2"] == pytest.approx(800 / 500 - 1)


UNITS = """
unit_id,customer_id,monitored
u1,c1,true
u2,c1,false
u3,c2,true
u4,c2,
"""
CUSTOMERS = """
customer_id,segment
c1,B2B
c2,B2C
"""


def test_iot_monitoring_coverage(tmp_path: Path) -> None:
    tables = {"installed_units": UNITS, "customers": CUSTOMERS}
    outcome, ledger = run_metric(tmp_path, IOT_MONITORING_COVERAGE, tables, segments=("segment",))
    # Units with a flag: u1, u2, u3; monitored u1, u3 (same value in every period).
    assert outcome.values["2026Q2"] == pytest.approx(2 / 3)
    assert outcome.values["2026Q1"] == pytest.approx(2 / 3)
    assert outcome.samples["2026Q2"] == Proportion(3, 2)
    assert outcome.segments["segment"]["B2B"]["2026Q2"] == pytest.approx(1 / 2)
    assert outcome.segments["segment"]["B2C"]["2026Q2"] == pytest.approx(1 / 1)
    assert ledger_rows(ledger, "missing_required") == 1
    none, _ = run_metric(
        tmp_path, IOT_MONITORING_COVERAGE, {"installed_units": "unit_id,monitored\nu9,\n"}
    )
    assert none.values["2026Q2"] is None


TICKETS = """
ticket_id,created_at,origin
t1,2026-04-01 09:00,monitoring
t2,2026-04-02 09:00,customer
t3,2026-05-01 09:00,proactive
t4,2026-06-01 09:00,
t5,2026-02-01 09:00,customer
"""


def test_proactive_service_share(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, PROACTIVE_SERVICE_SHARE, {"tickets": TICKETS})
    # Q2 tickets t1..t4; monitoring t1, proactive t3 (t4 without origin counts as customer).
    assert outcome.values["2026Q2"] == pytest.approx(2 / 4)
    assert outcome.values["2026Q1"] == 0.0
    none, _ = run_metric(tmp_path, PROACTIVE_SERVICE_SHARE, {"tickets": TICKETS}, current="2026Q4")
    assert none.values["2026Q4"] is None


SESSIONS = """
session_id,started_at,ticket_created
s1,2026-04-01 09:00,false
s2,2026-04-02 09:00,true
s3,2026-05-01 09:00,false
s4,2026-06-01 09:00,
"""


def test_knowledge_deflection_rate(tmp_path: Path) -> None:
    tables = {"self_service_sessions": SESSIONS}
    outcome, ledger = run_metric(tmp_path, KNOWLEDGE_DEFLECTION_RATE, tables)
    # Q2 sessions with a flag: s1, s2, s3; without a ticket: s1, s3; s4 → ledger.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 3)
    assert outcome.values["2026Q1"] is None
    assert ledger_rows(ledger, "missing_required") == 1


RATINGS = """
indicator,score,rater,period,weight,scale_max
communication,4,alice,2026Q2,2,
communication,5,bob,2026Q2,1,
communication,3,carol,2026Q2,,
communication,7,dave,2026Q2,1,
communication,8,erin,2026Q2,1,10
attitude,2,alice,2026Q2,1,
communication,2,alice,2026Q1,1,
"""


def test_expert_rating(tmp_path: Path) -> None:
    outcome, ledger = run_metric(
        tmp_path, EXPERT_RATING, {"ratings": RATINGS}, {"indicator": "communication"}
    )
    # Q2 communication: 4 (w 2), 5 (w 1), 3 (no weight → 1), 8 on a 0–10 sheet (w 1);
    # dave's 7 exceeds the default scale 5 → out_of_range.
    expected = (4 * 2 + 5 * 1 + 3 * 1 + 8 * 1) / (2 + 1 + 1 + 1)
    assert outcome.values["2026Q2"] == pytest.approx(expected)
    assert outcome.values["2026Q1"] == pytest.approx(2)
    spread = outcome.details["windows"]["2026Q2"]
    assert spread["raters"] == 4
    assert (spread["min"], spread["max"]) == (3, 8)
    assert spread["std_dev"] == pytest.approx(statistics.pstdev([4, 5, 3, 8]))
    assert ledger_rows(ledger, "out_of_range") == 1
    none, _ = run_metric(
        tmp_path,
        EXPERT_RATING,
        {"ratings": RATINGS},
        {"indicator": "communication"},
        current="2026Q4",
    )
    assert none.values["2026Q4"] is None
