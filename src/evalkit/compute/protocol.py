"""How a metric says what to compute: the two computation forms a plugin can declare.

``Aggregate``
    A metric that is a function of a few aggregates over *one* canonical table (counts, sums,
    means, percentiles with filters). The engine fuses the measures of every aggregate metric on
    that table into one grouped query per run: the rows are joined to a small relation of the
    windows and grouped by window and segment value, so each measure is one aggregate.

``General``
    Anything else (joins, cohorts, several periods at once, iterative maths): a function that
    receives the canonical tables as Ibis expressions and returns values per window and segment.
    It still builds expressions that run in the backend; it must not pull rows into pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import ibis
import ibis.expr.types as ir

from evalkit.data.periods import Period, Windows
from evalkit.samples import Sample

Reduction = Literal["count", "sum", "mean", "quantile", "min", "max", "count_distinct"]
Params = Mapping[str, Any]
Values = Mapping[str, float | None]


def at(day: date) -> ir.TimestampValue:
    """Midnight of ``day`` as a timestamp literal (window bounds are compared with it)."""
    return ibis.literal(datetime.combine(day, datetime.min.time()))


@dataclass(frozen=True)
class Measure:
    """One aggregate to compute: a reduction of ``value`` over the rows where ``where`` holds.

    Build measures with :func:`count`, :func:`total`, :func:`mean`, :func:`quantile`; the engine
    adds the window (and segment) filter, so a measure never filters by period itself.
    """

    reduction: Reduction
    value: ir.Value | None = None
    where: ir.BooleanValue | None = None
    q: float = 0.5


@dataclass(frozen=True)
class Frame:
    """What a measure builder sees: the canonical table, one window, and the metric's params."""

    table: ir.Table
    window: Period
    params: Params
    period_by: str
    """The column that attributes a row to a period (``period_by`` param or the default)."""
    bounds: tuple[ir.TimestampValue, ir.TimestampValue] | None = None
    """Set by the engine's grouped scan: the start and end columns of the windows relation the
    rows are joined to, which ``start`` and ``end`` then return instead of literals."""

    @property
    def start(self) -> ir.TimestampValue:
        """The window start: a timestamp literal, or the windows relation's start column."""
        return at(self.window.start) if self.bounds is None else self.bounds[0]

    @property
    def end(self) -> ir.TimestampValue:
        """The (exclusive) window end: a literal, or the windows relation's end column."""
        return at(self.window.end) if self.bounds is None else self.bounds[1]

    def in_window(self, column: str | None = None) -> ir.BooleanValue:
        """Whether ``column`` (default: ``period_by``) falls in the window [start, end)."""
        col = self.table[column or self.period_by]
        return (col >= self.start) & (col < self.end)


@dataclass(frozen=True)
class Aggregate:
    """A metric computed from aggregates of one table; fused with the others on that table.

    ``measures(frame)`` returns named measures for one window; ``value(measured, params)`` turns
    their results (``None`` where no row matched) into the metric value, ``None`` for no data.
    ``excluded(frame)`` names the rows the metric leaves out for a data reason (reason → row
    condition); the engine counts them, over every window, into the data-quality ledger.
    ``windowed=False`` means the measures filter by window themselves (cohort metrics such as
    churn) and the engine must not add the ``period_by`` filter.
    """

    table: str
    measures: Callable[[Frame], Mapping[str, Measure]]
    value: Callable[[Values, Params], float | None]
    period_by: str | None = None
    """Default attribution column; ``None``: the canonical table's (tickets: ``created_at``)."""
    excluded: Callable[[Frame], Mapping[str, ir.BooleanValue]] | None = None
    windowed: bool = True
    sample: Callable[[Values, Params], Sample | None] | None = None
    """The sample behind the value, from the same measures (``evalkit.samples``): counts of a
    rate, mean and spread of a mean, promoters and detractors of an NPS. With it the value
    gets its n, a 95 % interval, and tests of its changes; ``None`` for values that are not
    estimated from a sample (costs, revenue)."""


@dataclass(frozen=True)
class GeneralContext:
    """What a general computation sees."""

    tables: Mapping[str, ir.Table]
    """Canonical tables by name, each with the requested segment columns where available."""
    windows: Windows
    params: Params
    segments: tuple[str, ...]
    execute: Callable[[ir.Expr], Any]
    """Run an expression in its backend and return the result as a ``pyarrow`` object."""


@dataclass(frozen=True)
class GeneralResult:
    """Values of a general computation: per window, and per segment column → value → window."""

    values: Values
    segments: Mapping[str, Mapping[str, Values]] = field(default_factory=dict)
    ledger: Mapping[str, int] = field(default_factory=dict)
    """Reason → rows left out."""
    details: Mapping[str, Any] = field(default_factory=dict)
    samples: Mapping[str, Sample] = field(default_factory=dict)
    """Window key → the sample behind the value (see ``Aggregate.sample``)."""


@dataclass(frozen=True)
class General:
    """A metric that needs joins, cohorts or several periods: computed by its own function."""

    tables: tuple[str, ...]
    compute: Callable[[GeneralContext], GeneralResult]


Computation = Aggregate | General
"""What ``MetricDefinition.computation`` holds."""


def count(where: ir.BooleanValue | None = None) -> Measure:
    """The number of rows (where ``where`` holds)."""
    return Measure("count", None, where)


def total(value: ir.Value, where: ir.BooleanValue | None = None) -> Measure:
    """The sum of ``value`` (nulls ignored); a sum of a boolean counts the true rows."""
    return Measure("sum", value, where)


def mean(value: ir.Value, where: ir.BooleanValue | None = None) -> Measure:
    """The mean of ``value`` (nulls ignored)."""
    return Measure("mean", value, where)


def quantile(value: ir.Value, q: float, where: ir.BooleanValue | None = None) -> Measure:
    """The ``q`` quantile of ``value`` with linear interpolation (``quantile_cont``)."""
    return Measure("quantile", value, where, q)


def count_distinct(value: ir.Value, where: ir.BooleanValue | None = None) -> Measure:
    """The number of distinct non-null values of ``value``."""
    return Measure("count_distinct", value, where)


STATISTICS: Mapping[str, float | None] = {"mean": None, "median": 0.5, "p90": 0.9, "p95": 0.95}
"""The ``statistic`` parameter of time metrics → quantile (``None``: the mean)."""


def statistic(value: ir.Value, name: str, where: ir.BooleanValue | None = None) -> Measure:
    """The measure for a ``statistic`` parameter: ``mean``, ``median``, ``p90`` or ``p95``."""
    q = STATISTICS[name]
    return mean(value, where) if q is None else quantile(value, q, where)


def minutes_between(start: ir.TimestampValue, end: ir.TimestampValue) -> ir.FloatingValue:
    """Calendar minutes from ``start`` to ``end`` (negative when ``end`` is earlier), from
    their difference in microseconds: exact on every backend (Spark's ``epoch_seconds`` drops
    the fraction of a second)."""
    return end.delta(start, unit="microsecond").cast("float64") / 60_000_000.0


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``; ``None`` (no data) when the denominator is 0 or missing."""
    if not denominator:
        return None
    return (numerator or 0.0) / denominator
