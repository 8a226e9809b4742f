"""A test kit for plugin authors: run one metric on tiny tables, exactly as ``evalkit run`` does.

Installed as a pytest plugin (entry point ``pytest11``), so a plugin's tests can use the
``metric_runner`` fixture without importing anything::

    def test_backlog_age(metric_runner):
        outcome, ledger = metric_runner(BACKLOG_AGE, {"tickets": "ticket_id,created_at\\n..."})
        assert outcome.values["2026Q2"] == 90.0

or call :func:`run_metric` directly with a folder of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from evalkit.compute import (
    ComputeRequest,
    LedgerEntry,
    MetricOutcome,
    MetricRequest,
    compute_metrics,
)
from evalkit.data.periods import build_windows, parse_period
from evalkit.data.spec import DataSpec, SourceSpec
from evalkit.location import Location
from evalkit.metric import MetricDefinition

__all__ = ["MetricRunner", "ledger_rows", "metric_runner", "run_metric"]


def run_metric(
    folder: Path,
    metric: MetricDefinition,
    tables: Mapping[str, str],
    params: Mapping[str, Any] | None = None,
    *,
    current: str = "2026Q2",
    go_live: date | None = None,
    segments: tuple[str, ...] = (),
) -> tuple[MetricOutcome, tuple[LedgerEntry, ...]]:
    """``metric`` over ``tables`` (canonical table → CSV text with canonical headers) for the
    period ``current``, its previous period and, with ``go_live``, the baseline; returns the
    metric's outcome and the ledger entries it produced. Fails if the metric raised."""
    sources = {}
    for name, text in tables.items():
        path = folder / f"{name}.csv"
        path.write_text(text.strip() + "\n", encoding="utf-8")
        sources[name] = SourceSpec(table=name, location=Location("spec.yaml", 1, 1), path=path)
    request = ComputeRequest(
        metrics=(MetricRequest("m", metric, dict(params or {})),),
        data=DataSpec(sources, segments),
        windows=build_windows(parse_period(current), go_live, trend_periods=2),
        segments=segments,
        base_dir=folder,
    )
    outcome = compute_metrics(request)
    found = outcome.metrics["m"]
    if found.error is not None:
        raise AssertionError(f"metric '{metric.id}' failed: {found.error}")
    return found, tuple(e for e in outcome.ledger if e.metric == "m")


def ledger_rows(entries: tuple[LedgerEntry, ...], reason: str) -> int:
    """Rows the metric left out for ``reason`` (``negative_duration``, ``missing_required`` …)."""
    return sum(e.rows for e in entries if e.reason == reason)


MetricRunner = Callable[..., tuple[MetricOutcome, tuple[LedgerEntry, ...]]]


@pytest.fixture
def metric_runner(tmp_path: Path) -> MetricRunner:
    """:func:`run_metric` with the test's temporary folder filled in."""

    def run(
        metric: MetricDefinition, tables: Mapping[str, str], *args: Any, **kwargs: Any
    ) -> tuple[MetricOutcome, tuple[LedgerEntry, ...]]:
        return run_metric(tmp_path, metric, tables, *args, **kwargs)

    return run
