"""Priority vectors: exact on consistent matrices, and Saaty's published examples."""

from __future__ import annotations

import numpy as np
import pytest

from evalkit.ahp import analyse_file
from evalkit.ahp.eigen import (
    column_normalisation_weights,
    geometric_mean_weights,
    perron,
)

from .helpers import consistent_matrix, load


@pytest.mark.parametrize(
    "w",
    [
        [0.5, 0.3, 0.2],
        [0.4, 0.1, 0.25, 0.25],
        [9, 1, 3, 5, 7, 2, 4, 8, 6],
        [1e-3, 1, 30, 0.2, 5],
    ],
)
def test_consistent_matrix_gives_back_its_weights(w: list[float]) -> None:
    expected = np.array(w) / np.sum(w)
    eigen = perron(consistent_matrix(np.array(w, dtype=float)))
    assert np.max(np.abs(eigen.vector - expected)) <= 1e-12
    assert eigen.lambda_max == pytest.approx(len(w), abs=1e-12)


def test_approximations_are_exact_on_consistent_matrices() -> None:
    w = np.array([0.5, 0.2, 0.2, 0.1])
    a = consistent_matrix(w)
    assert np.max(np.abs(geometric_mean_weights(a) - w)) <= 1e-12
    assert np.max(np.abs(column_normalisation_weights(a) - w)) <= 1e-12


def test_two_by_two_by_hand() -> None:
    # [[1, 3], [1/3, 1]]: w = (3/4, 1/4), λ = 2.
    eigen = perron(np.array([[1, 3], [1 / 3, 1]]))
    assert eigen.vector == pytest.approx([0.75, 0.25], abs=1e-15)
    assert eigen.lambda_max == pytest.approx(2, abs=1e-15)


def test_eigenvector_satisfies_a_w_equals_lambda_w() -> None:
    a = np.array([[1, 2, 7], [1 / 2, 1, 3], [1 / 7, 1 / 3, 1]])
    eigen = perron(a)
    assert np.max(np.abs(a @ eigen.vector - eigen.lambda_max * eigen.vector)) <= 1e-14


def test_relative_wealth_of_nations() -> None:
    # Published eigenvector (Saaty 1980, "The Analytic Hierarchy Process", wealth example):
    # US .427, USSR .230, China .021, France .052, UK .052, Japan .123, W. Germany .094;
    # λmax = 7.61.
    result = analyse_file(load("wealth-of-nations.yaml"))
    published = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]
    assert list(result.weights.values()) == pytest.approx(published, abs=5e-4)
    assert result.lambda_max == pytest.approx(7.61, abs=5e-3)


def test_distances_of_cities_from_philadelphia() -> None:
    # Saaty's distance example (Saaty 1977, J. Math. Psychology 15; 1980 book): eigenvector
    # Cairo .263, Tokyo .397, Chicago .033, San Francisco .116, London .164, Montreal .027;
    # the printed Cairo value differs from the exact eigenvector (.2619) in the third decimal.
    result = analyse_file(load("distances.json"))
    published = [0.263, 0.397, 0.033, 0.116, 0.164, 0.027]
    assert list(result.weights.values()) == pytest.approx(published, abs=1.5e-3)


def test_drink_consumption_in_the_us() -> None:
    # Saaty (2008), Int. J. Services Sciences 1(1), Table 2: the eigenvector of the judgments
    # is coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129, water .327.
    result = analyse_file(load("drinks.yaml"))
    published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    assert list(result.weights.values()) == pytest.approx(published, abs=5e-4)
