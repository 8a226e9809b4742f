"""Incomplete comparison matrices: connectivity, Harker's method and the optimal completion.

- Harker, P. T. (1987), "Alternative modes of questioning in the analytic hierarchy process",
  *Mathematical Modelling* 9(3–5), 353–360: a missing a_ij becomes 0 and the diagonal entry
  c_ii becomes 1 + (number of missing entries in row i); the Perron vector of that matrix gives
  the weights, and its λmax the consistency.
- Bozóki, S., Fülöp, J. and Rónyai, L. (2010), "On optimal completion of incomplete pairwise
  comparison matrices", *Mathematical and Computer Modelling* 52(1–2), 318–333: the missing
  entries that minimise λmax of the completed matrix. With a_ij = exp(y) the function is convex
  in y (their Theorem 2) and has a unique minimiser when the comparison graph is connected, so a
  quasi-Newton descent from Harker's implied values finds it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from evalkit.ahp.eigen import Matrix, Vector, perron

_GRADIENT_TOLERANCE = 1e-11
_MAX_ITERATIONS = 500


def components(n: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the comparison graph on items 0 … n−1, in item order."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def harker_matrix(matrix: Matrix) -> Matrix:
    """Harker's matrix of ``matrix`` (0 where a pair is missing)."""
    harker = matrix.copy()
    missing_per_row = np.sum(matrix == 0, axis=1)
    np.fill_diagonal(harker, 1.0 + missing_per_row)
    return harker


def fill(matrix: Matrix, missing: Sequence[tuple[int, int]], values: Vector) -> Matrix:
    """``matrix`` with a_ij = value and a_ji = 1/value for each missing (i, j)."""
    filled = matrix.copy()
    for (i, j), value in zip(missing, values, strict=True):
        filled[i, j] = value
        filled[j, i] = 1 / value
    return filled


def optimal_completion(matrix: Matrix, missing: Sequence[tuple[int, int]]) -> Vector:
    """The values of the ``missing`` entries (i < j) that minimise λmax of the completed matrix."""
    start = perron(harker_matrix(matrix)).vector
    y = np.array([np.log(start[i] / start[j]) for i, j in missing])
    return np.exp(_minimise(matrix, missing, y))


def _lambda_and_gradient(
    matrix: Matrix, missing: Sequence[tuple[int, int]], y: Vector
) -> tuple[float, Vector]:
    """λmax of the completed matrix and its gradient in the log-entries y."""
    a = fill(matrix, missing, np.exp(y))
    right = perron(a)
    left = perron(a.T).vector
    scale = float(left @ right.vector)
    w, v = right.vector, left
    gradient = np.array(
        [(v[i] * w[j] * a[i, j] - v[j] * w[i] * a[j, i]) / scale for i, j in missing]
    )
    return right.lambda_max, gradient


def _minimise(matrix: Matrix, missing: Sequence[tuple[int, int]], y: Vector) -> Vector:
    """BFGS with Armijo backtracking on the convex function y ↦ λmax."""
    value, gradient = _lambda_and_gradient(matrix, missing, y)
    inverse_hessian = np.eye(len(y))
    for _ in range(_MAX_ITERATIONS):
        if float(np.max(np.abs(gradient))) <= _GRADIENT_TOLERANCE:
            break
        direction = -inverse_hessian @ gradient
        slope = float(gradient @ direction)
        if slope >= 0:  # numerical loss of descent: restart from steepest descent
            inverse_hessian = np.eye(len(y))
            direction, slope = -gradient, -float(gradient @ gradient)
        step = 1.0
        while True:
            trial = y + step * direction
            trial_value, trial_gradient = _lambda_and_gradient(matrix, missing, trial)
            if trial_value <= value + 1e-4 * step * slope or step < 1e-12:
                break
            step /= 2
        if step < 1e-12:
            break
        s, change = trial - y, trial_gradient - gradient
        curvature = float(change @ s)
        if curvature > 1e-300:
            rho = 1 / curvature
            identity = np.eye(len(y))
            inverse_hessian = (identity - rho * np.outer(s, change)) @ inverse_hessian @ (
                identity - rho * np.outer(change, s)
            ) + rho * np.outer(s, s)
        y, value, gradient = trial, trial_value, trial_gradient
    return y
