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
    g = global_weights(LOCAL)
    assert g["frt"] == pytest.approx(0.3)
    assert g["csat"] == pytest.approx(0.45)
    assert g["cpt"] == pytest.approx(0.25)


def test_overall_is_sum_of_global_weight_times_score() -> None:
    scores = roll_up(TREE, LOCAL, {"frt": 50.0, "csat": 100.0, "cpt": 20.0}, "renormalize").scores
    assert scores["quality"] == pytest.approx(0.4 * 50 + 0.6 * 100)  # 80
    assert scores["root"] == pytest.approx(0.3 * 50 + 0.45 * 100 + 0.25 * 20)  # 65


def test_missing_renormalizes_siblings() -> None:
    scores = roll_up(TREE, LOCAL, {"frt": 50.0, "csat": None, "cpt": 20.0}, "renormalize").scores
    assert scores["quality"] == pytest.approx(50.0)
    assert scores["root"] == pytest.approx(0.75 * 50 + 0.25 * 20)


def test_missing_as_zero() -> None:
    scores = roll_up(TREE, LOCAL, {"frt": 50.0, "csat": None, "cpt": 20.0}, "zero").scores
    assert scores["quality"] == pytest.approx(20.0)


def test_missing_fails_the_run() -> None:
    with pytest.raises(InputError, match="'csat' has no score"):
        roll_up(TREE, LOCAL, {"frt": 50.0, "csat": None, "cpt": 20.0}, "fail")


def test_a_criterion_with_no_scores_at_all_has_none() -> None:
    scores = roll_up(TREE, LOCAL, {"frt": 50.0, "csat": 100.0, "cpt": None}, "renormalize").scores
    assert scores["cost"] is None
    assert scores["root"] == pytest.approx(80.0)


def test_a_report_only_metric_takes_no_weight() -> None:
    # csat is not in the scores given: report-only; frt carries quality alone.
    rolled = roll_up(TREE, LOCAL, {"frt": 50.0, "cpt": 20.0}, "renormalize")
    assert rolled.used["quality"] == {"frt": 1.0}
    assert rolled.coverage["quality"] == 1.0
    assert rolled.scores["root"] == pytest.approx(0.75 * 50 + 0.25 * 20)


def test_used_weights_sum_to_one_over_the_children_that_counted() -> None:
    rolled = roll_up(TREE, LOCAL, {"frt": None, "csat": 100.0, "cpt": 20.0}, "renormalize")
    assert rolled.used["quality"] == {"csat": pytest.approx(1.0)}
    assert rolled.used["root"] == {"quality": 0.75, "cost": 0.25}
    assert global_weights(rolled.used)["csat"] == pytest.approx(0.75)


def test_coverage_is_the_share_of_weight_with_data() -> None:
    # quality: csat (0.6) has data, frt (0.4) not → 0.6; cost: nothing → 0;
    # root: 0.75 × 0.6 + 0.25 × 0 = 0.45
    scores = {"frt": None, "csat": 100.0, "cpt": None}
    rolled = roll_up(TREE, LOCAL, scores, "renormalize", min_coverage=0.4)
    assert rolled.coverage == {
        "quality": pytest.approx(0.6),
        "cost": 0.0,
        "root": pytest.approx(0.45),
    }
    assert rolled.scores["root"] == pytest.approx(100.0)
    short = roll_up(TREE, LOCAL, scores, "renormalize", min_coverage=0.5)
    assert short.scores["root"] is None
    assert short.scores["quality"] == pytest.approx(100.0)
    assert short.used["root"] == {}
