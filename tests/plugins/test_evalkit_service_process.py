"""Service-process metrics against values computed by hand from metric-catalog.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalkit_service_process.process import FOLLOW_UP_RATE, REPEAT_ISSUE_RATE, SERVICE_ERROR_RATE

from evalkit.samples import Proportion
from evalkit.testing import ledger_rows, run_metric

# 2026Q2 is the current period, 2026Q1 the previous one (nothing in Q1 except t9).
TICKETS = """
ticket_id,created_at,resolved_at,customer_id,category,segment,follow_up_at,service_error
t1,2026-04-01 09:00,2026-04-02 09:00,c1,billing,B2B,2026-04-03 09:00,true
t2,2026-04-10 09:00,2026-04-11 09:00,c1,billing,B2B,,false
t3,2026-04-05 09:00,2026-04-06 09:00,c2,repair,B2C,2026-04-05 12:00,false
t4,2026-05-01 09:00,2026-05-02 09:00,c2,billing,B2C,2026-05-02 09:00,
t5,2026-05-20 09:00,,c3,repair,B2C,,false
t6,2026-06-01 09:00,2026-05-30 09:00,c3,repair,B2C,2026-06-02 09:00,false
t7,2026-06-10 09:00,2026-06-11 09:00,,repair,B2C,,true
t8,2026-06-20 09:00,2026-08-01 09:00,c2,repair,B2C,,false
t9,2026-02-01 09:00,2026-02-02 09:00,c4,repair,B2B,,false
"""


def test_repeat_issue_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, REPEAT_ISSUE_RATE, {"tickets": TICKETS})
    # Q2 resolved with customer and category: t1, t2, t3, t4, t8 (t6 resolved before creation,
    # t7 has no customer). Repeats within 30 days of resolved_at, same customer and category:
    # t1 (resolved 04-02) → t2 (c1 billing, 04-10): yes. t2 → none. t3 (c2 repair, 04-06) →
    # t8 is c2 repair but opened 06-20, 75 days later: no. t4 → none. t8 → none.
    assert outcome.values["2026Q2"] == pytest.approx(1 / 5)
    # Q1: t9 resolved, nothing follows.
    assert outcome.values["2026Q1"] == 0.0
    # a rate: its sample gives n, the Wilson interval and the test of a change
    assert outcome.samples["2026Q2"] == Proportion(5, 1)
    assert outcome.samples["2026Q1"] == Proportion(1, 0)
    assert ledger_rows(ledger, "negative_duration") == 1  # t6
    assert ledger_rows(ledger, "missing_required") == 1  # t7


def test_repeat_issue_rate_window_and_segments(tmp_path: Path) -> None:
    outcome, _ = run_metric(
        tmp_path,
        REPEAT_ISSUE_RATE,
        {"tickets": TICKETS},
        {"window_days": 80},
        segments=("segment",),
    )
    # With 80 days t3 → t8 (75 days) also counts: 2 of 5.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 5)
    # B2B: t1, t2 → 1 of 2; B2C: t3, t4, t8 → 1 of 3.
    assert outcome.segments["segment"]["B2B"]["2026Q2"] == pytest.approx(1 / 2)
    assert outcome.segments["segment"]["B2C"]["2026Q2"] == pytest.approx(1 / 3)


def test_repeat_issue_rate_no_resolved_tickets_is_none(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, REPEAT_ISSUE_RATE, {"tickets": TICKETS}, current="2026Q4")
    assert outcome.values["2026Q4"] is None


def test_follow_up_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, FOLLOW_UP_RATE, {"tickets": TICKETS})
    # Q2 resolved (not before creation): t1, t2, t3, t4, t7, t8 = 6.
    # Follow-up at or after resolution: t1 (04-03 ≥ 04-02), t4 (equal) = 2; t3's follow-up
    # (04-05 12:00) precedes its resolution (04-06): not counted.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 6)
    assert outcome.values["2026Q1"] == 0.0  # t9 resolved, no follow-up
    assert ledger_rows(ledger, "negative_duration") == 1  # t6


def test_follow_up_rate_no_data_is_none(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, FOLLOW_UP_RATE, {"tickets": TICKETS}, current="2025Q4")
    assert outcome.values["2025Q4"] is None


def test_service_error_rate(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, SERVICE_ERROR_RATE, {"tickets": TICKETS})
    # Q2 tickets with a flag: t1..t8 except t4 (empty) = 7; flagged true: t1, t7 = 2.
    assert outcome.values["2026Q2"] == pytest.approx(2 / 7)
    assert ledger_rows(ledger, "missing_required") == 1  # t4


def test_service_error_rate_zero_denominator(tmp_path: Path) -> None:
    tickets = "ticket_id,created_at,service_error\nx1,2026-04-01 09:00,\n"
    outcome, _ = run_metric(tmp_path, SERVICE_ERROR_RATE, {"tickets": tickets})
    assert outcome.values["2026Q2"] is None  # the only ticket has no flag
