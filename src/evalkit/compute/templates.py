"""Ready-made computations for the two commonest metric shapes: time-to-event and rates.

``duration(...)`` and ``rate(...)`` return an ``Aggregate`` computation; a plugin fills in the
table, the columns and the row conditions, and gets fusion, windows, segments, negative-duration
ledger entries and ``None`` on a zero denominator for free.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import ibis.expr.types as ir

from evalkit.compute.protocol import (
    STATISTICS,
    Aggregate,
    Frame,
    Measure,
    Params,
    Values,
    count,
    mean,
    minutes_between,
    ratio,
    statistic,
)
from evalkit.samples import MeanSample, OrderSample, Proportion, Sample

Condition = Callable[[ir.Table, Params], ir.BooleanValue]
"""A row condition built from the table and the metric's params."""

STATISTIC_SCHEMA: Mapping[str, Any] = {
    "type": "string",
    "enum": list(STATISTICS),
    "default": "mean",
    "description": "mean, median, p90 or p95 (percentiles interpolate linearly)",
}


def period_by_schema(*columns: str) -> Mapping[str, Any]:
    """The JSON Schema of a ``period_by`` param allowing ``columns`` (the first is the default)."""
    return {
        "type": "string",
        "enum": list(columns),
        "default": columns[0],
        "description": "the column that attributes a row to a period",
    }


def duration(table: str, start: str, end: str) -> Aggregate:
    """Minutes from ``start`` to ``end`` over rows that have both, summarised by ``statistic``.

    Rows where ``end`` is before ``start`` are left out and counted as ``negative_duration``.
    """

    def minutes(t: ir.Table) -> ir.FloatingValue:
        return minutes_between(t[start], t[end])

    def measures(frame: Frame) -> Mapping[str, Measure]:
        d = minutes(frame.table)
        name = str(frame.params.get("statistic", "mean"))
        if STATISTICS[name] is None:
            return spread(d, d >= 0)
        # the rows of spread(d, d >= 0): a mean and a median of one duration share their count
        present = (d >= 0) & d.notnull()
        return {"value": statistic(d, name, where=present), "n": count(present)}

    def excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
        return {"negative_duration": minutes(frame.table) < 0}

    def value(measured: Values, params: Params) -> float | None:
        return measured.get("value")

    return Aggregate(table, measures, value, excluded=excluded, sample=observed_sample)


def spread(value: ir.NumericValue, where: ir.BooleanValue | None = None) -> dict[str, Measure]:
    """A mean with what its interval needs: ``value`` (the mean of ``value`` where ``where``
    holds and it is not null), ``n`` and ``mean_square``; use with ``observed_sample``."""
    present = value.notnull() if where is None else where & value.notnull()
    return {
        "value": mean(value, where=present),
        "n": count(present),
        "mean_square": mean(value * value, where=present),
    }


def observed_sample(measured: Values, params: Params) -> Sample | None:
    """The sample of a mean (measures of ``spread``) or of a percentile (``value`` and ``n``)."""
    n = int(measured.get("n") or 0)
    if not n:
        return None
    average, square = measured.get("value"), measured.get("mean_square")
    if average is None or square is None:
        return OrderSample(n)
    return MeanSample(n, average, sample_sd(n, average, square))


def sample_sd(n: int, average: float, mean_square: float) -> float:
    """The sample standard deviation from the mean and the mean of squares of ``n`` values."""
    if n < 2:
        return 0.0
    return math.sqrt(max(mean_square - average * average, 0.0) * n / (n - 1))


def rate(
    table: str,
    numerator: Condition,
    denominator: Condition | None = None,
    *,
    period_by: str | None = None,
    excluded: Callable[[Frame], Mapping[str, ir.BooleanValue]] | None = None,
) -> Aggregate:
    """Rows where ``numerator`` holds ÷ rows where ``denominator`` holds (default: all rows).

    The numerator is counted only among denominator rows; 0 denominator rows give ``None``.
    """

    def measures(frame: Frame) -> Mapping[str, Measure]:
        t, params = frame.table, frame.params
        base = denominator(t, params) if denominator is not None else None
        hit = numerator(t, params)
        return {
            "numerator": count(hit if base is None else base & hit),
            "denominator": count(base),
        }

    def value(measured: Values, params: Params) -> float | None:
        return ratio(measured.get("numerator"), measured.get("denominator"))

    return Aggregate(
        table,
        measures,
        value,
        period_by=period_by,
        excluded=excluded,
        sample=proportion_sample("numerator", "denominator"),
    )


def proportion_sample(
    successes: str, n: str, *, complement: bool = False
) -> Callable[[Values, Params], Sample | None]:
    """The sample of a rate measured as ``successes`` out of ``n`` (two measure names);
    ``complement``: the rate is of the others (retention from churned)."""

    def sample(measured: Values, params: Params) -> Sample | None:
        size = int(measured.get(n) or 0)
        hits = measured.get(successes) or 0.0
        return Proportion(size, size - hits if complement else hits) if size else None

    return sample


def flag_rate(table: str, flag: str, *, period_by: str | None = None) -> Aggregate:
    """Rows whose yes/no ``flag`` is true ÷ rows with the flag; rows where it is empty are left
    out of both counts and counted in the ledger as ``missing_required``."""

    def excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
        return {"missing_required": frame.table[flag].isnull()}

    return rate(
        table,
        lambda t, p: t[flag],
        lambda t, p: t[flag].notnull(),
        period_by=period_by,
        excluded=excluded,
    )
