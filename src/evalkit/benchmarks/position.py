"""Where a value stands among a population's quantiles: its percentile, interpolated."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from evalkit.benchmarks.pack import QUANTILES


@dataclass(frozen=True)
class Position:
    """A value's percentile among peers (0–100, in value order: the share of peers with a lower
    value) and whether it lies outside the quantiles the pack gives (``below``/``above``)."""

    percentile: float
    outside: str | None


def position(quantiles: Mapping[str, float], value: float) -> Position:
    """The percentile of ``value``: linear between the two quantiles around it; at the lowest
    (highest) given percentile when the value lies below (above) all of them; the middle of the
    percentiles that share the value when it equals several (tied quantiles)."""
    points = sorted((QUANTILES[key], float(v)) for key, v in quantiles.items())
    if value < points[0][1]:
        return Position(points[0][0], "below")
    if value > points[-1][1]:
        return Position(points[-1][0], "above")
    tied = [p for p, v in points if v == value]
    if tied:
        return Position((min(tied) + max(tied)) / 2, None)
    for (p_lo, v_lo), (p_hi, v_hi) in itertools.pairwise(points):
        if v_lo < value < v_hi:
            return Position(p_lo + (value - v_lo) / (v_hi - v_lo) * (p_hi - p_lo), None)
    raise AssertionError("unreachable: the value lies between the lowest and highest quantile")
