"""One ordering of metrics: score, then global weight, then distance beyond the goal."""

from __future__ import annotations

import pytest

from evalkit.scoring.ranking import Ranked, beyond_goal, rank


def test_ties_in_score_go_to_the_heavier_then_the_further_beyond_goal() -> None:
    ranking = rank(
        [
            Ranked("light", 100.0, 0.05, 3.0),
            Ranked("heavy", 100.0, 0.20, 0.0),
            Ranked("far", 90.0, 0.10, 0.0),
            Ranked("near", 90.0, 0.10, -0.2),
            Ranked("worst", 10.0, 0.10, -0.9),
        ]
    )
    assert [r.id for r in ranking.strongest] == ["heavy", "light", "far"]
    # the weakest: lowest score first, then heavier, then further from the goal
    assert [r.id for r in ranking.weakest] == ["worst", "near"]
    assert ranking.meeting_goal == 2
    assert not ranking.ties_at_goal


@pytest.mark.parametrize(
    ("value", "goal", "red", "direction", "expected"),
    [
        (0.98, 0.95, 0.80, "higher", 0.2),  # 0.03 beyond in a span of 0.15
        (60.0, 120.0, 480.0, "lower", 1 / 6),  # 60 min under a 120 min goal, span 360
        (0.05, 0.0, 0.10, "target", -0.5),  # two-sided: any distance from the goal is worse
        (None, 1.0, 0.0, "higher", 0.0),
    ],
)
def test_distance_beyond_the_goal(
    value: float | None, goal: float, red: float, direction: str, expected: float
) -> None:
    assert beyond_goal(value, goal, red, direction) == pytest.approx(expected)
