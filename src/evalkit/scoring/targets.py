"""A metric value against its target: a score from 0 to 100 and a status colour.

Linear (default): at or beyond the goal 100, at or beyond the red flag 0, linear between, in
the metric's direction. For direction ``target`` the red flag is mirrored around the goal:
100 within goal ± tolerance, 0 at or beyond the red flag's distance from the goal on either
side, linear between. Bands: the first band whose ``[min, max)`` holds the value gives the
score (two-sided bands are just bands on both sides of the goal); the best band is green, the
worst red, the others amber.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import isclose

from evalkit.spec.model import Target

GREEN, AMBER, RED, NO_DATA, ERROR, UNSCORED = (
    "green",
    "amber",
    "red",
    "no_data",
    "error",
    "unscored",
)


@dataclass(frozen=True)
class Scored:
    """A value's score (None when it cannot be scored) and status."""

    score: float | None
    status: str


def score_value(
    value: float | None,
    target: Target | None,
    direction: str,
    method: Callable[[float, Target, str], Scored] | None = None,
) -> Scored:
    """Score ``value`` against ``target`` where ``direction`` is better (default: linear)."""
    if value is None:
        return Scored(None, NO_DATA)
    if target is None or direction == "none":
        return Scored(None, UNSCORED)
    if target.bands:
        return _banded(value, target)
    return (method or linear)(value, target, direction)


def linear(value: float, target: Target, direction: str) -> Scored:
    """The linear method: 100 at or beyond the goal, 0 at or beyond the red flag."""
    goal, red = target.goal, target.red_flag
    if goal is None or red is None:
        return Scored(None, UNSCORED)
    if direction == "target":
        return _two_sided(abs(value - goal), abs(red - goal), target.tolerance)
    sign = 1.0 if direction == "higher" else -1.0
    if sign * (value - goal) >= 0:
        return Scored(100.0, GREEN)
    if sign * (value - red) <= 0:
        return Scored(0.0, RED)
    return Scored(100.0 * (value - red) / (goal - red), AMBER)


def _two_sided(distance: float, red_distance: float, tolerance: float) -> Scored:
    """Score by the distance from the goal: 100 (green) within the tolerance, 0 (red) at or
    beyond the red flag's distance, linear (amber) between. Distances equal up to rounding
    (|1.0 − 0.8| against |0.6 − 0.8|) count as equal."""
    if distance <= tolerance or isclose(distance, tolerance, rel_tol=1e-9):
        return Scored(100.0, GREEN)
    if distance >= red_distance or isclose(distance, red_distance, rel_tol=1e-9):
        return Scored(0.0, RED)
    return Scored(100.0 * (red_distance - distance) / (red_distance - tolerance), AMBER)


def _banded(value: float, target: Target) -> Scored:
    scores = [float(b["score"]) for b in target.bands]
    for band in target.bands:
        low, high = band.get("min"), band.get("max")
        if (low is None or value >= low) and (high is None or value < high):
            score = float(band["score"])
            status = GREEN if score >= max(scores) else RED if score <= min(scores) else AMBER
            return Scored(score, status)
    return Scored(0.0, RED)
