"""``compute_metrics``: open the sources, run one fused query per table, then general metrics."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from evalkit.compute.analyses import compute_analyses
from evalkit.compute.fused import (
    OVERALL,
    ROWS,
    Slot,
    fused_plan,
    metric_aggregates,
    table_aggregates,
)
from evalkit.compute.general import run_general
from evalkit.compute.outcome import (
    ComputeOutcome,
    ComputeRequest,
    DataFingerprint,
    LedgerEntry,
    MetricOutcome,
    MetricRequest,
)
from evalkit.compute.protocol import Aggregate, General, Measure
from evalkit.compute.sources import CanonicalTable, Sources, open_tables
from evalkit.data.canonical import TABLES
from evalkit.data.credentials import redact
from evalkit.data.periods import Period
from evalkit.data.spec import DataSpec
from evalkit.errors import DataError

Grouped = Mapping[tuple[str, str | None], Mapping[Slot, Any]]


def compute_metrics(request: ComputeRequest) -> ComputeOutcome:
    """Every requested metric for every window and segment value, with ledger and provenance.

    Unreadable sources raise ``DataError``; a metric whose computation fails gets an error in
    its ``MetricOutcome`` and the others are still computed.
    """
    data: DataSpec = request.data
    with tempfile.TemporaryDirectory(prefix="evalkit-") as workdir:
        sources = Sources(Path(workdir))
        try:
            return _compute(sources, data, request)
        finally:
            sources.close()


def _compute(sources: Sources, data: DataSpec, request: ComputeRequest) -> ComputeOutcome:
    needed: dict[str, set[str]] = defaultdict(set)
    outcomes: dict[str, MetricOutcome] = {}
    for metric in request.metrics:
        missing = [t for t in metric.definition.columns if t not in data.sources]
        if missing:
            outcomes[metric.instance_id] = _failed(
                metric, f"no data source for table '{missing[0]}'"
            )
            continue
        for table_name, columns in metric.definition.columns.items():
            needed[table_name].update(columns)
    tables = open_tables(sources, data, needed, request.segments)
    windows = request.windows.all()
    ledger: list[LedgerEntry] = []
    rows: dict[str, int] = {}
    by_table: dict[str, list[MetricRequest]] = defaultdict(list)
    generals: list[MetricRequest] = []
    for metric in request.metrics:
        if metric.instance_id in outcomes:
            continue
        computation = metric.definition.computation
        if isinstance(computation, Aggregate):
            by_table[computation.table].append(metric)
        elif isinstance(computation, General):
            generals.append(metric)
        else:
            outcomes[metric.instance_id] = _failed(metric, "the metric declares no computation")
    for name, opened in tables.items():
        results, count = _run_table(
            opened, by_table.get(name, []), windows, request.segments, ledger
        )
        outcomes.update(results)
        rows[name] = count
    for metric in generals:
        outcome, entries = run_general(metric, tables, request)
        outcomes[metric.instance_id] = outcome
        ledger.extend(entries)
    fingerprints = tuple(
        DataFingerprint(name, t.source, t.sha256, rows.get(name, 0)) for name, t in tables.items()
    )
    ordered = {m.instance_id: outcomes[m.instance_id] for m in request.metrics}
    analyses = compute_analyses(sources, data, tables, request.windows.current)
    return ComputeOutcome(ordered, tuple(ledger), fingerprints, analyses)


def _failed(metric: MetricRequest, message: str) -> MetricOutcome:
    return MetricOutcome(metric.instance_id, {}, error=message)


def _run_table(
    table: CanonicalTable,
    metrics: Sequence[MetricRequest],
    windows: Sequence[Period],
    segments: Sequence[str],
    ledger: list[LedgerEntry],
) -> tuple[dict[str, MetricOutcome], int]:
    default = TABLES[table.name].period_by if table.name in TABLES else None
    # a table with no segment column and no customer to join one through has no breakdown
    segments = [s for s in segments if s in table.expr.columns]
    outcomes: dict[str, MetricOutcome] = {}
    aggregates: dict[Slot, Measure] = table_aggregates(
        table.expr, table.bad_flags, segments, windows, default
    )
    planned: list[MetricRequest] = []
    for metric in metrics:
        try:
            aggregates.update(
                metric_aggregates(
                    table.expr, metric, metric.definition.computation, windows, default
                )
            )
            planned.append(metric)
        except Exception as exc:
            outcomes[metric.instance_id] = _failed(metric, _describe(exc))
    grouped = _execute(table, aggregates, segments, planned, windows, default, outcomes)
    overall = grouped.get((OVERALL, None), {})
    for slot, value in overall.items():
        if slot.metric == "" and slot.name != ROWS and value:
            reason, _, column = slot.name.partition(":")
            reason = "unparseable_value" if reason == "bad" else reason
            if reason == "unparseable_value" and TABLES.get(table.name) is not None:
                kind = TABLES[table.name].columns.get(column)
                reason = "unparseable_timestamp" if kind in ("timestamp", "date") else reason
            ledger.append(LedgerEntry(table.name, "*", reason, int(value), column))
        elif slot.metric and slot.name.startswith("excluded:") and value:
            ledger.append(LedgerEntry(table.name, slot.metric, slot.name[9:], int(value)))
    for metric in planned:
        if metric.instance_id not in outcomes:
            outcomes[metric.instance_id] = _outcome(metric, grouped, windows)
    return outcomes, int(overall.get(Slot("", "", ROWS)) or 0)


def _execute(
    table: CanonicalTable,
    aggregates: dict[Slot, Measure],
    segments: Sequence[str],
    planned: list[MetricRequest],
    windows: Sequence[Period],
    default: str | None,
    outcomes: dict[str, MetricOutcome],
) -> Grouped:
    """Run the fused query; if it fails, run each metric alone so only the culprit fails."""
    try:
        plan = fused_plan(table.expr, aggregates, segments)
        return plan.run()
    except Exception as exc:
        if not planned:
            raise _unreadable(table, exc) from None
    merged: dict[tuple[str, str | None], dict[Slot, Any]] = defaultdict(dict)
    try:
        base = fused_plan(
            table.expr,
            table_aggregates(table.expr, table.bad_flags, segments, windows, default),
            segments,
        )
        found = base.run()
    except Exception as exc:
        raise _unreadable(table, exc) from None
    for key, values in found.items():
        merged[key].update(values)
    for metric in planned:
        try:
            own = metric_aggregates(
                table.expr, metric, metric.definition.computation, windows, default
            )
            single = fused_plan(table.expr, own, segments)
            found = single.run()
        except Exception as exc:
            outcomes[metric.instance_id] = _failed(metric, _describe(exc))
            continue
        for key, values in found.items():
            merged[key].update(values)
    return merged


def _unreadable(table: CanonicalTable, exc: Exception) -> DataError:
    """The error for a source no query can read, naming the first bad byte of a text file."""
    if table.verify is not None:
        table.verify()
    return DataError(f"{table.source}: cannot be read: {_describe(exc)}")


def _outcome(metric: MetricRequest, grouped: Grouped, windows: Sequence[Period]) -> MetricOutcome:
    computation: Aggregate = metric.definition.computation
    try:
        values = _values(metric, computation, grouped.get((OVERALL, None), {}), windows)
        segments: dict[str, dict[str, dict[str, float | None]]] = defaultdict(dict)
        for (dim, val), measured in grouped.items():
            if dim == OVERALL or val is None:
                continue
            segments[dim][val] = _values(metric, computation, measured, windows)
    except Exception as exc:
        return _failed(metric, _describe(exc))
    ordered = {dim: dict(sorted(vals.items())) for dim, vals in segments.items()}
    return MetricOutcome(metric.instance_id, values, ordered)


def _values(
    metric: MetricRequest,
    computation: Aggregate,
    measured: Mapping[Slot, Any],
    windows: Sequence[Period],
) -> dict[str, float | None]:
    per_window: dict[str, dict[str, float | None]] = defaultdict(dict)
    for slot, value in measured.items():
        if slot.metric == metric.instance_id and slot.window:
            per_window[slot.window][slot.name] = None if value is None else float(value)
    values: dict[str, float | None] = {}
    for window in windows:
        value = computation.value(per_window.get(window.key, {}), metric.params)
        values[window.key] = None if value is None else float(value)
    return values


def _describe(exc: BaseException) -> str:
    text = redact(str(exc)).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
