"""The sample a metric value was estimated from, so that it can carry an interval and a test.

A plugin's computation returns one of these beside its value (``Aggregate.sample``): the
counts a rate was computed from, the mean and standard deviation of a mean, the promoter and
detractor counts of an NPS. Values are in the metric's computed unit (durations in minutes).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Proportion:
    """``successes`` out of ``n`` (a rate)."""

    n: int
    successes: float


@dataclass(frozen=True)
class MeanSample:
    """The mean of ``n`` observations with their sample standard deviation."""

    n: int
    mean: float
    sd: float


@dataclass(frozen=True)
class NpsSample:
    """``promoters`` and ``detractors`` among ``n`` answers (NPS in points, −100 to 100)."""

    n: int
    promoters: float
    detractors: float


@dataclass(frozen=True)
class OrderSample:
    """A percentile of ``n`` observations, with the order statistics that bound its 95 %
    interval when n allows one (``evalkit.compute.order_intervals``)."""

    n: int
    lower: float | None = None
    upper: float | None = None


Sample = Proportion | MeanSample | NpsSample | OrderSample
"""Any sample a metric value may come with."""
