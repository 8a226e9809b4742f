"""Hierarchies: local weights per node, global weights by distributive synthesis."""

from __future__ import annotations

import pytest

from evalkit.ahp import HierarchyResult, analyse_file
from evalkit.errors import SpecError

from .helpers import load, text


def test_choosing_a_leader() -> None:
    # Published (Wikipedia, "Analytic hierarchy process – leader example"): criteria
    # Experience .547, Education .127, Charisma .270, Age .056; Tom .358, Dick .493,
    # Harry .149. (The exact Experience weight is .54757, printed truncated as .547.)
    result = analyse_file(load("leader.yaml"))
    assert isinstance(result, HierarchyResult)
    goal = result.nodes["Choose the most suitable leader"]
    assert list(goal.weights.values()) == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=1e-3)
    assert dict(result.global_weights) == {
        "Tom": pytest.approx(0.358, abs=5e-4),
        "Dick": pytest.approx(0.493, abs=5e-4),
        "Harry": pytest.approx(0.149, abs=5e-4),
    }
    assert result.consistent
    assert sum(result.global_weights.values()) == pytest.approx(1, abs=1e-12)


def test_global_weight_is_the_product_along_the_path_and_shared_leaves_sum() -> None:
    doc = text(
        "hierarchy:\n"
        "  goal: {items: [Q, E], judgments: {Q: {E: 3}}}\n"
        "  Q: {items: [CSAT, FCR], weights: {CSAT: 1, FCR: 3}}\n"
        "  E: {items: [FCR, AHT], weights: {FCR: 0.5, AHT: 0.5}}\n"
    )
    result = analyse_file(doc)
    assert isinstance(result, HierarchyResult)
    # Q = .75, E = .25; CSAT = .75·.25, FCR = .75·.75 + .25·.5, AHT = .25·.5
    assert dict(result.global_weights) == {
        "CSAT": pytest.approx(0.1875, abs=1e-15),
        "FCR": pytest.approx(0.6875, abs=1e-15),
        "AHT": pytest.approx(0.125, abs=1e-15),
    }
    assert result.root == "goal"
    assert result.to_json().keys() == {"nodes", "global_weights", "consistent"}


def test_top_level_options_apply_to_every_node() -> None:
    doc = text(
        "ri_table: alonso-lamata\n"
        "hierarchy:\n"
        "  goal: {items: [A, B, C], judgments: {A: {B: 2, C: 3}, B: {C: 2}}}\n"
        "  A: {items: [x, y, z], ri_table: saaty, judgments: {x: {y: 2, z: 3}, y: {z: 2}}}\n"
    )
    result = analyse_file(doc)
    assert isinstance(result, HierarchyResult)
    assert result.nodes["goal"].ri == 0.5245 and result.nodes["A"].ri == 0.58


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "hierarchy:\n  a: {items: [b], judgments: {}}\n  b: {items: [a], judgments: {}}\n",
            "t.yaml:2:3: the hierarchy has no root: every node is an item of another node",
        ),
        (
            "hierarchy:\n  a: {items: [x], judgments: {}}\n  b: {items: [y], judgments: {}}\n",
            "t.yaml:3:3: the hierarchy has 2 roots ('a', 'b'); every node but the root must be "
            "an item of another node",
        ),
        (
            "hierarchy:\n  r: {items: [a], judgments: {}}\n  a: {items: [b], judgments: {}}\n"
            "  b: {items: [a], judgments: {}}\n",
            "t.yaml:3:3: node 'a' is its own ancestor (a → b → a); remove it from the items of "
            "one of these nodes",
        ),
    ],
)
def test_structure_errors(source: str, message: str) -> None:
    with pytest.raises(SpecError) as caught:
        analyse_file(text(source))
    assert caught.value.lines() == [message]
