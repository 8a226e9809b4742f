"""``compute_metrics``: open the sources, run one fused query per table, then general metrics."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from evalkit.compute.analyses import compute_analyses
from evalkit.compute.fused import OVERALL, ROWS, Slot, TablePlan, whole_counts
from evalkit.compute.general import run_general
from evalkit.compute.order_intervals import with_order_intervals
from evalkit.compute.outcome import (
    ComputeOutcome,
    ComputeRequest,
    DataFingerprint,
    LedgerEntry,
    MetricOutcome,
    MetricRequest,
)
from evalkit.compute.protocol import Aggregate, General
from evalkit.compute.sources import (
    CanonicalTable,
    Sources,
    open_tables,
    raise_for_tables,
    source_failures,
)
from evalkit.data.canonical import TABLES
from evalkit.data.credentials import described
from evalkit.data.periods import Period
from evalkit.data.spec import DataSpec
from evalkit.errors import DataError
from evalkit.samples import Sample

Grouped = Mapping[tuple[str, str | None], Mapping[Slot, Any]]


def compute_metrics(request: ComputeRequest) -> ComputeOutcome:
    """Every requested metric for every window and segment value, with ledger and provenance.

    Unreadable sources raise ``DataError``; a metric whose computation fails gets an error in
    its ``MetricOutcome`` and the others are still computed.
    """
    with tempfile.TemporaryDirectory(prefix="evalkit-") as workdir:
        outcome = _attempt(Path(workdir), request, typed_csv=True)
        if outcome is None:  # a CSV value did not parse: read the files as text
            outcome = _attempt(Path(workdir), request, typed_csv=False)
        assert outcome is not None, "a CSV read as text skips no rows"
        return outcome


def _attempt(workdir: Path, request: ComputeRequest, typed_csv: bool) -> ComputeOutcome | None:
    """The outcome, or None when a CSV read with parsed types skipped a row (a value that does
    not parse): the caller then reads the sources as text (``Sources``)."""
    sources = Sources(workdir, typed_csv)
    try:
        try:
            outcome = _compute(sources, request.data, request)
        except DataError:
            if sources.rejected():
                return None
            raise
        return None if sources.rejected() else outcome
    finally:
        sources.close()


def _compute(sources: Sources, data: DataSpec, request: ComputeRequest) -> ComputeOutcome:
    needed: dict[str, set[str]] = defaultdict(set)
    outcomes: dict[str, MetricOutcome] = {}
    for metric in request.metrics:
        columns = metric.definition.columns_for(metric.params)
        missing = [t for t in columns if t not in data.sources]
        if missing:
            outcomes[metric.instance_id] = _failed(
                metric, f"no data source for table '{missing[0]}'"
            )
            continue
        for table_name, read in columns.items():
            needed[table_name].update(read)
    tables = open_tables(sources, data, needed, request.segments)
    windows = request.windows.all()
    w = request.windows
    compared = [p for p in (w.current, w.previous, w.baseline) if p is not None]
    if not request.percentile_intervals:
        compared = []
    ledger: list[LedgerEntry] = [
        LedgerEntry(name, "*", "filtered", t.filtered) for name, t in tables.items() if t.filtered
    ]
    whole: dict[str, dict[str, int]] = {}
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
    accuracy = data.spark.accuracy_used if data.spark else None
    for name, opened in tables.items():
        results, counts = _run_table(
            opened,
            by_table.get(name, []),
            windows,
            [] if accuracy else compared,  # no order-statistic interval for an estimate
            request.segments,
            ledger,
            sources.memory_limited,
            accuracy,
        )
        outcomes.update(results)
        whole[name] = counts
    for metric in generals:
        outcome, entries = run_general(metric, tables, request)
        outcomes[metric.instance_id] = outcome
        ledger.extend(entries)
    fingerprints = tuple(
        DataFingerprint(name, t.source, str(t.sha256), whole[name][ROWS], t.engine)
        for name, t in tables.items()
    )
    ordered = {m.instance_id: outcomes[m.instance_id] for m in request.metrics}
    with source_failures(list(tables.values())):
        analyses = compute_analyses(sources, data, tables, request.windows.current)
    if not sources.rejected():  # no typed CSV read skipped a row: no run reads them as text
        for name, table in tables.items():
            if table.file_counts is not None and not table.counts:
                table.file_counts.remember(whole[name])
    return ComputeOutcome(ordered, tuple(ledger), fingerprints, analyses)


def _failed(metric: MetricRequest, message: str) -> MetricOutcome:
    return MetricOutcome(metric.instance_id, {}, error=message)


def _run_table(
    table: CanonicalTable,
    metrics: Sequence[MetricRequest],
    windows: Sequence[Period],
    compared: Sequence[Period],
    segments: Sequence[str],
    ledger: list[LedgerEntry],
    bounded: bool = False,
    accuracy: int | None = None,
) -> tuple[dict[str, MetricOutcome], dict[str, int]]:
    """The table's metrics from one grouped scan (and the percentiles' intervals in the
    ``compared`` windows from one more), with the table's counts over all its rows (``ROWS``,
    and ``bad:<column>`` per flagged column); ledger lines are appended.
    ``bounded`` (a memory limit is set): each percentile gets a scan of its own; ``accuracy``:
    percentiles approximate (Spark)."""
    default = TABLES[table.name].period_by if table.name in TABLES else None
    # a table with no segment column and no customer to join one through has no breakdown
    segments = [s for s in segments if s in table.expr.columns]
    outcomes: dict[str, MetricOutcome] = {}
    plan = TablePlan(
        table.expr,
        windows,
        segments,
        default,
        table.counted_cheaply,
        bounded,
        accuracy,
        table.counts,
    )
    planned: list[MetricRequest] = []
    for metric in metrics:
        try:
            plan.add(metric)
            planned.append(metric)
        except Exception as exc:
            outcomes[metric.instance_id] = _failed(metric, described(exc))
    plan.add_table_counts(table.bad_flags)
    grouped = _execute(table, plan, planned, outcomes)
    overall = grouped.get((OVERALL, None), {})
    for slot, value in overall.items():
        if slot.metric == "" and slot.name != ROWS and value:
            reason, _, column = slot.name.partition(":")
            reason = "unparseable_value" if reason == "bad" else reason
            if reason == "unparseable_value" and TABLES.get(table.name) is not None:
                kind = TABLES[table.name].columns.get(column)
                reason = "unparseable_timestamp" if kind in ("timestamp", "date") else reason
            ledger.append(LedgerEntry(table.name, "*", reason, int(value), column))
    for metric in planned:  # then each metric's exclusions, in the spec's order
        for slot, value in overall.items():
            if slot.metric == metric.instance_id and slot.name.startswith("excluded:") and value:
                ledger.append(LedgerEntry(table.name, slot.metric, slot.name[9:], int(value)))
    for metric in planned:
        if metric.instance_id not in outcomes:
            outcomes[metric.instance_id] = _outcome(metric, grouped, windows)
    with source_failures([table]):
        with_order_intervals(table.expr, outcomes, planned, compared, default)
    counts = whole_counts(table.bad_flags)
    return outcomes, {name: int(overall.get(Slot("", "", name)) or 0) for name in counts}


def _execute(
    table: CanonicalTable,
    plan: TablePlan,
    planned: list[MetricRequest],
    outcomes: dict[str, MetricOutcome],
) -> Grouped:
    """Run the table's queries; if one fails, run each metric alone so only the culprit fails."""
    try:
        return plan.run()
    except Exception as exc:  # out of memory all at once: each metric alone may fit
        raise_for_tables([table], exc, memory=False)
        if not planned:
            raise _unreadable(table, exc) from None
    merged: dict[tuple[str, str | None], dict[Slot, Any]] = defaultdict(dict)
    try:
        base = TablePlan(table.expr, plan.windows, plan.segments, plan.default)
        base.add_table_counts(table.bad_flags)
        found = base.run()
    except Exception as exc:
        raise _unreadable(table, exc) from None
    # the table's counts are read overall only; its scan's groups are not the windows'
    merged[(OVERALL, None)].update(found.get((OVERALL, None), {}))
    for metric in planned:
        try:
            single = TablePlan(table.expr, plan.windows, plan.segments, plan.default)
            single.add(metric)
            found = single.run()
        except Exception as exc:
            raise_for_tables([table], exc)
            outcomes[metric.instance_id] = _failed(metric, described(exc))
            continue
        for key, values in found.items():
            merged[key].update(values)
    return merged


def _unreadable(table: CanonicalTable, exc: Exception) -> DataError:
    """The error for a source no query can read, naming the first bad byte of a text file."""
    raise_for_tables([table], exc)
    if table.verify is not None:
        table.verify()
    return DataError(f"{table.source}: cannot be read: {described(exc)}", table.location)


def _outcome(metric: MetricRequest, grouped: Grouped, windows: Sequence[Period]) -> MetricOutcome:
    computation: Aggregate = metric.definition.computation
    try:
        overall = _by_window(metric, grouped.get((OVERALL, None), {}))
        values = _values(metric, computation, overall, windows)
        samples = _samples(metric, computation, overall, windows)
        segments: dict[str, dict[str, dict[str, float | None]]] = defaultdict(dict)
        for (dim, val), measured in grouped.items():
            if dim == OVERALL or val is None:
                continue
            segments[dim][val] = _values(metric, computation, _by_window(metric, measured), windows)
    except Exception as exc:
        return _failed(metric, described(exc))
    ordered = {dim: dict(sorted(vals.items())) for dim, vals in segments.items()}
    return MetricOutcome(metric.instance_id, values, ordered, samples=samples)


Measured = Mapping[str, Mapping[str, float | None]]
"""Window key → measure name → result."""


def _by_window(metric: MetricRequest, measured: Mapping[Slot, Any]) -> Measured:
    per_window: dict[str, dict[str, float | None]] = defaultdict(dict)
    for slot, value in measured.items():
        if slot.metric == metric.instance_id and slot.window:
            per_window[slot.window][slot.name] = None if value is None else float(value)
    return per_window


def _values(
    metric: MetricRequest, computation: Aggregate, measured: Measured, windows: Sequence[Period]
) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    for window in windows:
        value = computation.value(measured.get(window.key, {}), metric.params)
        values[window.key] = None if value is None else float(value)
    return values


def _samples(
    metric: MetricRequest, computation: Aggregate, measured: Measured, windows: Sequence[Period]
) -> dict[str, Sample]:
    if computation.sample is None:
        return {}
    found = {w.key: computation.sample(measured.get(w.key, {}), metric.params) for w in windows}
    return {key: sample for key, sample in found.items() if sample is not None}
