import pytest

from evalkit.scoring.sensitivity import weight_ranges

GRADES = (85.0, 70.0, 60.0, 0.0)


def test_two_criteria_by_hand() -> None:
    # scores 90 and 60, weights ½ each → 75 (B: 70 ≤ S < 85).
    # quality at weight v: S = 90v + 60(1 − v) = 60 + 30v → B while ⅓ ≤ v < ⅚
    # cost at weight v:    S = 60v + 90(1 − v) = 90 − 30v → B while ⅙ < v ≤ ⅔
    ranges = {
        r.criterion: r
        for r in weight_ranges({"quality": 0.5, "cost": 0.5}, {"quality": 90, "cost": 60}, GRADES)
    }
    assert ranges["quality"].min_weight == pytest.approx(1 / 3)
    assert ranges["quality"].max_weight == pytest.approx(5 / 6)
    assert ranges["cost"].min_weight == pytest.approx(1 / 6)
    assert ranges["cost"].max_weight == pytest.approx(2 / 3)


def test_three_criteria_and_a_missing_score() -> None:
    # c has no score: a and b renormalise to 0.6 / 0.4 (from 0.3 / 0.2); S = 0.6·100 + 0.4·50 = 80
    # a at v: S = 100v + 50(1 − v) = 50 + 50v → B (70 ≤ S < 85) while 0.4 ≤ v < 0.7
    ranges = weight_ranges({"a": 0.3, "b": 0.2, "c": 0.5}, {"a": 100, "b": 50, "c": None}, GRADES)
    assert [r.criterion for r in ranges] == ["a", "b"]
    assert ranges[0].weight == pytest.approx(0.6)
    assert (ranges[0].min_weight, ranges[0].max_weight) == (pytest.approx(0.4), pytest.approx(0.7))


def test_equal_scores_never_change_the_grade() -> None:
    ranges = weight_ranges({"a": 0.5, "b": 0.5}, {"a": 80, "b": 80}, GRADES)
    assert [(r.min_weight, r.max_weight) for r in ranges] == [(0.0, 1.0), (0.0, 1.0)]
