"""CI, CR and the judgment to revisit."""

from __future__ import annotations

import numpy as np
import pytest

from evalkit.ahp import analyse_block
from evalkit.ahp.comparisons import Judgment
from evalkit.ahp.consistency import assess, most_inconsistent

from .helpers import load, text


def test_wealth_of_nations_consistency_computed_by_hand() -> None:
    # λmax from an independent power iteration (500 steps on the same matrix), then
    # CI = (λ − 7)/6 and CR = CI/1.32 (Saaty's RI for n = 7).
    result = analyse_block(load("wealth-of-nations.yaml"), ())
    a = np.array(load("wealth-of-nations.yaml").data["matrix"], dtype=object)
    a = np.array([[eval_fraction(x) for x in row] for row in a])
    v = np.ones(7)
    for _ in range(500):
        v = a @ v
        v /= v.sum()
    lam = float((a @ v)[0] / v[0])
    assert result.lambda_max == pytest.approx(lam, abs=1e-12)
    assert result.ci == pytest.approx((lam - 7) / 6, abs=1e-12)
    assert result.cr == pytest.approx((lam - 7) / 6 / 1.32, abs=1e-12)
    assert result.ri == 1.32 and result.consistent


def eval_fraction(value: object) -> float:
    """A matrix entry as a float: numbers as they are, "a/b" as a / b."""
    if isinstance(value, str):
        top, _, bottom = value.partition("/")
        return float(top) / float(bottom or 1)
    return float(value)  # type: ignore[arg-type]


def test_consistent_matrix_reports_cr_zero_exactly() -> None:
    consistency = assess(3 + 4e-16, 3, "saaty", 0.1)
    assert consistency.ci == 0.0 and consistency.cr == 0.0 and consistency.lambda_max == 3.0


def test_two_items_are_always_consistent() -> None:
    assert assess(2.0, 2, "saaty", 0.1).cr == 0.0
    result = analyse_block(text("judgments: {A: {B: 7}}"), ())
    assert result.cr == 0.0 and result.consistent and result.most_inconsistent is None
    assert result.weights == {"A": pytest.approx(7 / 8), "B": pytest.approx(1 / 8)}


def test_one_item_has_weight_one() -> None:
    result = analyse_block(text("items: [Only]\njudgments: {}"), ())
    assert dict(result.weights) == {"Only": 1.0} and result.cr == 0.0


def test_no_judgment_is_named_when_all_agree() -> None:
    judgments = [Judgment("a", "b", 2.0), Judgment("b", "c", 3.0), Judgment("a", "c", 6.0)]
    w = np.array([6.0, 3.0, 1.0]) / 10
    assert most_inconsistent(("a", "b", "c"), judgments, w) is None


def test_the_judgment_far_from_the_weights_is_named_with_the_value_that_agrees() -> None:
    # w = (0.4, 0.3, 0.2, 0.1); 'a' vs 'd' should be 4 but is given as 1.
    w = np.array([0.4, 0.3, 0.2, 0.1])
    judgments = [
        Judgment("a", "b", 4 / 3),
        Judgment("a", "c", 2.0),
        Judgment("a", "d", 1.0),
        Judgment("b", "c", 1.5),
    ]
    worst = most_inconsistent(("a", "b", "c", "d"), judgments, w)
    assert worst is not None
    assert (worst.a, worst.b, worst.value) == ("a", "d", 1.0)
    assert worst.consistent_value == pytest.approx(4.0)
    assert worst.saaty_label == "4"


def test_inconsistency_message_names_the_judgment() -> None:
    doc = text(
        "items: [Service quality, Efficiency, Cost, Speed]\n"
        "judgments:\n"
        "  Service quality: {Efficiency: 2, Cost: 4, Speed: '1/4'}\n"
        "  Efficiency: {Cost: 2, Speed: 4}\n"
        "  Cost: {Speed: 2}\n"
    )
    result = analyse_block(doc, ())
    # Independently: numpy's eigenvector of the same matrix, CR with RI(4) = 0.90, and the
    # agreeing value w_SQ/w_Speed rounded (in ratio) onto Saaty's scale.
    a = np.array([[1, 2, 4, 1 / 4], [1 / 2, 1, 2, 4], [1 / 4, 1 / 2, 1, 2], [4, 1 / 4, 1 / 2, 1]])
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    cr = (values[k].real - 4) / 3 / 0.90
    scale = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, *range(1, 10)]
    nearest = min(scale, key=lambda s: abs(np.log(w[0] / w[3] / s)))
    label = f"1/{round(1 / nearest)}" if nearest < 1 else str(nearest)
    assert not result.consistent
    worst = result.most_inconsistent
    assert worst is not None and (worst.a, worst.b) == ("Service quality", "Speed")
    assert result.inconsistency_message() == (
        f"CR {cr:.3f} > 0.1: judgment 'Service quality' vs 'Speed' = 1/4 is the most "
        f"inconsistent; about {label} would agree with the others"
    )
    assert str(worst.location) == "t.yaml:3:52"


def test_threshold_and_table_are_applied() -> None:
    doc = text(
        "ri_table: donegan-dodd\nthreshold: 0.2\njudgments: {A: {B: 3, C: 5}, B: {C: '1/2'}}"
    )
    result = analyse_block(doc, ())
    assert result.ri == 0.4914 and result.threshold == 0.2
    assert result.cr == pytest.approx(result.ci / 0.4914)
    assert result.consistent == (result.cr <= 0.2)
