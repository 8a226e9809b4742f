"""``analyse_block`` as the engine calls it: items from the criteria tree, direct weights."""

from __future__ import annotations

import types

import pytest

import evalkit.ahp
from evalkit.ahp import analyse_block
from evalkit.errors import SpecError

from .helpers import text

SPEC = """
weights:
  root: {judgments: {service_quality: {cost_control: 3}}}
  service_quality: {weights: {first_response_time: 1, csat: 3}}
  bad: {weights: {a: 0, b: -1}}
"""


def test_items_come_from_the_criteria_tree() -> None:
    result = analyse_block(text(SPEC), ("weights", "root"), ["service_quality", "cost_control"])
    assert dict(result.weights) == {"service_quality": 0.75, "cost_control": 0.25}


def test_direct_weights_are_normalised_and_consistent() -> None:
    result = analyse_block(
        text(SPEC), ("weights", "service_quality"), ["first_response_time", "csat"]
    )
    assert dict(result.weights) == {"first_response_time": 0.25, "csat": 0.75}
    assert result.cr == 0.0 and result.consistent and result.most_inconsistent is None
    assert result.to_json()["most_inconsistent"] is None


def test_non_positive_direct_weights_are_rejected_with_every_problem() -> None:
    with pytest.raises(SpecError) as caught:
        analyse_block(text(SPEC), ("weights", "bad"), ["a", "b"])
    assert caught.value.lines() == [
        "t.yaml:5:22: weight of 'a' must be positive, not 0",
        "t.yaml:5:28: weight of 'b' must be positive, not -1",
    ]


def test_block_items_must_match_the_criteria() -> None:
    doc = text("items: [a, b]\njudgments: {a: {b: 2}}\n")
    with pytest.raises(SpecError) as caught:
        analyse_block(doc, (), ["a", "c"])
    assert caught.value.lines() == [
        "t.yaml:1:8: items ['a', 'b'] do not match the children of this criterion: ['a', 'c']",
    ]


def test_values_outside_the_scale_are_warnings_not_errors() -> None:
    result = analyse_block(text("judgments: {a: {b: 12}}"), ())
    assert [str(w) for w in result.warnings] == [
        "t.yaml:1:20: warning: judgment 'a' vs 'b' = 12 is outside Saaty's scale 1/9 … 9"
    ]
    assert result.weights["a"] == pytest.approx(12 / 13)


@pytest.mark.parametrize("method", ["geometric-mean", "column-normalisation"])
def test_approximate_methods_on_request(method: str) -> None:
    doc = text(f"method: {method}\njudgments: {{a: {{b: 2, c: 4}}, b: {{c: 2}}}}")
    result = analyse_block(doc, ())
    assert list(result.weights.values()) == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=1e-12)
    assert result.method == method


def test_all_names_the_public_api() -> None:
    exported = {
        name
        for name, value in vars(evalkit.ahp).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    } - {"annotations"}
    assert set(evalkit.ahp.__all__) == exported
    for name in evalkit.ahp.__all__:
        assert getattr(evalkit.ahp, name).__doc__ or name == "RI_TABLES"
