"""Consistency of a comparison matrix, and the judgment that disagrees most with the weights.

CI = (λmax − n)/(n − 1) and CR = CI / RI(n). A judgment a_ij agrees with weights w when
a_ij = w_i/w_j; its error e = a_ij·w_j/w_i is 1 then. The judgment with the largest
max(e, 1/e) is the one to revisit, and w_i/w_j (rounded onto Saaty's scale) is what would agree
with all the other judgments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evalkit.ahp.comparisons import Judgment
from evalkit.ahp.eigen import Vector
from evalkit.ahp.model import Consistency, MostInconsistent
from evalkit.ahp.ri import random_index
from evalkit.ahp.scale import nearest_saaty

_NOISE = 1e-12
_AGREEMENT = 1e-9
_TIE = 1e-9


def assess(lambda_max: float, n: int, ri_table: str, threshold: float) -> Consistency:
    """CI, CR and the verdict for a matrix of ``n`` items with Perron root ``lambda_max``."""
    ri = random_index(ri_table, n)
    if n <= 2:
        return Consistency(float(n), 0.0, 0.0, ri, True)
    ci = (lambda_max - n) / (n - 1)
    if abs(ci) <= _NOISE:  # a consistent matrix: rounding noise, not inconsistency
        ci, lambda_max = 0.0, float(n)
    cr = ci / ri
    return Consistency(lambda_max, ci, cr, ri, cr <= threshold)


@dataclass(frozen=True)
class _Error:
    judgment: Judgment
    size: float
    agreeing: float


def most_inconsistent(
    items: Sequence[str], judgments: Sequence[Judgment], weights: Vector
) -> MostInconsistent | None:
    """The judgment farthest from ``weights``, or None when all agree within 1e-9 (or n ≤ 2)."""
    if len(items) <= 2 or not judgments:
        return None
    position = {item: k for k, item in enumerate(items)}
    errors = []
    for judgment in judgments:
        agreeing = float(weights[position[judgment.a]] / weights[position[judgment.b]])
        e = judgment.value / agreeing
        errors.append(_Error(judgment, max(e, 1 / e), agreeing))
    largest = max(error.size for error in errors)
    if largest - 1 <= _AGREEMENT:
        return None
    # Ties (all three judgments of a 3×3 matrix are equally far off) go to the first given.
    worst = next(error for error in errors if error.size >= largest * (1 - _TIE))
    j = worst.judgment
    return MostInconsistent(
        j.a, j.b, j.value, worst.agreeing, nearest_saaty(worst.agreeing), j.location
    )
