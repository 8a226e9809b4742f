"""Criterion scores as weighted means of their children; the overall score is the root's.

Only scored children count: a report-only metric (no target, or a metric that is never
scored) is left out of the roll-up and takes no weight, and so is a criterion with no scored
metric under it. A scored child with no score follows ``scoring.missing``: ``renormalize``
leaves it out and spreads its weight over its siblings, ``zero`` counts it as 0, ``fail``
stops the run.

Every node also gets its **coverage**: the share of its weight whose metrics had data (a
metric 1 or 0, a criterion its own coverage). A node whose coverage is below
``scoring.min_coverage`` has no score ("insufficient data"); its parent treats it like a child
without a score. The weights a node *used* are its children's weights renormalised over the
children that counted, so they sum to 1 in every node.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from evalkit.errors import InputError
from evalkit.spec.criteria import ROOT
from evalkit.spec.model import Criterion


@dataclass(frozen=True)
class RollUp:
    """The roll-up of one window."""

    scores: Mapping[str, float | None]
    """Criterion id → score (``root``: the overall score); None for no data or too little."""
    coverage: Mapping[str, float]
    """Criterion id → share of its weight that had data (criteria with scored metrics only)."""
    used: Mapping[str, Mapping[str, float]]
    """Node → child → the local weight the child counted with (children that counted only)."""
    used_global: Mapping[str, float]
    """Node or metric → its global weight as counted: the product of ``used`` along its path."""


def global_weights(local: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Every node's global weight: the product of local weights along its path from the root.

    ``local`` maps each criterion to its children's weights; a child it leaves out (a weight
    not used) has no global weight, nor has anything under it.
    """
    result: dict[str, float] = {ROOT: 1.0}

    def visit(node: str) -> None:
        for child, weight in local.get(node, {}).items():
            result[child] = result[node] * weight
            if child in local:
                visit(child)

    visit(ROOT)
    return result


def roll_up(
    criteria: Mapping[str, Criterion],
    local: Mapping[str, Mapping[str, float]],
    metric_scores: Mapping[str, float | None],
    missing: str,
    min_coverage: float = 0.0,
) -> RollUp:
    """Scores, coverage and used weights of every criterion from the metric scores.

    ``metric_scores`` holds the scored metric instances only (None: no score in this window);
    a metric instance that is not in it is report-only.
    """
    scores: dict[str, float | None] = {}
    coverage: dict[str, float] = {}
    used: dict[str, dict[str, float]] = {}

    def visit(node: str) -> tuple[float | None, float] | None:
        total = counted = weight = covered = 0.0
        counting: dict[str, float] = {}
        for child in criteria[node].children:
            if child in criteria:
                found = visit(child)
                if found is None:
                    continue
                score, share = found
            elif child in metric_scores:
                score = metric_scores[child]
                share = 0.0 if score is None else 1.0
            else:
                continue
            w = local[node][child]
            weight += w
            covered += w * share
            if score is None:
                score = _missing(child, missing)
                if score is None:
                    continue
            total += w * score
            counted += w
            counting[child] = w
        if weight <= 0:
            return None
        coverage[node] = covered / weight
        enough = counted > 0 and coverage[node] >= min_coverage - 1e-12
        scores[node] = total / counted if enough else None
        used[node] = {c: w / counted for c, w in counting.items()} if enough else {}
        return scores[node], coverage[node]

    visit(ROOT)
    for node in criteria:
        scores.setdefault(node, None)
    return RollUp(scores, coverage, used, global_weights(used))


def _missing(child: str, missing: str) -> float | None:
    """The score a child without one counts with: None (left out), 0, or an error."""
    if missing == "fail":
        raise InputError(
            f"metric or criterion '{child}' has no score and scoring.missing is "
            "'fail'; fix the data or set scoring.missing: renormalize"
        )
    return 0.0 if missing == "zero" else None
