"""A group of experts: reading their judgments, and aggregating them (AIJ or AIP).

- AIJ (``aggregate: judgments``, the default): each pair's group judgment is the weighted
  geometric mean of the judgments of the experts who gave that pair (their weights renormalised
  over them); the group matrix is then analysed like a single one.
- AIP (``aggregate: priorities``): each expert's own priority vector, combined by the weighted
  geometric mean and renormalised to sum 1. Consistency is reported for the AIJ group matrix,
  each expert's own CR under ``experts``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

import numpy as np

from evalkit.ahp.comparisons import Comparisons, Judgment
from evalkit.ahp.consistency import most_inconsistent
from evalkit.ahp.findings import Findings, did_you_mean
from evalkit.ahp.matrix import check_connected, read_judgments, read_matrix
from evalkit.ahp.model import ExpertResult
from evalkit.ahp.options import Options, item_name
from evalkit.ahp.priorities import Solution, solve
from evalkit.location import Path

_EXPERT_KEYS = ("weight", "judgments", "matrix")


@dataclass(frozen=True)
class Expert:
    """One expert's comparisons and their (normalised) weight in the group."""

    name: str
    weight: float
    comparisons: Comparisons


def read_experts(f: Findings, path: Path, data: Any, items: Sequence[str]) -> list[Expert]:
    """The experts at ``path``, with weights normalised to sum 1 (equal when none is given)."""
    if not isinstance(data, dict) or not data:
        f.error("experts must be a mapping of names to {weight: …, judgments: {…}}", path)
        return []
    named: list[tuple[str, float | None, Comparisons, Path]] = []
    for key, entry in data.items():
        entry_path = (*path, key)
        name = item_name(f, key, entry_path, at_key=True)
        if name is None:
            continue
        if not isinstance(entry, dict):
            f.error(
                f"expert {name!r} must be a mapping such as {{judgments: {{A: {{B: 3}}}}}}",
                entry_path,
            )
            continue
        weight = _weight(f, name, entry, entry_path)
        comparisons = _comparisons(f, name, entry, entry_path, items)
        if comparisons is not None:
            named.append((name, weight, comparisons, entry_path))
    return _normalised(f, named)


def _weight(f: Findings, name: str, entry: dict[Any, Any], path: Path) -> float | None:
    if "weight" not in entry:
        return None
    value = entry["weight"]
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and math.isfinite(value) and value > 0:
        return float(value)
    f.error(f"expert {name!r} weight must be a positive number, not {value!r}", (*path, "weight"))
    return 1.0  # a stand-in: the error stops the analysis, but the expert does have a weight


def _comparisons(
    f: Findings, name: str, entry: dict[Any, Any], path: Path, items: Sequence[str]
) -> Comparisons | None:
    for key in entry:
        if key not in _EXPERT_KEYS:
            hint = did_you_mean(str(key), _EXPERT_KEYS)
            f.error(f"unknown key {key!r} for expert {name!r}{hint}", (*path, key), at_key=True)
    given = [k for k in ("judgments", "matrix") if k in entry]
    if len(given) != 1:
        f.error(f"expert {name!r} needs either judgments or a matrix (one of them)", path)
        return None
    kind = given[0]
    reader = read_judgments if kind == "judgments" else read_matrix
    errors_before = len(f.errors)
    judgments = reader(f, (*path, kind), entry[kind], items)
    comparisons = Comparisons(tuple(items), tuple(judgments))
    if len(f.errors) == errors_before:
        check_connected(f, comparisons, (*path, kind), who=f"expert {name!r}: ")
    return comparisons


def _normalised(
    f: Findings, named: list[tuple[str, float | None, Comparisons, Path]]
) -> list[Expert]:
    given = [w for _, w, _, _ in named if w is not None]
    if given and len(given) != len(named):
        for name, weight, _, path in named:
            if weight is None:
                f.error(
                    f"expert {name!r} has no weight but others do; give every expert a "
                    "weight, or none for equal weights",
                    path,
                    at_key=True,
                )
        return []
    total = sum(given) if given else float(len(named))
    return [Expert(name, (w if w is not None else 1.0) / total, c) for name, w, c, _ in named]


def group_comparisons(experts: Sequence[Expert], items: Sequence[str]) -> Comparisons:
    """The AIJ group matrix: per pair, the weighted geometric mean of the experts' judgments."""
    position = {item: k for k, item in enumerate(items)}
    logs: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for expert in experts:
        for judgment in expert.comparisons.judgments:
            i, j = position[judgment.a], position[judgment.b]
            value = judgment.value if i < j else 1 / judgment.value
            logs.setdefault((min(i, j), max(i, j)), []).append((expert.weight, math.log(value)))
    judgments = []
    for (i, j), entries in sorted(logs.items()):
        total = sum(w for w, _ in entries)
        value = math.exp(sum(w * log for w, log in entries) / total)
        judgments.append(Judgment(items[i], items[j], value))
    return Comparisons(tuple(items), tuple(judgments))


def analyse_group(
    experts: Sequence[Expert], items: Sequence[str], options: Options
) -> tuple[Solution, Mapping[str, ExpertResult]]:
    """The group's solution (AIJ or AIP, as ``options.aggregate`` says) and each expert's."""
    own = {expert.name: solve(expert.comparisons, options) for expert in experts}
    results = MappingProxyType(
        {
            expert.name: ExpertResult(
                MappingProxyType(
                    dict(zip(items, map(float, own[expert.name].weights), strict=True))
                ),
                own[expert.name].consistency.cr,
                expert.weight,
            )
            for expert in experts
        }
    )
    group = group_comparisons(experts, items)
    solution = solve(group, options)
    if options.aggregate == "priorities":
        logs = sum(e.weight * np.log(own[e.name].weights) for e in experts)
        combined = np.exp(logs)
        weights = combined / combined.sum()
        worst = most_inconsistent(items, group.judgments, weights)
        solution = replace(solution, weights=weights, most_inconsistent=worst)
    return solution, results
