import pytest

from evalkit.scoring.targets import score_value
from evalkit.spec.model import Target


@pytest.mark.parametrize(
    ("value", "score", "status"),
    [
        (60.0, 100.0, "green"),  # at the goal (lower is better: 60 min)
        (30.0, 100.0, "green"),  # beyond the goal
        (240.0, 0.0, "red"),  # at the red flag
        (300.0, 0.0, "red"),
        (150.0, 50.0, "amber"),  # halfway: (240-150)/(240-60) = 0.5
        (96.0, 80.0, "amber"),  # (240-96)/180 = 0.8
    ],
)
def test_linear_lower_is_better(value: float, score: float, status: str) -> None:
    scored = score_value(value, Target(goal=60, red_flag=240), "lower")
    assert scored.score == pytest.approx(score, abs=1e-12)
    assert scored.status == status


def test_linear_higher_is_better() -> None:
    target = Target(goal=0.95, red_flag=0.80)
    assert score_value(0.86, target, "higher").score == pytest.approx(40.0)  # 0.06/0.15
    assert score_value(0.95, target, "higher").status == "green"
    assert score_value(0.80, target, "higher").status == "red"


def test_no_value_and_no_target() -> None:
    assert score_value(None, Target(goal=1, red_flag=0), "higher").status == "no_data"
    assert score_value(0.5, None, "higher").score is None


def test_bands_step_scores() -> None:
    target = Target(
        bands=(
            {"min": 0.9, "score": 100},
            {"min": 0.8, "max": 0.9, "score": 60},
            {"max": 0.8, "score": 0},
        )
    )
    assert (
        score_value(0.95, target, "higher").score,
        score_value(0.95, target, "higher").status,
    ) == (100, "green")
    assert (
        score_value(0.85, target, "higher").score,
        score_value(0.85, target, "higher").status,
    ) == (60, "amber")
    assert score_value(0.5, target, "higher").status == "red"
