"""Survey experience metrics against values computed by hand from metric-catalog.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalkit_experience.surveys import CES, EXPECTATION_GAP, SURVEY_RESPONSE_RATE

from evalkit.testing import ledger_rows, run_metric

SURVEYS = """
survey,sent_at,answered_at,ces_score,expected_score,experienced_score
s1,2026-04-01 10:00,2026-04-02 10:00,2,4,5
s2,2026-04-03 10:00,2026-04-03 12:00,5,5,3
s3,2026-04-20 10:00,,,,
s4,2026-05-01 10:00,2026-05-03 10:00,9,4,
s5,2026-06-29 10:00,2026-07-02 10:00,3,3,4
s6,2026-03-30 10:00,2026-04-01 08:00,,2,4
"""


def test_ces(tmp_path: Path) -> None:
    outcome, ledger = run_metric(tmp_path, CES, {"surveys": SURVEYS})
    # Answered in Q2: s1 (2), s2 (5), s4 (9: outside 1–7, left out), s6 (no score).
    assert outcome.values["2026Q2"] == pytest.approx((2 + 5) / 2)
    # s5 was answered in Q3; Q1 has no answers → no data.
    assert outcome.values["2026Q1"] is None
    assert ledger_rows(ledger, "out_of_range") == 1


def test_survey_response_rate(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, SURVEY_RESPONSE_RATE, {"surveys": SURVEYS})
    # Sent in Q2: s1, s2, s3, s4, s5 = 5; answered: all but s3 = 4 (s5 answered in July).
    assert outcome.values["2026Q2"] == pytest.approx(4 / 5)
    # Sent in Q1: s6, answered.
    assert outcome.values["2026Q1"] == pytest.approx(1 / 1)


def test_survey_response_rate_nothing_sent_is_none(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, SURVEY_RESPONSE_RATE, {"surveys": SURVEYS}, current="2026Q4")
    assert outcome.values["2026Q4"] is None


def test_expectation_gap(tmp_path: Path) -> None:
    outcome, _ = run_metric(tmp_path, EXPECTATION_GAP, {"surveys": SURVEYS})
    # Answered in Q2 with both scores: s1 (5 − 4 = 1), s2 (3 − 5 = −2), s6 (4 − 2 = 2);
    # s4 lacks experienced_score.
    assert outcome.values["2026Q2"] == pytest.approx((1 - 2 + 2) / 3)
    assert outcome.values["2026Q1"] is None
