"""A test kit for plugin authors: run one metric on tiny tables, exactly as ``evalkit run`` does.

Installed as a pytest plugin (entry point ``pytest11``), so a plugin's tests can use the
``metric_runner`` fixture without importing anything::

    def test_backlog_age(metric_runner):
        outcome, ledger = metric_runner(BACKLOG_AGE, {"tickets": "ticket_id,created_at\\n..."})
        assert outcome.values["2026Q2"] == 90.0

or call :func:`run_metric` directly with a folder of their own. A table is given as CSV text, a
path to a CSV file or a list of rows (dicts); columns beyond the canonical ones are kept, typed
as the metric's ``extra_columns`` declare (text otherwise).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import pytest

from evalkit.compute import (
    ComputeRequest,
    LedgerEntry,
    MetricOutcome,
    MetricRequest,
    compute_metrics,
)
from evalkit.data.canonical import TABLES, ColumnType
from evalkit.data.periods import build_windows, parse_period
from evalkit.data.spec import DataSpec, SourceSpec
from evalkit.location import Location
from evalkit.metric import MetricDefinition

__all__ = ["MetricRunner", "TableData", "csv_text", "ledger_rows", "metric_runner", "run_metric"]

TableData = str | Path | Sequence[Mapping[str, Any]]
"""One table for the kit: CSV text, a path to a CSV file, or rows as dicts (header → value)."""

DEFAULT_PERIOD = "2026Q2"
"""The period evaluated when a test names none: results are under ``values["2026Q2"]`` (this
period), ``values["2026Q1"]`` (the previous one) and ``values["baseline"]`` with ``go_live``."""


def run_metric(
    folder: Path,
    metric: MetricDefinition,
    tables: Mapping[str, TableData],
    params: Mapping[str, Any] | None = None,
    *,
    current: str = DEFAULT_PERIOD,
    go_live: date | None = None,
    segments: tuple[str, ...] = (),
) -> tuple[MetricOutcome, tuple[LedgerEntry, ...]]:
    """``metric`` over ``tables`` (canonical table → :data:`TableData` with canonical headers)
    for the period ``current``, its previous period and, with ``go_live``, the baseline, broken
    down by the ``segments`` columns; returns the metric's outcome (``.values``: window key →
    value; ``.segments``: segment column → segment value → window key → value) and the ledger
    entries it produced. Fails if the metric raised."""
    sources = {}
    for name, data in tables.items():
        text = csv_text(data)
        path = folder / f"{name}.csv"
        path.write_text(text.strip() + "\n", encoding="utf-8")
        sources[name] = SourceSpec(
            table=name,
            location=Location("spec.yaml", 1, 1),
            path=path,
            extra_types=_extra_types(metric, name, text),
        )
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


def csv_text(data: TableData) -> str:
    """A table as CSV text: text as given, a file's text, or rows written with a header of
    every key seen (``None`` is an empty cell, dates ISO, booleans ``true``/``false``)."""
    if isinstance(data, str):
        return data
    if isinstance(data, Path):
        return data.read_text(encoding="utf-8")
    headers = list(dict.fromkeys(k for row in data for k in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for row in data:
        writer.writerow([_cell(row.get(h)) for h in headers])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _extra_types(metric: MetricDefinition, table: str, text: str) -> dict[str, ColumnType]:
    """The columns of ``text`` that are not canonical, typed as the metric declares them."""
    header = next(csv.reader(io.StringIO(text.strip())), [])
    canonical = TABLES[table].columns if table in TABLES else {}
    declared = metric.extra_columns.get(table, {})
    return {
        h: cast(ColumnType, declared.get(h, "string")) for h in header if h and h not in canonical
    }


def ledger_rows(entries: tuple[LedgerEntry, ...], reason: str) -> int:
    """Rows the metric left out for ``reason`` (``negative_duration``, ``missing_required`` …)."""
    return sum(e.rows for e in entries if e.reason == reason)


MetricRunner = Callable[..., tuple[MetricOutcome, tuple[LedgerEntry, ...]]]


@pytest.fixture
def metric_runner(tmp_path: Path) -> MetricRunner:
    """:func:`run_metric` with the test's temporary folder filled in:
    ``metric_runner(metric, tables, params=None, *, current="2026Q2", go_live=None,
    segments=())``."""

    def run(
        metric: MetricDefinition, tables: Mapping[str, TableData], *args: Any, **kwargs: Any
    ) -> tuple[MetricOutcome, tuple[LedgerEntry, ...]]:
        return run_metric(tmp_path, metric, tables, *args, **kwargs)

    return run
