"""Take metrics out of a resolved spec document, with every trace of them in criteria and weights.

A criterion left with no metric (or no sub-criterion) goes too, with its judgments: the AHP of
what remains is then computed from the remaining judgments alone (the sub-matrix).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from evalkit.location import LocatedDocument, Location
from evalkit.location import Path as LocPath

Moves = dict[LocPath, LocPath]
"""Where a list item kept by the pruning was (its old path) → where it is now."""


def prune_metrics(doc: LocatedDocument, metrics: Collection[str]) -> LocatedDocument:
    """``doc`` without ``metrics``, the criteria emptied by their removal and their judgments."""
    if not metrics:
        return doc
    data: dict[str, Any] = dict(doc.data)
    removed: set[str] = set(metrics)
    moves: Moves = {}
    raw_metrics = data.get("metrics")
    if isinstance(raw_metrics, Mapping):
        data["metrics"] = {k: v for k, v in raw_metrics.items() if k not in removed}
    criteria = data.get("criteria")
    if isinstance(criteria, Mapping):
        data["criteria"] = _prune_nodes(criteria, removed, ("criteria",), moves)
    weights = data.get("weights")
    if isinstance(weights, Mapping):
        data["weights"] = {
            node: _prune_block(block, removed, moves=moves, path=("weights", node))
            for node, block in weights.items()
            if node not in removed
        }
    return LocatedDocument(doc.file, data, _moved(doc.values, moves), _moved(doc.keys, moves))


def _moved(locations: Mapping[LocPath, Location], moves: Moves) -> dict[LocPath, Location]:
    """``locations`` with the paths of moved list items (and what is below them) renamed."""
    if not moves:
        return dict(locations)
    lengths = sorted({len(p) for p in moves})
    moved: dict[LocPath, Location] = {}
    for path, location in locations.items():
        for n in lengths:
            if path[:n] in moves:
                path = (*moves[path[:n]], *path[n:])
                break
        moved[path] = location
    return moved


def _kept(items: list[Any], removed: set[str], path: LocPath, moves: Moves) -> list[Any]:
    """The items not removed; a kept item that moves up has its old path recorded."""
    kept: list[Any] = []
    for index, item in enumerate(items):
        if str(item) in removed:
            continue
        if index != len(kept):
            moves[(*path, index)] = (*path, len(kept))
        kept.append(item)
    return kept


def _prune_nodes(
    nodes: Mapping[str, Any], removed: set[str], path: LocPath, moves: Moves
) -> dict[str, Any]:
    """Criteria without the removed metrics; an emptied criterion is added to ``removed``."""
    kept: dict[str, Any] = {}
    for cid, node in nodes.items():
        if not isinstance(node, Mapping):
            kept[cid] = node
            continue
        body = dict(node)
        subs, leaves = body.get("criteria"), body.get("metrics")
        if isinstance(subs, Mapping) and subs:
            body["criteria"] = _prune_nodes(subs, removed, (*path, cid, "criteria"), moves)
            empty = not body["criteria"]
        elif isinstance(leaves, list) and leaves:
            body["metrics"] = _kept(leaves, removed, (*path, cid, "metrics"), moves)
            empty = not body["metrics"]
        else:
            empty = False  # the criteria check reports a criterion with no metrics
        if empty:
            removed.add(str(cid))
        else:
            kept[cid] = body
    return kept


def _prune_block(
    block: Any, removed: set[str], items: Any = None, *, moves: Moves, path: LocPath
) -> Any:
    """An AHP block (or one expert of it) without the removed items: their judgment rows and
    columns, matrix rows and columns (by the block's ``items``) and weights."""
    if not isinstance(block, Mapping):
        return block
    body = dict(block)
    items = body.get("items", items)
    if isinstance(items, list):
        keep = [i for i, name in enumerate(items) if str(name) not in removed]
        if "items" in body:
            body["items"] = _kept(items, removed, (*path, "items"), moves)
        if isinstance(body.get("matrix"), list):
            body["matrix"] = _prune_matrix(body["matrix"], keep, len(items))
    for key in ("judgments", "weights"):
        if isinstance(body.get(key), Mapping):
            body[key] = _prune_judgments(body[key], removed)
    experts = body.get("experts")
    if isinstance(experts, Mapping):
        body["experts"] = {
            n: _prune_block(e, removed, items, moves=moves, path=(*path, "experts", n))
            for n, e in experts.items()
        }
    return body


def _prune_matrix(matrix: list[Any], keep: list[int], size: int) -> list[Any]:
    if len(matrix) != size:
        return matrix  # the AHP check reports the wrong shape
    rows = [matrix[i] for i in keep]
    return [[r[j] for j in keep] if isinstance(r, list) and len(r) == size else r for r in rows]


def _prune_judgments(rows: Mapping[str, Any], removed: set[str]) -> dict[str, Any]:
    return {
        a: {b: v for b, v in row.items() if str(b) not in removed}
        if isinstance(row, Mapping)
        else row
        for a, row in rows.items()
        if str(a) not in removed
    }
