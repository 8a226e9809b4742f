"""Priority vectors of a comparison matrix: the Perron eigenvector and its approximations.

The principal right eigenvector is exact to rounding (a few ulps for the matrices AHP uses):
numpy's eigen-decomposition, then power-iteration polishing on the same matrix. The row
geometric mean and the normalised-column mean are the classic approximations, offered as
``method:`` options because some clients have used them for years.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
Vector = NDArray[np.float64]

Method = Literal["eigenvector", "geometric-mean", "column-normalisation"]
METHODS: tuple[Method, ...] = ("eigenvector", "geometric-mean", "column-normalisation")

_POLISH_STEPS = 200
_POLISH_TOLERANCE = 1e-15


@dataclass(frozen=True)
class Eigen:
    """The Perron root λmax of a non-negative irreducible matrix and its eigenvector (sum 1)."""

    lambda_max: float
    vector: Vector


def perron(matrix: Matrix) -> Eigen:
    """λmax and the normalised principal right eigenvector of ``matrix``.

    ``matrix`` must be non-negative and irreducible (a reciprocal matrix, or Harker's matrix of
    a connected comparison graph), so the eigenvalue of largest real part is real and simple
    and its eigenvector can be taken positive.
    """
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    vector = vector / vector.sum()
    vector = _polish(matrix, vector)
    lambda_max = float(np.mean(matrix @ vector / vector))
    return Eigen(lambda_max, vector)


def _polish(matrix: Matrix, vector: Vector) -> Vector:
    """Power iteration from the eigen-decomposition's answer, to the last digits."""
    for _ in range(_POLISH_STEPS):
        following = matrix @ vector
        following = following / following.sum()
        change = float(np.max(np.abs(following - vector)))
        vector = following
        if change <= _POLISH_TOLERANCE:
            break
    return vector


def geometric_mean_weights(matrix: Matrix) -> Vector:
    """Row geometric means, normalised (the logarithmic least-squares solution)."""
    rows = np.exp(np.mean(np.log(matrix), axis=1))
    return np.asarray(rows / rows.sum(), dtype=np.float64)


def column_normalisation_weights(matrix: Matrix) -> Vector:
    """Mean of each row after dividing every column by its sum (Saaty's hand approximation)."""
    normalised = matrix / matrix.sum(axis=0, keepdims=True)
    rows = normalised.mean(axis=1)
    return np.asarray(rows / rows.sum(), dtype=np.float64)


def weights_by(method: Method, matrix: Matrix) -> Vector:
    """The priority vector of a complete reciprocal ``matrix`` by ``method``."""
    if method == "geometric-mean":
        return geometric_mean_weights(matrix)
    if method == "column-normalisation":
        return column_normalisation_weights(matrix)
    return perron(matrix).vector
