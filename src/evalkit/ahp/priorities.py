"""From comparisons to weights and consistency: complete, Harker or optimally completed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from evalkit.ahp.comparisons import Comparisons
from evalkit.ahp.consistency import assess, most_inconsistent
from evalkit.ahp.eigen import Vector, perron, weights_by
from evalkit.ahp.incomplete import fill, harker_matrix, optimal_completion
from evalkit.ahp.model import Consistency, MostInconsistent
from evalkit.ahp.options import Options


@dataclass(frozen=True)
class Solution:
    """Weights, consistency and (for incomplete input) the values filled in."""

    weights: Vector
    consistency: Consistency
    most_inconsistent: MostInconsistent | None
    completed: Mapping[tuple[str, str], float] | None
    matrix: tuple[tuple[float, ...], ...] = ()
    """The judgment matrix the weights come from, missing pairs filled in."""


def solve(comparisons: Comparisons, options: Options) -> Solution:
    """Weights and consistency of a connected set of ``comparisons``."""
    n, items = comparisons.n, comparisons.items
    matrix = comparisons.matrix()
    missing = comparisons.missing()
    completed: Mapping[tuple[str, str], float] | None = None
    if not missing:
        eigen = perron(matrix)
        full = matrix
    elif options.incomplete == "harker":
        eigen = perron(harker_matrix(matrix))
        implied = np.array([eigen.vector[i] / eigen.vector[j] for i, j in missing])
        full = fill(matrix, missing, implied)
    else:
        full = fill(matrix, missing, optimal_completion(matrix, missing))
        eigen = perron(full)
    if missing:
        completed = MappingProxyType({(items[i], items[j]): float(full[i, j]) for i, j in missing})
    weights = eigen.vector if options.method == "eigenvector" else weights_by(options.method, full)
    consistency = assess(eigen.lambda_max, n, options.ri_table, options.threshold)
    worst = most_inconsistent(items, comparisons.judgments, weights)
    rows = tuple(tuple(float(x) for x in row) for row in full)
    return Solution(weights, consistency, worst, completed, rows)
