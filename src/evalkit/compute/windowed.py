"""Per-window, per-segment values for ``General`` metrics that join or read snapshot tables.

The helper mirrors what the engine does for ``Aggregate`` metrics: every window's measures
become filtered aggregates of ONE query per grouping (overall, then one GROUP BY per segment
column the table carries), so a general metric still runs in the backend and only the few
aggregate values come back. It is part of the plugin API, next to ``evalkit.compute.templates``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import ibis
import ibis.expr.types as ir

from evalkit.compute.protocol import GeneralContext, GeneralResult, Values, at
from evalkit.data.periods import Period, period_months

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
) -> GeneralResult:
    """Values of a general metric for every window, overall and per segment value.

    ``ledger`` maps a reason to a count of rows left out (computed once, over the whole table).
    """
    windows = context.windows.all()
    slots: dict[str, tuple[str, str]] = {}
    named: dict[str, ir.Scalar] = {}
    for window in windows:
        for name, expr in measures(table, window).items():
            column = f"m{len(named)}"
            slots[column] = (window.key, name)
            named[column] = expr

    def values_of(row: Mapping[str, Any]) -> dict[str, float | None]:
        measured: dict[str, dict[str, float | None]] = {w.key: {} for w in windows}
        for column, (key, name) in slots.items():
            raw = row.get(column)
            measured[key][name] = None if raw is None else float(raw)
        found = {}
        for window in windows:
            value = finish(measured[window.key], window)
            found[window.key] = None if value is None else float(value)
        return found

    reasons = {f"l{i}": (reason, expr) for i, (reason, expr) in enumerate((ledger or {}).items())}
    overall_exprs = {**named, **{k: expr for k, (_, expr) in reasons.items()}}
    overall = context.execute(table.aggregate(**overall_exprs)).to_pylist()[0]
    segments: dict[str, dict[str, Values]] = {}
    for segment in context.segments:
        if segment not in table.columns:
            continue
        grouped = table.group_by(_val=table[segment].cast("string")).aggregate(**named)
        rows = context.execute(grouped).to_pylist()
        segments[segment] = {
            str(row["_val"]): values_of(row) for row in rows if row["_val"] is not None
        }
        segments[segment] = dict(sorted(segments[segment].items()))
    counts = {reason: int(overall[k] or 0) for k, (reason, _) in reasons.items()}
    return GeneralResult(values_of(overall), segments, counts, details or {})


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
