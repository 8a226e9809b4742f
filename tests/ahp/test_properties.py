"""Properties that hold for every comparison matrix (hypothesis, modest example counts)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.ahp.comparisons import Comparisons, Judgment
from evalkit.ahp.options import Options
from evalkit.ahp.priorities import solve

SCALE = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9]


@st.composite
def random_matrices(draw: st.DrawFn) -> Comparisons:
    n = draw(st.integers(min_value=1, max_value=8))
    items = tuple(f"item{k}" for k in range(n))
    judgments = tuple(
        Judgment(items[i], items[j], draw(st.sampled_from(SCALE)))
        for i in range(n)
        for j in range(i + 1, n)
    )
    return Comparisons(items, judgments)


@settings(max_examples=60, deadline=None)
@given(random_matrices())
def test_weights_are_positive_and_sum_to_one(comparisons: Comparisons) -> None:
    weights = solve(comparisons, Options()).weights
    assert np.all(weights > 0)
    assert abs(weights.sum() - 1) <= 1e-12


@settings(max_examples=60, deadline=None)
@given(random_matrices(), st.randoms(use_true_random=False))
def test_permuting_items_permutes_weights(comparisons: Comparisons, rnd: object) -> None:
    order = list(comparisons.items)
    rnd.shuffle(order)  # type: ignore[attr-defined]
    permuted = Comparisons(tuple(order), comparisons.judgments)
    original = dict(zip(comparisons.items, solve(comparisons, Options()).weights, strict=True))
    shuffled = dict(zip(order, solve(permuted, Options()).weights, strict=True))
    for item in comparisons.items:
        assert abs(original[item] - shuffled[item]) <= 1e-12


@st.composite
def perturbed_consistent_matrices(draw: st.DrawFn) -> tuple[Comparisons, tuple[str, str]]:
    # n ≥ 4: in a 3×3 matrix the three judgments are always equally far from the weights.
    n = draw(st.integers(min_value=4, max_value=8))
    w = [draw(st.floats(min_value=0.1, max_value=10)) for _ in range(n)]
    i, j = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True).map(sorted))
    factor = draw(st.floats(min_value=1.2, max_value=50))
    factor = factor if draw(st.booleans()) else 1 / factor
    items = tuple(f"item{k}" for k in range(n))
    judgments = tuple(
        Judgment(items[a], items[b], w[a] / w[b] * (factor if (a, b) == (i, j) else 1.0))
        for a in range(n)
        for b in range(a + 1, n)
    )
    return Comparisons(items, judgments), (items[i], items[j])


@settings(max_examples=60, deadline=None)
@given(perturbed_consistent_matrices())
def test_one_changed_judgment_is_named(case: tuple[Comparisons, tuple[str, str]]) -> None:
    comparisons, changed = case
    worst = solve(comparisons, Options()).most_inconsistent
    assert worst is not None
    assert (worst.a, worst.b) == changed


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=100), min_size=1, max_size=9))
def test_consistent_matrices_give_back_their_weights_with_cr_zero(w: list[float]) -> None:
    n = len(w)
    items = tuple(f"item{k}" for k in range(n))
    judgments = tuple(
        Judgment(items[a], items[b], w[a] / w[b]) for a in range(n) for b in range(a + 1, n)
    )
    solution = solve(Comparisons(items, judgments), Options())
    expected = np.array(w) / sum(w)
    assert np.max(np.abs(solution.weights - expected)) <= 1e-12
    assert solution.consistency.cr == 0.0
    assert solution.most_inconsistent is None
