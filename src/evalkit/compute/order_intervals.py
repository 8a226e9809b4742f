"""Distribution-free 95 % intervals of percentiles (medians, p90, …): order statistics.

For the q-quantile of n observations, the interval runs from the l-th to the u-th smallest,
l = the 2.5 % point of Binomial(n, q) and u = its 97.5 % point + 1, so that
P(X₍ₗ₎ ≤ Q(q) < X₍ᵤ₎) = P(l ≤ B ≤ u − 1) ≥ 95 % whatever the distribution (Conover, *Practical
Nonparametric Statistics*, 3rd ed., §3.2). The ranks depend on n, which the grouped scan gives,
so the order statistics come from one more query per table: a ``quantile_cont`` at position
(r − 1) / (n − 1) is exactly the r-th smallest value. It is asked for the compared windows
(current, previous, baseline) overall, for metrics whose value is a percentile, over the rows
of those windows only; both ends of a window's interval come from one sort.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import ibis.expr.types as ir

from evalkit.compute.fused import cover, period_by, scoped
from evalkit.compute.outcome import MetricOutcome, MetricRequest
from evalkit.compute.protocol import Aggregate, Frame
from evalkit.compute.sql import grouped_rows
from evalkit.data.periods import Period
from evalkit.samples import OrderSample

LEVEL = 0.95


def order_ranks(n: int, q: float) -> tuple[int, int] | None:
    """The 1-based ranks (l, u) of the 95 % order-statistic interval of the q-quantile of n
    observations; None when n is too small for any interval (both ends would fall outside)."""
    alpha = 1 - LEVEL
    low = binomial_quantile(alpha / 2, n, q)
    high = binomial_quantile(1 - alpha / 2, n, q) + 1
    if low < 1 or high > n:
        return None
    return low, high


def binomial_quantile(p: float, n: int, q: float) -> int:
    """The ``p``-quantile of Binomial(n, q) for 0 < p < 1: the smallest k with P(B ≤ k) ≥ p,
    as ``scipy.stats.binom.ppf`` gives it, from ``scipy.special`` (loaded for the other
    intervals anyway), where importing ``scipy.stats`` cost 0.3 s of every run with a
    percentile.

    ``bdtrik`` (the continuous inverse in k) gives a start one rank off at most; the rank is
    then settled on P(B ≤ k) = I₁₋q(n − k, k + 1), the regularised incomplete beta function
    ``betainc`` (Boost's, as ``binom`` uses): ``bdtr`` is not precise enough for that past
    n ≈ 40 million, where P(B ≤ k) can lie within 1e-9 of p."""
    from scipy.special import bdtrik, betainc

    def at_most(k: int) -> float:
        return 1.0 if k >= n else float(betainc(n - k, k + 1, 1 - q))

    start = float(bdtrik(p, n, q))
    k = 0 if math.isnan(start) else min(n, max(0, math.ceil(start)))
    while k > 0 and at_most(k - 1) >= p:
        k -= 1
    while k < n and at_most(k) < p:
        k += 1
    return k


def with_order_intervals(
    table: ir.Table,
    outcomes: dict[str, MetricOutcome],
    metrics: Sequence[MetricRequest],
    windows: Sequence[Period],
    default_period_by: str | None,
) -> None:
    """Fill ``lower``/``upper`` of the percentile metrics' ``OrderSample``s of ``windows``
    (one query for all of them); windows whose n is too small keep n only."""
    named: dict[str, ir.Scalar] = {}
    if not windows:
        return
    wanted: list[tuple[str, str, int, str]] = []
    columns: set[str | None] = set()
    for metric in metrics:
        outcome = outcomes.get(metric.instance_id)
        if outcome is None or outcome.error:
            continue
        computation: Aggregate = metric.definition.computation
        column = period_by(metric, computation, default_period_by)
        for window in windows:
            sample = outcome.samples.get(window.key)
            if not isinstance(sample, OrderSample):
                continue
            frame = Frame(table, window, metric.params, column)
            measure = computation.measures(frame).get("value")
            if measure is None or measure.reduction != "quantile":
                continue
            ranks = order_ranks(sample.n, measure.q)
            if ranks is None:
                continue
            bounded = scoped(measure, frame.in_window() if computation.windowed else None)
            assert bounded.value is not None
            positions = [(rank - 1) / (sample.n - 1) for rank in ranks]
            name = f"o{len(named)}"
            # both ends from one sort of the window's values
            named[name] = bounded.value.quantile(positions, where=bounded.where)
            wanted.append((metric.instance_id, window.key, sample.n, name))
            columns.add(column if computation.windowed else None)
    if not named:
        return
    shared = next(iter(columns)) if len(columns) == 1 else None
    rows = table if shared is None else table.filter(cover(table[shared], windows))
    row: Mapping[str, Any] = grouped_rows(table, rows.aggregate(**named), [], [], None)[0]
    for instance, key, n, name in wanted:
        bounds = row[name]
        if not bounds or None in bounds:
            continue
        outcome = outcomes[instance]
        samples = {**outcome.samples, key: OrderSample(n, float(bounds[0]), float(bounds[1]))}
        outcomes[instance] = replace(outcome, samples=samples)
