"""A metric value against its target: a score from 0 to 100 and a status colour.

Linear (default): at or beyond the goal 100, at or beyond the red flag 0, linear between, in
the metric's direction. Bands: the first band whose ``[min, max)`` holds the value gives the
score; the best band is green, the worst red, the others amber.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
    sign = 1.0 if direction == "higher" else -1.0
    if sign * (value - goal) >= 0:
        return Scored(100.0, GREEN)
    if sign * (value - red) <= 0:
        return Scored(0.0, RED)
    return Scored(100.0 * (value - red) / (goal - red), AMBER)


def _banded(value: float, target: Target) -> Scored:
    scores = [float(b["score"]) for b in target.bands]
    for band in target.bands:
        low, high = band.get("min"), band.get("max")
        if (low is None or value >= low) and (high is None or value < high):
            score = float(band["score"])
            status = GREEN if score >= max(scores) else RED if score <= min(scores) else AMBER
            return Scored(score, status)
    return Scored(0.0, RED)
