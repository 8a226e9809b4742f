"""The pairwise matrix of a node as a spec states it after presets are merged: the judgments
given, their reciprocals, and the pairs Harker's method filled in."""

from __future__ import annotations

from typing import Any

from evalkit.ahp.findings import Findings
from evalkit.ahp.matrix import read_judgments
from evalkit.ahp.model import AhpResult
from evalkit.location import LocatedDocument, Path


def merged_matrix(doc: LocatedDocument, path: Path, result: AhpResult) -> list[list[float]] | None:
    """The matrix of the ``judgments`` block at ``path`` over ``result.items`` (None when the
    node has no judgments block: matrix, experts and direct weights are shown as they are)."""
    data: Any = doc.data
    for key in (*path, "judgments"):
        data = data.get(key) if isinstance(data, dict) else None
    if not isinstance(data, dict):
        return None
    items = list(result.items)
    index = {item: i for i, item in enumerate(items)}
    matrix = [[1.0 if i == j else 0.0 for j in range(len(items))] for i in range(len(items))]
    given = read_judgments(Findings(doc), (*path, "judgments"), data, items)
    completed = dict(result.completed or {})
    for a, b, value in [(j.a, j.b, j.value) for j in given] + [
        (a, b, v) for (a, b), v in completed.items()
    ]:
        matrix[index[a]][index[b]] = value
        matrix[index[b]][index[a]] = 1 / value
    return matrix
