"""Groups of experts: AIJ and AIP aggregation, expert weights."""

from __future__ import annotations

import numpy as np
import pytest

from evalkit.ahp import analyse_block
from evalkit.errors import SpecError

from .helpers import text

GROUP = """
items: [A, B, C]
aggregate: {aggregate}
experts:
  Zhang: {{weight: 3, judgments: {{A: {{B: 2, C: 4}}, B: {{C: 2}}}}}}
  Li: {{weight: 1, judgments: {{A: {{B: 8, C: 2}}, B: {{C: '1/4'}}}}}}
"""


def perron(a: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eig(a)
    v = np.abs(vectors[:, int(np.argmax(values.real))].real)
    return v / v.sum()


def reciprocal(ab: float, ac: float, bc: float) -> np.ndarray:
    return np.array([[1, ab, ac], [1 / ab, 1, bc], [1 / ac, 1 / bc, 1]])


def test_aij_is_the_weighted_geometric_mean_of_judgments() -> None:
    result = analyse_block(text(GROUP.format(aggregate="judgments")), ())
    # weights 3:1 → 0.75 and 0.25
    group = reciprocal(2**0.75 * 8**0.25, 4**0.75 * 2**0.25, 2**0.75 * 0.25**0.25)
    assert list(result.weights.values()) == pytest.approx(list(perron(group)), abs=1e-12)
    assert result.experts is not None
    assert result.experts["Zhang"].weight == 0.75
    zhang = perron(reciprocal(2, 4, 2))  # consistent: (4, 2, 1)/7
    assert list(result.experts["Zhang"].weights.values()) == pytest.approx(list(zhang), abs=1e-12)
    assert result.experts["Zhang"].cr == 0.0
    assert result.to_json()["experts"]["Li"].keys() == {"weights", "cr", "weight"}
    assert result.to_json()["experts"]["Li"]["weight"] == 0.25
    assert result.to_json()["aggregate"] == "judgments"


def test_aip_is_the_weighted_geometric_mean_of_priorities_renormalised() -> None:
    result = analyse_block(text(GROUP.format(aggregate="priorities")), ())
    zhang, li = perron(reciprocal(2, 4, 2)), perron(reciprocal(8, 2, 0.25))
    combined = zhang**0.75 * li**0.25
    assert list(result.weights.values()) == pytest.approx(
        list(combined / combined.sum()), abs=1e-12
    )


def test_equal_weights_by_default() -> None:
    doc = text("experts:\n  X: {judgments: {A: {B: 4}}}\n  Y: {judgments: {A: {B: 1}}}\n")
    result = analyse_block(doc, ())
    # geometric mean of 4 and 1 is 2: weights 2/3 and 1/3
    assert list(result.weights.values()) == pytest.approx([2 / 3, 1 / 3], abs=1e-12)
    assert result.experts is not None and result.experts["X"].weight == 0.5


def test_expert_with_a_full_matrix() -> None:
    doc = text("items: [A, B]\nexperts:\n  X: {matrix: [[1, 3], ['1/3', 1]]}\n")
    assert list(analyse_block(doc, ()).weights.values()) == pytest.approx([0.75, 0.25])


def test_collected_is_carried_to_the_json_and_does_not_change_the_weights() -> None:
    plain = analyse_block(text(GROUP.format(aggregate="judgments")), ())
    collected = (
        "collected: {at: '2026-11-30T19:06:25+00:00', above_threshold: drop,"
        " inconsistent: [Wang], incomplete: [Zhao]}\n"
    )
    result = analyse_block(text(GROUP.format(aggregate="judgments") + collected), ())
    assert result.weights == plain.weights
    assert result.to_json()["collected"] == {
        "at": "2026-11-30T19:06:25+00:00",
        "above_threshold": "drop",
        "inconsistent": ["Wang"],
        "incomplete": ["Zhao"],
    }
    assert "collected" not in plain.to_json()


def test_collected_is_checked() -> None:
    source = (
        "items: [A, B]\njudgments: {A: {B: 2}}\n"
        "collected: {at: '2026-11-30', above_threshold: keep}\n"
    )
    with pytest.raises(SpecError) as caught:
        analyse_block(text(source), ())
    assert caught.value.lines() == [
        "t.yaml:3:1: collected: describes a group of experts; it goes with experts:"
    ]
    bad = (
        GROUP.format(aggregate="judgments")
        + "collected: {at: '2026-11-30', above_threshold: maybe, left: []}\n"
    )
    with pytest.raises(SpecError) as caught:
        analyse_block(text(bad), ())
    assert caught.value.lines() == [
        "t.yaml:7:55: unknown key 'left' in collected",
        "t.yaml:7:48: collected above_threshold must be keep or drop, not 'maybe'",
    ]
