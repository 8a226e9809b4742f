"""Incomplete matrices: Harker's method and the optimal (minimal λmax) completion."""

from __future__ import annotations

import numpy as np
import pytest

from evalkit.ahp import analyse_block
from evalkit.ahp.incomplete import components, fill, harker_matrix, optimal_completion

from .helpers import text

BOZOKI = """
items: [a, b, c, d]
incomplete: {method}
judgments:
  a: {{b: 1, c: 5, d: 2}}
  b: {{c: 3, d: 4}}
"""


def test_components_of_the_comparison_graph() -> None:
    assert components(5, [(0, 1), (3, 4)]) == [[0, 1], [2], [3, 4]]
    assert components(3, [(0, 1), (1, 2)]) == [[0, 1, 2]]


def test_harker_matrix_has_zeros_and_a_larger_diagonal() -> None:
    a = np.array([[1, 2, 0], [1 / 2, 1, 4], [0, 1 / 4, 1]])
    expected = np.array([[2, 2, 0], [1 / 2, 1, 4], [0, 1 / 4, 2]])
    assert np.array_equal(harker_matrix(a), expected)


def test_harker_on_consistent_judgments_gives_the_weights_back() -> None:
    # w = (8, 4, 2, 1)/15 and only a chain of judgments: a/b = 2, b/c = 2, c/d = 2.
    result = analyse_block(text("judgments: {a: {b: 2}, b: {c: 2}, c: {d: 2}}"), ())
    expected = np.array([8, 4, 2, 1]) / 15
    assert np.max(np.abs(np.array(list(result.weights.values())) - expected)) <= 1e-12
    assert result.cr == 0.0 and result.lambda_max == 4.0
    assert result.completed == {
        ("a", "c"): pytest.approx(4, abs=1e-12),
        ("a", "d"): pytest.approx(8, abs=1e-12),
        ("b", "d"): pytest.approx(4, abs=1e-12),
    }


def test_harker_lambda_is_that_of_harkers_matrix() -> None:
    result = analyse_block(text(BOZOKI.format(method="harker")), ())
    b = np.array([[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 2, 0], [1 / 2, 1 / 4, 0, 2]])
    lam = max(np.linalg.eigvals(b).real)
    assert result.lambda_max == pytest.approx(lam, abs=1e-12)
    assert result.cr == pytest.approx((lam - 4) / 3 / 0.90, abs=1e-12)


def test_optimal_completion_of_a_chain_is_consistent() -> None:
    # a/b = 3, b/c = 2, a/c missing: λmax is minimal (= 3) at a/c = 6.
    a = np.array([[1, 3, 0], [1 / 3, 1, 2], [0, 1 / 2, 1]])
    assert optimal_completion(a, [(0, 2)]) == pytest.approx([6.0], rel=1e-9)


def test_optimal_completion_of_bozoki_fulop_ronyai_example() -> None:
    # Bozóki, Fülöp & Rónyai (2010): the example whose missing c/d is 0.7303 (AHPy's test suite,
    # which follows the paper's cyclic-coordinates algorithm, finds 0.730297…; weights
    # a .3738, b .3920, c .0985, d .1357).
    result = analyse_block(text(BOZOKI.format(method="optimal")), ())
    assert result.completed is not None
    assert result.completed[("c", "d")] == pytest.approx(0.730297106886979, abs=1e-5)
    assert list(result.weights.values()) == pytest.approx(
        [0.3738, 0.3920, 0.0985, 0.1357], abs=1e-4
    )


def test_optimal_completion_minimises_lambda_by_brute_force() -> None:
    # Independent check: scan the one missing entry on a fine logarithmic grid.
    a = np.array([[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, 0], [1 / 2, 1 / 4, 0, 1]])
    grid = np.exp(np.linspace(np.log(0.1), np.log(10), 20001))
    lambdas = [max(np.linalg.eigvals(fill(a, [(2, 3)], np.array([x]))).real) for x in grid]
    best = grid[int(np.argmin(lambdas))]
    found = optimal_completion(a, [(2, 3)])[0]
    assert found == pytest.approx(best, rel=5e-4)
    lam_found = max(np.linalg.eigvals(fill(a, [(2, 3)], np.array([found]))).real)
    assert lam_found <= min(lambdas) + 1e-12


GIVEN = {("a", "b"): 2, ("a", "c"): 5, ("b", "d"): 3, ("c", "e"): 2, ("d", "e"): 0.5,
         ("a2", "a"): 1}  # fmt: skip
JUDGMENTS = "judgments: {a: {b: 2, c: 5}, b: {d: 3}, c: {e: 2}, d: {e: '1/2'}, a2: {a: 1}}\n"


def completed_lambda(items: tuple[str, ...], values: dict[tuple[str, str], float]) -> float:
    """λmax (numpy) of the matrix with the given judgments and ``values`` filled in."""
    full = np.eye(len(items))
    for (x, y), v in {**GIVEN, **values}.items():
        full[items.index(x), items.index(y)], full[items.index(y), items.index(x)] = v, 1 / v
    return float(max(np.linalg.eigvals(full).real))


def test_optimal_completion_with_several_missing_beats_harkers_values() -> None:
    harker = analyse_block(text(JUDGMENTS), ())
    optimal = analyse_block(text("incomplete: optimal\n" + JUDGMENTS), ())
    assert optimal.completed is not None and harker.completed is not None
    assert set(optimal.completed) == set(harker.completed) and len(optimal.completed) == 9
    lam = completed_lambda(optimal.items, dict(optimal.completed))
    assert optimal.lambda_max == pytest.approx(lam, abs=1e-12)
    assert lam <= completed_lambda(harker.items, dict(harker.completed)) + 1e-12
