"""One grouped query per canonical table: every aggregate metric × window × segment.

The rows meet a small relation of the windows, ``(id, start, end, day, first)``:

- **range** (metrics attributed to a period by a column, ``windowed=True``): each row is
  joined, on the day of its period column, to every window holding that day (the relation has
  one row per day of each window: an equality join, which the database hashes, where a range
  join would sort the table). A row in two windows that overlap (the go-live baseline and a
  trend quarter) is there twice; a row in none is kept once with a null window, for the
  table-level counts.
- **every** (cohort metrics, ``windowed=False``, whose measures compare columns with the window
  bounds): each row is joined to every window.

The query groups the joined rows by ``GROUPING SETS ((window), (window, segment_1), …)``. A
measure never filters by window: it is ONE aggregate, computed per window and segment value by
the grouping (percentiles too, in the same statement). Each distinct value and row condition
the measures use is one column of a projection, computed once per row. Counts that concern
each source row once (rows, unparseable values, unknown segments, rows a metric leaves out) are
taken on the copy in the row's first window (``first``) and summed over the windows.

A metric whose measures depend on the window other than through ``frame.start``/``frame.end``
(e.g. it reads ``frame.window`` to build the preceding period) cannot be grouped: its measures
are built per window with literal bounds and computed in a **flat** query grouped by segment
only, one filtered aggregate per window × measure — the plan every metric had before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import reduce
from typing import Any, Literal

import ibis
import ibis.expr.types as ir

from evalkit.compute.outcome import MetricRequest
from evalkit.compute.protocol import Aggregate, Frame, Measure, at, count
from evalkit.compute.sql import JOINED, WINDOW_COLUMNS, WindowRow, Windows, grouped_rows
from evalkit.data.periods import Period

OVERALL = ""
ROWS = "__rows"
"""Table-level slots: all rows; bad values per column; rows with unknown segment."""
WINDOW, START, END, DAY, FIRST = WINDOW_COLUMNS
PROBE = Period(date(1901, 1, 1), date(1901, 2, 1), "__probe", "__probe")
"""A window no spec evaluates: measures built for it and for a real window are compared to
tell whether they depend on the window beyond its bounds."""


@dataclass(frozen=True)
class Slot:
    """What one output column of the fused query holds."""

    metric: str
    """Metric instance id, or ``""`` for table-level counts."""
    window: str
    """Window key, or ``""`` when not per window (and in a grouped query, before the grouping
    names the window)."""
    name: str
    """Measure name, ``excluded:<reason>``, ``bad:<column>``, ``unknown_segment:<column>``, rows."""

    @property
    def per_row(self) -> bool:
        """Whether the slot counts each source row once (not one value per window)."""
        return self.metric == "" or self.name.startswith("excluded:")


Grouped = dict[tuple[str, str | None], dict[Slot, Any]]
"""(segment column or ``""``, segment value or ``None``) → slot → value."""

HOLISTIC = ("quantile", "count_distinct")
"""Reductions whose state is every value (or distinct value) of a group, held in memory."""


@dataclass(frozen=True, order=True)
class Scan:
    """How the rows of a table meet the windows relation in one query."""

    kind: Literal["range", "every", "flat", "rows"]
    """``rows``: the table's row count alone, no grouping."""
    period_by: str = ""
    """The column a ``range`` scan joins on."""


@dataclass(frozen=True)
class Query:
    """One grouped statement: what it reads and what each output column means."""

    scan: Scan
    measures: Mapping[Slot, Measure]
    """Over the joined relation (``flat``: over the table itself)."""
    per_set: bool = False
    """One statement per grouping set (a holistic measure apart: half the values held)."""


def period_by(request: MetricRequest, computation: Aggregate, default: str | None) -> str:
    """The attribution column: the ``period_by`` param, the metric's default, the table's."""
    chosen = request.params.get("period_by") or computation.period_by or default
    if not chosen:
        raise ValueError(f"table '{computation.table}' has no period column; set period_by")
    return str(chosen)


class TablePlan:
    """The queries for one table: the measures of its aggregate metrics, by scan."""

    def __init__(
        self,
        table: ir.Table,
        windows: Sequence[Period],
        segments: Sequence[str],
        default_period_by: str | None,
        count_apart: bool = False,
        holistic_apart: bool = False,
        accuracy: int | None = None,
        known: Mapping[str, int] | None = None,
    ) -> None:
        """``count_apart``: count the table's rows in a query of their own (cheap on Parquet,
        whose metadata holds the count, and on a table in memory; a CSV would be parsed twice)
        so the grouped scans can drop the rows outside every window early; only for a table
        without bad-value flags, which need every row read. ``known``: counts over all the
        table's rows known already, by slot name (``ROWS``, ``bad:<column>``); when they are
        all the table needs no query takes them and the scans drop those rows early as well.
        ``holistic_apart``: each percentile or distinct count in a query of its own (see
        :meth:`queries`). ``accuracy``: percentiles approximate (Spark's
        ``approx_percentile``), else exact."""
        self.table = table
        self.count_apart = count_apart
        self.known = dict(known or {})
        self.whole_known: dict[str, int] = {}
        """The table's counts over all its rows taken from ``known`` (all or none of them)."""
        self.holistic_apart = holistic_apart
        self.accuracy = accuracy
        self.whole: Scan | None = None
        """The scan that keeps the rows outside every window, for the whole-table counts."""
        self.windows = tuple(windows)
        self.segments = tuple(s for s in segments if s in table.columns)
        self.default = default_period_by
        schema = {
            **table.schema(),
            WINDOW: "int64",
            START: "timestamp",
            END: "timestamp",
            DAY: "date",
            FIRST: "boolean",
        }
        self.joined = ibis.table(schema, name=JOINED)
        self.measures: dict[Scan, dict[Slot, Measure]] = defaultdict(dict)

    def relation(self, scan: Scan) -> ir.Table:
        """What the measures of ``scan`` read."""
        return self.table if scan.kind in ("flat", "rows") else self.joined

    def first(self, scan: Scan) -> ir.BooleanValue | None:
        """Whether a joined row is its source row's first copy (``None``: every row is)."""
        if scan.kind in ("flat", "rows"):
            return None
        if scan.kind == "every":
            return self.joined[FIRST]
        return self.joined[WINDOW].isnull() | self.joined[FIRST]

    def once_in_windows(self, scan: Scan, column: str | None) -> ir.BooleanValue | None:
        """Whether a row of ``scan`` is the first copy of a source row that lies in a window
        by ``column`` (``None``: of any source row), for counts of source rows.

        Where the scan joins on ``column`` (or ``column`` is ``None`` in an ``every`` scan)
        that is the ``first`` flag alone: a row in no window has a null flag, which no count
        keeps."""
        joined_on = scan.kind == "range" and scan.period_by == column
        if joined_on or (scan.kind == "every" and column is None):
            return self.joined[FIRST]
        relation = self.relation(scan)
        in_any = None if column is None else cover(relation[column], self.windows)
        return _and(in_any, self.first(scan))

    def add(self, request: MetricRequest) -> None:
        """Plan the measures of one metric (raises if its plugin does)."""
        computation: Aggregate = request.definition.computation
        column = period_by(request, computation, self.default)
        scan = Scan("range", column) if computation.windowed else Scan("every")
        built = _grouped_measures(self.joined, request, computation, self.windows[0], column)
        if built is None:
            flat = Scan("flat")
            self.measures[flat].update(
                _flat_measures(self.table, request, computation, self.windows, column)
            )
            return
        measures, excluded = built
        found = self.measures[scan]
        for name, measure in measures.items():
            found[Slot(request.instance_id, "", name)] = scoped(measure)
        once = self.once_in_windows(scan, column if computation.windowed else None)
        for reason, condition in excluded.items():
            where = _and(condition, once)
            found[Slot(request.instance_id, "", f"excluded:{reason}")] = scoped(count(where))

    def add_table_counts(self, bad_flags: Mapping[str, str]) -> None:
        """Rows, values that did not parse and rows with an unknown segment, in the query of
        the table's own period column if one is planned (else of the first; a flat one if no
        metric is planned)."""
        scan = Scan("range", self.default or "")
        if scan not in self.measures:
            scan = min(self.measures, default=Scan("flat"))
        t, first = self.relation(scan), self.first(scan)
        found = self.measures[scan]
        whole = whole_counts(bad_flags)
        if all(name in self.known for name in whole):
            self.whole_known = {name: self.known[name] for name in whole}
        apart = bool(self.whole_known) or (self.count_apart and not bad_flags)
        if not apart:
            found[Slot("", "", ROWS)] = count(first)
        elif not self.whole_known:
            self.measures[Scan("rows")][Slot("", "", ROWS)] = count()
        if not apart or (scan.kind == "range" and scan.period_by != self.default):
            self.whole = scan  # every row read, or rows in no window of its column still count
        for column, flag in bad_flags.items():
            if not self.whole_known:
                found[Slot("", "", f"bad:{column}")] = scoped(count(_and(t[flag], first)))
        if self.default and self.segments and self.default in t.columns:
            once = self.once_in_windows(scan, self.default)
            for segment in self.segments:
                where = _and(t[segment].isnull(), once)
                found[Slot("", "", f"unknown_segment:{segment}")] = scoped(count(where))

    def queries(self) -> tuple[Query, ...]:
        """The planned statements, one per scan that has measures; with ``holistic_apart``,
        each holistic measure (a percentile or a distinct count, whose state holds every value
        of its group and cannot spill to disk) in a statement of its own after the scan's
        others, so that memory holds one of them at a time."""
        found: list[Query] = []
        for scan, measures in sorted(self.measures.items()):
            held = {
                slot: m
                for slot, m in measures.items()
                if self.holistic_apart and m.reduction in HOLISTIC
            }
            rest = {slot: m for slot, m in measures.items() if slot not in held}
            if rest:
                found.append(Query(scan, rest))
            found.extend(Query(scan, {slot: m}, per_set=True) for slot, m in held.items())
        return tuple(found)

    def run(self) -> Grouped:
        """Run every query: the values overall and per value of each segment column."""
        found: Grouped = defaultdict(dict)
        for query in self.queries():
            kind = query.scan.kind
            segments = () if kind == "rows" else self.segments
            if query.per_set and segments and kind not in ("flat", "rows"):
                parts = [self._run(query, ()), *(self._run(query, (s,), False) for s in segments)]
            else:
                parts = [self._run(query, segments)]
            for part in parts:
                for key, values in part.items():
                    found[key].update(values)
        for name, value in self.whole_known.items():
            found[(OVERALL, None)][Slot("", "", name)] = value
        return found

    def _run(self, query: Query, segments: Sequence[str], rollup: bool = True) -> Grouped:
        """The rows of ``query`` overall (``rollup``) and per value of each of ``segments``."""
        relation, kind = self.relation(query.scan), query.scan.kind
        keys = {f"_s{i}": relation[s].cast("string") for i, s in enumerate(segments)}
        fixed = {} if kind in ("flat", "rows") else {"_w": relation[WINDOW]}
        measures = dict(query.measures)
        if query.scan == self.whole and kind == "range":
            # rows in no window are there for the whole-table counts only
            inside = relation[WINDOW].notnull()
            for slot, measure in measures.items():
                if not slot.per_row:
                    measures[slot] = replace(measure, where=_and(measure.where, inside))
        slots = {f"m{i}": slot for i, slot in enumerate(measures)}
        part, columns = _aggregate(
            relation,
            {**fixed, **keys},
            {n: measures[s] for n, s in slots.items()},
            self.accuracy is not None,
        )
        rows = grouped_rows(
            self.table,
            part,
            list(keys),
            list(fixed),
            self._windows_relation(query.scan) if fixed else None,
            rollup,
            self.accuracy,
        )
        found: Grouped = defaultdict(dict)
        in_windows: set[tuple[str, str | None]] = {(OVERALL, None)}
        for row in rows:
            key = _key(row, segments) if segments else (OVERALL, None)
            values = found[key]
            window = row.get("_w")
            if window is not None:
                in_windows.add(key)
            for name, slot in slots.items():
                value = row[columns[name]]
                if not fixed:
                    values[slot] = value
                elif slot.per_row:
                    values[slot] = (values.get(slot) or 0) + (value or 0)
                elif window is not None:
                    values[replace(slot, window=self.windows[window].key)] = value
        if fixed:
            # a segment value with no row in any window has no breakdown, whether the rows
            # outside the windows were kept (text files) or dropped early (Parquet)
            found = {k: v for k, v in found.items() if k in in_windows}
            self._fill_empty_windows(found, query.measures)
        return found

    def _windows_relation(self, scan: Scan) -> Windows:
        """The windows relation: one row per window, or (range scan) per day of each window,
        the row of a day's first window marked ``first``."""
        if scan.kind == "every":
            rows = [WindowRow(i, w.start, w.end, None, i == 0) for i, w in enumerate(self.windows)]
            return Windows(tuple(rows), None, keep_unmatched=False)
        rows = []
        seen: set[date] = set()
        for i, window in enumerate(self.windows):
            day = window.start
            while day < window.end:
                rows.append(WindowRow(i, window.start, window.end, day, day not in seen))
                seen.add(day)
                day += timedelta(days=1)
        return Windows(tuple(rows), scan.period_by, keep_unmatched=scan == self.whole)

    def _fill_empty_windows(self, found: Grouped, measures: Mapping[Slot, Measure]) -> None:
        """A window without rows in a group has no output row: its counts are 0, the rest
        ``None``, as a filtered aggregate over no rows gives."""
        for values in found.values():
            for slot, measure in measures.items():
                if slot.per_row:
                    continue
                empty = 0 if measure.reduction in ("count", "count_distinct") else None
                for window in self.windows:
                    values.setdefault(replace(slot, window=window.key), empty)


def whole_counts(bad_flags: Mapping[str, str]) -> list[str]:
    """The slot names of the counts over all a table's rows: its rows, and the values of each
    flagged column that did not parse."""
    return [ROWS, *(f"bad:{column}" for column in bad_flags)]


def _key(row: Mapping[str, Any], segments: Sequence[str]) -> tuple[str, str | None]:
    """A grouped row's segment and value (``_g<i>`` 0: the row of ``segments[i]``)."""
    for i, segment in enumerate(segments):
        if not row[f"_g{i}"]:
            value = row[f"_s{i}"]
            return segment, None if value is None else str(value)
    return OVERALL, None


def _grouped_measures(
    joined: ir.Table,
    request: MetricRequest,
    computation: Aggregate,
    window: Period,
    column: str,
) -> tuple[Mapping[str, Measure], Mapping[str, ir.BooleanValue]] | None:
    """The metric's measures with the window bounds as columns, and its exclusions, or
    ``None`` if either depends on the window otherwise (then they are built per window)."""
    built = []
    for each in (window, PROBE):
        frame = Frame(joined, each, request.params, column, (joined[START], joined[END]))
        literal = Frame(joined, each, request.params, column)
        try:
            excluded = computation.excluded(literal) if computation.excluded is not None else {}
            built.append((computation.measures(frame), excluded))
        except Exception:  # e.g. it needs literal bounds: built per window, errors raised there
            return None
    (measures, excluded), (other, other_excluded) = built
    if not _same_measures(measures, other) or not _same_conditions(excluded, other_excluded):
        return None
    return measures, excluded


def _same_measures(a: Mapping[str, Measure], b: Mapping[str, Measure]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(
        a[k].reduction == b[k].reduction
        and a[k].q == b[k].q
        and _same(a[k].value, b[k].value)
        and _same(a[k].where, b[k].where)
        for k in a
    )


def _same_conditions(a: Mapping[str, ir.BooleanValue], b: Mapping[str, ir.BooleanValue]) -> bool:
    return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)


def _same(a: ir.Value | None, b: ir.Value | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.equals(b))


def _flat_measures(
    table: ir.Table,
    request: MetricRequest,
    computation: Aggregate,
    windows: Sequence[Period],
    column: str,
) -> dict[Slot, Measure]:
    """The measures of one metric for every window, each filtered to its window."""
    found: dict[Slot, Measure] = {}
    excluded_any: dict[str, ir.BooleanValue] = {}
    for window in windows:
        frame = Frame(table, window, request.params, column)
        in_window = frame.in_window() if computation.windowed else None
        for name, measure in computation.measures(frame).items():
            found[Slot(request.instance_id, window.key, name)] = scoped(measure, in_window)
        if computation.excluded is None:
            continue
        for reason, condition in computation.excluded(frame).items():
            here = condition if in_window is None else condition & in_window
            previous = excluded_any.get(reason)
            excluded_any[reason] = here if previous is None else previous | here
    for reason, condition in excluded_any.items():
        found[Slot(request.instance_id, "", f"excluded:{reason}")] = scoped(count(condition))
    return found


def cover(column: ir.Value, windows: Sequence[Period]) -> ir.BooleanValue:
    """Whether ``column`` lies in at least one window: one range per run of windows that
    overlap or touch, so the trend quarters and the baseline are usually a single range."""
    ranges: list[list[date]] = []
    for window in sorted(windows):
        if ranges and window.start <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], window.end)
        else:
            ranges.append([window.start, window.end])
    conditions = [(column >= at(start)) & (column < at(end)) for start, end in ranges]
    return reduce(lambda a, b: a | b, conditions)


def _and(*conditions: ir.BooleanValue | None) -> ir.BooleanValue | None:
    present = [c for c in conditions if c is not None]
    return reduce(lambda a, b: a & b, present) if present else None


def scoped(measure: Measure, in_window: ir.BooleanValue | None = None) -> Measure:
    """The measure restricted to ``in_window`` (an aggregate's ``FILTER`` counts a null
    condition as false)."""
    if measure.reduction != "count" and measure.value is None:
        raise ValueError(f"a '{measure.reduction}' measure needs a value")
    where = _and(measure.where, in_window)
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


def _reduce(
    table: ir.Table,
    measure: Measure,
    value: str | None,
    where: str | None,
    approximate: bool = False,
) -> ir.Scalar:
    condition = None if where is None else table[where]
    if measure.reduction == "count":
        return table.count(where=condition)
    assert value is not None
    column = table[value]
    if measure.reduction == "sum":
        return column.sum(where=condition)
    if measure.reduction == "mean":
        return column.mean(where=condition)
    if measure.reduction == "quantile" and approximate:
        return column.approx_quantile(measure.q, where=condition)
    if measure.reduction == "quantile":
        return column.quantile(measure.q, where=condition)
    if measure.reduction == "count_distinct":
        return column.nunique(where=condition)
    if measure.reduction == "min":
        return column.min(where=condition)
    return column.max(where=condition)


def _aggregate(
    table: ir.Table,
    keys: Mapping[str, ir.Value],
    measures: Mapping[str, Measure],
    approximate: bool = False,
) -> tuple[ir.Table, dict[str, str]]:
    """The measures over a projection of the keys and of what the measures read, grouped by
    the keys (turned into grouping sets in ``sql.py``), and the output column of each measure:
    measures that reduce the same column over the same rows share one aggregate."""
    projection = _Projection()
    named: dict[str, ir.Scalar] = {}
    found: dict[tuple[str, str | None, str | None, float], str] = {}
    columns: dict[str, str] = {}
    inputs = {}
    for name, m in measures.items():
        inputs[name] = (projection.column(m.value), projection.column(m.where))
    shared = {**keys, **projection.columns}
    projected = table.select(**shared) if shared else table
    for name, m in measures.items():
        value, where = inputs[name]
        same = (m.reduction, value, where, m.q if m.reduction == "quantile" else 0.0)
        if same not in found:
            found[same] = name
            named[name] = _reduce(projected, m, value, where, approximate)
        columns[name] = found[same]
    if not keys:
        return projected.aggregate(**named), columns
    return projected.group_by(*keys).aggregate(**named), columns
