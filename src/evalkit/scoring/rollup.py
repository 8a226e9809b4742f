"""Criterion scores as weighted means of their children; the overall score is the root's.

A child with no score follows ``scoring.missing``: ``renormalize`` leaves it out and spreads
its weight over its siblings, ``zero`` counts it as 0, ``fail`` stops the run.
"""

from __future__ import annotations

from collections.abc import Mapping

from evalkit.errors import InputError
from evalkit.spec.criteria import ROOT
from evalkit.spec.model import Criterion


def global_weights(
    criteria: Mapping[str, Criterion], local: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    """Every node's global weight: the product of local weights along its path from the root."""
    result: dict[str, float] = {ROOT: 1.0}

    def visit(node: str) -> None:
        for child in criteria[node].children:
            result[child] = result[node] * local[node][child]
            if child in criteria:
                visit(child)

    visit(ROOT)
    return result


def roll_up(
    criteria: Mapping[str, Criterion],
    local: Mapping[str, Mapping[str, float]],
    metric_scores: Mapping[str, float | None],
    missing: str,
) -> dict[str, float | None]:
    """The score of every criterion (``root`` is the overall score) from the metric scores."""
    scores: dict[str, float | None] = {}

    def visit(node: str) -> float | None:
        total = weight = 0.0
        for child in criteria[node].children:
            score = visit(child) if child in criteria else metric_scores.get(child)
            if score is None:
                if missing == "fail":
                    raise InputError(
                        f"metric or criterion '{child}' has no score and scoring.missing is "
                        "'fail'; fix the data or set scoring.missing: renormalize"
                    )
                if missing == "zero":
                    score = 0.0
                else:
                    continue
            total += local[node][child] * score
            weight += local[node][child]
        scores[node] = total / weight if weight > 0 else None
        return scores[node]

    visit(ROOT)
    return scores
