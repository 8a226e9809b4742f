"""One aggregate query per canonical table: every aggregate metric × window × segment.

Each output column is one measure of one metric in one window (filtered aggregate). A query
has two steps, the way a hand-written one would:

1. a projection computing each distinct value and row condition the measures use once per row
   (every duration metric in every window reads one shared duration column instead of its own
   copy of the expression), plus each segment column as text;
2. one aggregate over that projection, grouped by ``GROUPING SETS ((), (segment), …)``: the
   overall value over all rows and each segment value over its own rows, with the same
   definition, in one scan of the source.

Decomposable measures (counts, sums, means) and holistic ones (percentiles, distinct counts)
are separate aggregates, joined on the grouping keys into one statement: DuckDB computes the
first per segment and combines the partial results into the overall row, while for the second
it has to keep its whole input, which then holds only the few columns the percentiles read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import reduce
from typing import Any

import ibis.expr.types as ir

from evalkit.compute.outcome import MetricRequest
from evalkit.compute.protocol import Aggregate, Frame, Measure, at, count
from evalkit.compute.sql import fused_rows
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


Grouped = dict[tuple[str, str | None], dict[Slot, Any]]
"""(segment column or ``""``, segment value or ``None``) → slot → value."""


@dataclass(frozen=True)
class FusedPlan:
    """The query for one table: its parts (decomposable measures, then percentiles and distinct
    counts), each aggregated over its own projection, and what each output column means."""

    parts: tuple[ir.Table, ...]
    """Aggregates grouped by the segment keys ``_s0``, ``_s1``, … (if there are any)."""
    slots: Mapping[str, Slot]
    segments: tuple[str, ...]

    def run(self) -> Grouped:
        """Run the query: the values overall and per value of each segment column."""
        keys = [f"_s{i}" for i in range(len(self.segments))]
        found: Grouped = {}
        for row in fused_rows(self.parts, keys):
            found[self._key(row)] = {slot: row[name] for name, slot in self.slots.items()}
        return found

    def _key(self, row: Mapping[str, Any]) -> tuple[str, str | None]:
        for i, segment in enumerate(self.segments):
            if not row[f"_g{i}"]:
                value = row[f"_s{i}"]
                return segment, None if value is None else str(value)
        return OVERALL, None


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
) -> dict[Slot, Measure]:
    """The measures of one metric for every window, scoped to the window (raises if the plugin
    does)."""
    column = period_by(request, computation, default_period_by)
    found: dict[Slot, Measure] = {}
    excluded_any: dict[str, ir.BooleanValue] = {}
    for window in windows:
        frame = Frame(table, window, request.params, column)
        in_window = frame.in_window() if computation.windowed else None
        for name, measure in computation.measures(frame).items():
            found[Slot(request.instance_id, window.key, name)] = _scoped(measure, in_window)
        if computation.excluded is None:
            continue
        for reason, condition in computation.excluded(frame).items():
            scoped = condition if in_window is None else condition & in_window
            previous = excluded_any.get(reason)
            excluded_any[reason] = scoped if previous is None else previous | scoped
    for reason, condition in excluded_any.items():
        found[Slot(request.instance_id, "", f"excluded:{reason}")] = _scoped(count(condition), None)
    return found


def table_aggregates(
    table: ir.Table,
    bad_flags: Mapping[str, str],
    segments: Sequence[str],
    windows: Sequence[Period],
    default_period_by: str | None,
) -> dict[Slot, Measure]:
    """Table-level counts: rows, values that did not parse, rows with an unknown segment."""
    found: dict[Slot, Measure] = {Slot("", "", ROWS): count()}
    for column, flag in bad_flags.items():
        found[Slot("", "", f"bad:{column}")] = _scoped(count(table[flag]), None)
    if default_period_by and segments and default_period_by in table.columns:
        col = table[default_period_by]
        conditions = [(col >= at(w.start)) & (col < at(w.end)) for w in windows]
        any_window = reduce(lambda a, b: a | b, conditions)
        for segment in segments:
            found[Slot("", "", f"unknown_segment:{segment}")] = _scoped(
                count(any_window & table[segment].isnull()), None
            )
    return found


def _scoped(measure: Measure, in_window: ir.BooleanValue | None) -> Measure:
    """The measure restricted to the window; a null condition counts as false."""
    if measure.reduction != "count" and measure.value is None:
        raise ValueError(f"a '{measure.reduction}' measure needs a value")
    where = measure.where
    if in_window is not None:
        where = in_window if where is None else where & in_window
    if where is not None:
        where = where.fill_null(False)
    value = measure.value
    if value is not None and measure.reduction in ("sum", "mean", "quantile"):
        value = value.cast("float64")
    return replace(measure, value=value, where=where)


class _Projection:
    """The distinct values and conditions the measures use, each one column computed once."""

    def __init__(self) -> None:
        self.columns: dict[str, ir.Value] = {}
        self._names: dict[Any, str] = {}

    def column(self, expr: ir.Value | None) -> str | None:
        """The name of the column holding ``expr`` (Ibis expressions compare structurally)."""
        if expr is None:
            return None
        key = expr.op()
        if key not in self._names:
            name = f"_c{len(self._names)}"
            self._names[key] = name
            self.columns[name] = expr
        return self._names[key]


def _reduce(table: ir.Table, measure: Measure, value: str | None, where: str | None) -> ir.Scalar:
    condition = None if where is None else table[where]
    if measure.reduction == "count":
        return table.count(where=condition)
    assert value is not None
    column = table[value]
    if measure.reduction == "sum":
        return column.sum(where=condition)
    if measure.reduction == "mean":
        return column.mean(where=condition)
    if measure.reduction == "quantile":
        return column.quantile(measure.q, where=condition)
    if measure.reduction == "count_distinct":
        return column.nunique(where=condition)
    if measure.reduction == "min":
        return column.min(where=condition)
    return column.max(where=condition)


HOLISTIC = ("quantile", "count_distinct")
"""Reductions the database cannot combine from per-segment partial results."""


def fused_plan(
    table: ir.Table, measures: Mapping[Slot, Measure], segments: Sequence[str]
) -> FusedPlan:
    """The measures as aggregates by segment grouping sets: one part for the decomposable
    measures, one for the holistic ones (see the module docstring)."""
    usable = tuple(s for s in segments if s in table.columns)
    keys = {f"_s{i}": table[s].cast("string") for i, s in enumerate(usable)}
    slots = {f"m{i}": slot for i, slot in enumerate(measures)}
    decomposable = {n: s for n, s in slots.items() if measures[s].reduction not in HOLISTIC}
    holistic = {n: s for n, s in slots.items() if measures[s].reduction in HOLISTIC}
    parts = tuple(
        _part(table, keys, {name: measures[slot] for name, slot in group.items()})
        for group in (decomposable, holistic)
        if group
    )
    return FusedPlan(parts, slots, usable)


def _part(
    table: ir.Table, keys: Mapping[str, ir.Value], measures: Mapping[str, Measure]
) -> ir.Table:
    projection = _Projection()
    columns = {
        name: (projection.column(m.value), projection.column(m.where))
        for name, m in measures.items()
    }
    shared = {**keys, **projection.columns}
    projected = table.select(**shared) if shared else table
    named = {name: _reduce(projected, measures[name], *columns[name]) for name in measures}
    if not keys:
        return projected.aggregate(**named)
    return projected.group_by(*keys).aggregate(**named)
