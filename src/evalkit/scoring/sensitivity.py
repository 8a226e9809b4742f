"""How far each top-level criterion's weight can move before the overall grade changes.

When one weight moves to ``v`` the others keep their proportions, so the overall score is
linear in ``v``: ``S(v) = v·a + (1 − v)·b`` with ``a`` the criterion's score and ``b`` the
weighted mean of the others. The grade stays the same while ``S(v)`` stays between the grade
thresholds around the current score; the range is where that holds, within [0, 1].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class WeightRange:
    """The weights a criterion may take with the overall grade unchanged."""

    criterion: str
    weight: float
    min_weight: float
    max_weight: float


def weight_ranges(
    weights: Mapping[str, float],
    scores: Mapping[str, float | None],
    thresholds: Sequence[float],
) -> list[WeightRange]:
    """A range for each child of the root that has a score; ``thresholds``: the grade minimums."""
    scored = {c: w for c, w in weights.items() if scores.get(c) is not None}
    total = sum(scored.values())
    if total <= 0:
        return []
    local = {c: w / total for c, w in scored.items()}
    current = sum(local[c] * float(scores[c] or 0.0) for c in local)
    below = max((t for t in thresholds if t <= current + 1e-9), default=float("-inf"))
    above = min((t for t in thresholds if t > current + 1e-9), default=float("inf"))
    ranges = []
    for criterion, weight in local.items():
        a = float(scores[criterion] or 0.0)
        rest = 1.0 - weight
        b = (current - weight * a) / rest if rest > 1e-12 else a
        ranges.append(WeightRange(criterion, weight, *_interval(a, b, below, above)))
    return ranges


def _interval(a: float, b: float, below: float, above: float) -> tuple[float, float]:
    """The v in [0, 1] with below ≤ v·a + (1 − v)·b < above."""
    low, high = 0.0, 1.0
    slope = a - b
    if abs(slope) < 1e-12:
        return low, high
    for bound, keep_above in ((below, True), (above, False)):
        if bound in (float("inf"), float("-inf")):
            continue
        crossing = (bound - b) / slope
        # S(v) ≥ below: v ≥ crossing when S rises with v, v ≤ crossing when it falls
        if (slope > 0) == keep_above:
            low = max(low, crossing)
        else:
            high = min(high, crossing)
    return min(max(low, 0.0), 1.0), min(max(high, 0.0), 1.0)
