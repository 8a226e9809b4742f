"""The one ordering of metrics every part of a report uses for "strongest" and "weakest".

Scored metrics are ordered by score, then by global weight (the heavier first), then by how
far the value lies beyond its goal (in units of the goal–red flag span, in the metric's
direction), then by id. The strongest are the best ``TOP``; when more than ``TOP`` metrics
meet their goal (score 100) the ranking says how many do, since naming three of them would
pick arbitrarily among equals. The weakest are the worst ``TOP`` of those that do not meet
their goal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TOP = 3
"""How many strongest and weakest metrics are named."""


@dataclass(frozen=True)
class Ranked:
    """What a metric is ranked by."""

    id: str
    score: float
    weight: float
    beyond_goal: float
    """(value − goal) ÷ |goal − red flag| in the better direction; 0 when not linear."""


@dataclass(frozen=True)
class Ranking:
    """Strongest and weakest metric ids, best (resp. worst) first."""

    strongest: tuple[Ranked, ...]
    weakest: tuple[Ranked, ...]
    meeting_goal: int
    """How many scored metrics meet their goal (score 100)."""

    @property
    def ties_at_goal(self) -> bool:
        """Whether more metrics meet their goal than the ranking names."""
        return self.meeting_goal > TOP

    def to_json(self) -> dict[str, object]:
        """result.json's ``highlights``."""
        return {
            "strongest": [r.id for r in self.strongest],
            "weakest": [r.id for r in self.weakest],
            "meeting_goal": self.meeting_goal,
        }


def rank(metrics: Iterable[Ranked]) -> Ranking:
    """The ranking of ``metrics`` (scored metrics only)."""
    ordered = sorted(metrics, key=lambda r: (-r.score, -r.weight, -r.beyond_goal, r.id))
    meeting = [r for r in ordered if r.score >= 100.0]
    strongest = tuple(ordered[:TOP])
    below = sorted(
        (r for r in ordered if r.score < 100.0 and r not in strongest),
        key=lambda r: (r.score, -r.weight, r.beyond_goal, r.id),
    )
    return Ranking(strongest, tuple(below[:TOP]), len(meeting))


def beyond_goal(
    value: float | None, goal: float | None, red_flag: float | None, direction: str
) -> float:
    """How far ``value`` lies beyond ``goal`` in spans of |goal − red flag| (0 if unknown)."""
    if value is None or goal is None or red_flag is None or goal == red_flag:
        return 0.0
    span = abs(goal - red_flag)
    if direction == "lower":
        return (goal - value) / span
    if direction == "higher":
        return (value - goal) / span
    return -abs(value - goal) / span
