"""Per-window, per-segment values for ``General`` metrics that join or read snapshot tables.

The helper runs every window's measures as filtered aggregates of ONE statement grouped by
``GROUPING SETS ((), (segment_1), …)`` over the segment columns the table carries (the
rewrite of ``sql.py``), so a general metric still runs in the backend, scans its input once,
and only the few aggregate values come back. It is part of the plugin API, next to
``evalkit.compute.templates``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import ibis
import ibis.expr.types as ir

from evalkit.compute.protocol import GeneralContext, GeneralResult, Params, Values, at
from evalkit.compute.sql import grouped_rows
from evalkit.data.periods import Period, period_months
from evalkit.samples import Sample

WindowMeasures = Callable[[ir.Table, Period], Mapping[str, ir.Scalar]]
"""Named aggregates of the table for one window (each filters to the window itself)."""
Finish = Callable[[Values, Period], float | None]
"""Turns one window's measured values (None where no row matched) into the metric value."""


def within(column: ir.Value, start: date, end: date) -> ir.BooleanValue:
    """Whether ``column`` (timestamp or date) lies in [start, end)."""
    value = column.cast("timestamp")
    return (value >= at(start)) & (value < at(end))


def in_period(column: ir.Value, window: Period) -> ir.BooleanValue:
    """Whether ``column`` lies in the window."""
    return within(column, window.start, window.end)


def preceding(window: Period) -> Period:
    """The window of the same length (in months) that ends where ``window`` starts."""
    months = period_months(window) or 1
    index = window.start.year * 12 + window.start.month - 1 - months
    year, month = divmod(index, 12)
    day = window.start.day
    while True:
        try:
            start = date(year, month + 1, day)
            break
        except ValueError:
            day -= 1
    return Period(start, window.start, f"before {window.key}", f"before {window.label}")


def windowed(
    context: GeneralContext,
    table: ir.Table,
    measures: WindowMeasures,
    finish: Finish,
    ledger: Mapping[str, ir.Scalar] | None = None,
    details: Mapping[str, Any] | None = None,
    sample: Callable[[Values, Params], Sample | None] | None = None,
) -> GeneralResult:
    """Values of a general metric for every window, overall and per segment value.

    ``ledger`` maps a reason to a count of rows left out (computed once, over the whole table).
    ``sample``: the sample behind a window's overall value, from the window's measured values,
    as ``Aggregate.sample`` gives it (e.g. ``templates.proportion_sample`` for a rate): its
    ``n``, interval and significance test (docs/statistics.md).
    """
    windows = context.windows.all()
    slots: dict[str, tuple[str, str]] = {}
    named: dict[str, ir.Scalar] = {}
    for window in windows:
        for name, expr in measures(table, window).items():
            column = f"m{len(named)}"
            slots[column] = (window.key, name)
            named[column] = expr

    def measured_of(row: Mapping[str, Any]) -> dict[str, dict[str, float | None]]:
        measured: dict[str, dict[str, float | None]] = {w.key: {} for w in windows}
        for column, (key, name) in slots.items():
            raw = row.get(column)
            measured[key][name] = None if raw is None else float(raw)
        return measured

    def values_of(measured: Mapping[str, Values]) -> dict[str, float | None]:
        found = {}
        for window in windows:
            value = finish(measured[window.key], window)
            found[window.key] = None if value is None else float(value)
        return found

    reasons = {f"l{i}": (reason, expr) for i, (reason, expr) in enumerate((ledger or {}).items())}
    exprs = {**named, **{k: expr for k, (_, expr) in reasons.items()}}
    columns = [s for s in context.segments if s in table.columns]
    keys = {f"_s{i}": table[s].cast("string") for i, s in enumerate(columns)}
    part = table.group_by(**keys).aggregate(**exprs) if keys else table.aggregate(**exprs)
    overall: Mapping[str, Any] = {}
    found: dict[str, dict[str, Values]] = {s: {} for s in columns}
    for row in grouped_rows(table, part, list(keys), [], None):
        rolled = [i for i in range(len(columns)) if not row[f"_g{i}"]]
        if not rolled:
            overall = row
        elif row[f"_s{rolled[0]}"] is not None:
            found[columns[rolled[0]]][str(row[f"_s{rolled[0]}"])] = values_of(measured_of(row))
    segments = {s: dict(sorted(v.items())) for s, v in found.items()}
    counts = {reason: int(overall.get(k) or 0) for k, (reason, _) in reasons.items()}
    measured = measured_of(overall)
    found_samples = {k: sample(v, context.params) for k, v in measured.items()} if sample else {}
    samples = {k: s for k, s in found_samples.items() if s is not None}
    return GeneralResult(values_of(measured), segments, counts, details or {}, samples)


def constant(context: GeneralContext, value: float | None, **details: Any) -> GeneralResult:
    """The same value for every window (metrics of the whole programme, e.g. NPV)."""
    return GeneralResult({w.key: value for w in context.windows.all()}, details=details)


def in_any(column: ir.Value, windows: tuple[Period, ...]) -> ir.BooleanValue:
    """Whether ``column`` lies in at least one of ``windows`` (for ledger counts)."""
    condition: ir.BooleanValue = ibis.literal(False)
    for window in windows:
        condition = condition | in_period(column, window)
    return condition


def growth(current: float | None, previous: float | None) -> float | None:
    """``current ÷ previous − 1``; no value when the previous period has nothing."""
    if not previous:
        return None
    return (current or 0.0) / previous - 1.0
