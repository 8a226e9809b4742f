import pytest

from evalkit.errors import InputError
from evalkit.scoring.rollup import global_weights, roll_up
from evalkit.spec.model import Criterion

TREE = {
    "root": Criterion("root", {}, None, ("quality", "cost"), leaf=False),
    "quality": Criterion("quality", {}, "root", ("frt", "csat"), leaf=True),
    "cost": Criterion("cost", {}, "root", ("cpt",), leaf=True),
}
LOCAL = {
    "root": {"quality": 0.75, "cost": 0.25},
    "quality": {"frt": 0.4, "csat": 0.6},
    "cost": {"cpt": 1.0},
}


def test_global_weights_are_products_along_the_path() -> None:
    g = global_weights(TREE, LOCAL)
    assert g["frt"] == pytest.approx(0.3)
    assert g["csat"] == pytest.approx(0.45)
    assert g["cpt"] == pytest.approx(0.25)


def test_overall_is_sum_of_global_weight_times_score() -> None:
    scores = roll_up(TREE, LOCAL, {"frt": 50.0, "csat": 100.0, "cpt": 20.0}, "renormalize")
    assert scores["quality"] == pytest.approx(0.4 * 50 + 0.6 * 100)  # 80
    assert scores["root"] == pytest.approx(0.3 * 50 + 0.45 * 100 + 0.25 * 20)  # 65


def test_missing_renormalizes_siblings() -> None:
    scores = roll_up(TREE, LOCAL, {"frt": 50.0, "csat": None, "cpt": 20.0}, "renormalize")
    assert scores["quality"] == pytest.approx(50.0)
    assert scores["root"] == pytest.approx(0.75 * 50 + 0.25 * 20)


def test_missing_as_zero() -> None:
    scores = roll_up(TREE, LOCAL, {"frt": 50.0, "csat": None, "cpt": 20.0}, "zero")
    assert scores["quality"] == pytest.approx(20.0)


def test_missing_fails_the_run() -> None:
    with pytest.raises(InputError, match="'csat' has no score"):
        roll_up(TREE, LOCAL, {"frt": 50.0, "csat": None, "cpt": 20.0}, "fail")


def test_a_criterion_with_no_scores_at_all_has_none() -> None:
    scores = roll_up(TREE, LOCAL, {"frt": 50.0, "csat": 100.0, "cpt": None}, "renormalize")
    assert scores["cost"] is None
    assert scores["root"] == pytest.approx(80.0)
