"""One grouped aggregate query per canonical table: every aggregate metric × window × segment.

Each output column is one measure of one metric in one window (filtered aggregate). The query is
a UNION ALL of the overall aggregate and one GROUP BY per segment column, so segment values are
computed over their own rows with the same definition, and the overall value over all rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

import ibis
import ibis.expr.types as ir

from evalkit.compute.outcome import MetricRequest
from evalkit.compute.protocol import Aggregate, Frame, Measure
from evalkit.data.periods import Period

OVERALL = ""
ROWS = "__rows"
"""Table-level slots: all rows; bad values per column; rows with unknown segment."""


@dataclass(frozen=True)
class Slot:
    """What one output column of the fused query holds."""

    metric: str
    """Metric instance id, or ``""`` for table-level counts."""
    window: str
    """Window key, or ``""`` when not per window."""
    name: str
    """Measure name, ``excluded:<reason>``, ``bad:<column>``, ``unknown_segment:<column>``, rows."""


@dataclass(frozen=True)
class FusedPlan:
    """The query for one table and what each of its columns means."""

    expr: ir.Table
    slots: Mapping[str, Slot]
    segments: tuple[str, ...]


def period_by(request: MetricRequest, computation: Aggregate, default: str | None) -> str:
    """The attribution column: the ``period_by`` param, the metric's default, the table's."""
    chosen = request.params.get("period_by") or computation.period_by or default
    if not chosen:
        raise ValueError(f"table '{computation.table}' has no period column; set period_by")
    return str(chosen)


def metric_aggregates(
    table: ir.Table,
    request: MetricRequest,
    computation: Aggregate,
    windows: Sequence[Period],
    default_period_by: str | None,
) -> dict[Slot, ir.Scalar]:
    """The filtered aggregates of one metric for every window (raises if the plugin does)."""
    column = period_by(request, computation, default_period_by)
    found: dict[Slot, ir.Scalar] = {}
    excluded_any: dict[str, ir.BooleanValue] = {}
    for window in windows:
        frame = Frame(table, window, request.params, column)
        in_window = frame.in_window() if computation.windowed else None
        for name, measure in computation.measures(frame).items():
            found[Slot(request.instance_id, window.key, name)] = _reduce(table, measure, in_window)
        if computation.excluded is None:
            continue
        for reason, condition in computation.excluded(frame).items():
            scoped = condition if in_window is None else condition & in_window
            previous = excluded_any.get(reason)
            excluded_any[reason] = scoped if previous is None else previous | scoped
    for reason, condition in excluded_any.items():
        found[Slot(request.instance_id, "", f"excluded:{reason}")] = table.count(
            where=condition.fill_null(False)
        )
    return found


def table_aggregates(
    table: ir.Table,
    bad_flags: Mapping[str, str],
    segments: Sequence[str],
    windows: Sequence[Period],
    default_period_by: str | None,
) -> dict[Slot, ir.Scalar]:
    """Table-level counts: rows, values that did not parse, rows with an unknown segment."""
    found: dict[Slot, ir.Scalar] = {Slot("", "", ROWS): table.count()}
    for column, flag in bad_flags.items():
        found[Slot("", "", f"bad:{column}")] = table.count(where=table[flag])
    if default_period_by and segments and default_period_by in table.columns:
        col = table[default_period_by]
        conditions = [(col >= _at(w.start)) & (col < _at(w.end)) for w in windows]
        any_window = reduce(lambda a, b: a | b, conditions)
        for segment in segments:
            found[Slot("", "", f"unknown_segment:{segment}")] = table.count(
                where=any_window & table[segment].isnull()
            )
    return found


def _at(day: Any) -> ir.TimestampValue:
    from datetime import datetime

    return ibis.literal(datetime.combine(day, datetime.min.time()))


def _reduce(table: ir.Table, measure: Measure, in_window: ir.BooleanValue | None) -> ir.Scalar:
    where = measure.where
    if in_window is not None:
        where = in_window if where is None else where & in_window
    if where is not None:
        where = where.fill_null(False)
    if measure.reduction == "count":
        return table.count(where=where)
    value = measure.value
    if value is None:
        raise ValueError(f"a '{measure.reduction}' measure needs a value")
    if measure.reduction == "sum":
        return value.cast("float64").sum(where=where)
    if measure.reduction == "mean":
        return value.cast("float64").mean(where=where)
    if measure.reduction == "quantile":
        return value.cast("float64").quantile(measure.q, where=where)
    if measure.reduction == "count_distinct":
        return value.nunique(where=where)
    if measure.reduction == "min":
        return value.min(where=where)
    return value.max(where=where)


def fused_plan(
    table: ir.Table, aggregates: Mapping[Slot, ir.Scalar], segments: Sequence[str]
) -> FusedPlan:
    """The UNION ALL of the overall aggregate and one GROUP BY per segment column."""
    slots = {f"m{i}": slot for i, slot in enumerate(aggregates)}
    named = {name: aggregates[slot] for name, slot in slots.items()}
    branches = [
        table.aggregate(**named).mutate(_dim=ibis.literal(OVERALL), _val=ibis.null("string"))
    ]
    usable = tuple(s for s in segments if s in table.columns)
    for segment in usable:
        grouped = table.group_by(_val=table[segment].cast("string")).aggregate(**named)
        branches.append(grouped.mutate(_dim=ibis.literal(segment)))
    order = ["_dim", "_val", *named]
    expr = (
        ibis.union(*(b.select(*order) for b in branches))
        if len(branches) > 1
        else branches[0].select(*order)
    )
    return FusedPlan(expr, slots, usable)


def decode(
    plan: FusedPlan, rows: Sequence[Mapping[str, Any]]
) -> dict[tuple[str, str | None], dict[Slot, Any]]:
    """Result rows → {(segment column or "", segment value): {slot: value}}."""
    found: dict[tuple[str, str | None], dict[Slot, Any]] = {}
    for row in rows:
        key = (str(row["_dim"]), None if row["_val"] is None else str(row["_val"]))
        found[key] = {slot: row[name] for name, slot in plan.slots.items()}
    return found
