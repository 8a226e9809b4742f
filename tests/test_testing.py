"""The plugin authors' test kit works as a pytest plugin, and public APIs list what they export."""

from __future__ import annotations

import importlib

import pytest
from evalkit_service_quality.times import FIRST_RESPONSE_TIME

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
