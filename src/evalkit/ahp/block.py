"""One AHP block — judgments, a matrix, experts or direct weights — from document to result."""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import numpy as np

from evalkit.ahp.collected import Collected, read_collected
from evalkit.ahp.comparisons import Comparisons
from evalkit.ahp.experts import analyse_group, read_experts
from evalkit.ahp.findings import Findings, did_you_mean, value_at
from evalkit.ahp.matrix import check_connected, read_judgments, read_matrix, unknown_item
from evalkit.ahp.model import AhpResult
from evalkit.ahp.options import BLOCK_KEYS, KINDS, Options, item_name, read_items, read_options
from evalkit.ahp.priorities import Solution, solve
from evalkit.ahp.ri import MAX_N, random_index
from evalkit.ahp.scale import JudgmentValueError, parse_judgment
from evalkit.location import LocatedDocument, Path


def analyse_block(
    doc: LocatedDocument,
    path: Path,
    items: Sequence[str] | None = None,
    *,
    defaults: Path | None = None,
) -> AhpResult:
    """Weights and consistency of the block at ``path`` in ``doc``.

    ``items`` (the children of a criteria node, from the engine) makes the block's own
    ``items:`` optional; if both are given they must name the same items. ``defaults`` points at
    a mapping whose options (``ri_table``, ``threshold``, …) apply when the block has none.
    Raises SpecError with every problem found; warnings go into ``AhpResult.warnings``.
    """
    f = Findings(doc)
    block = value_at(doc, path)
    if not isinstance(block, dict):
        f.error("an AHP block must be a mapping with judgments, matrix, experts or weights", path)
        f.raise_errors()
    kind = _kind(f, block, path)
    options = read_options(f, path, defaults)
    names = _items(f, block, path, kind, items)
    collected = _collected(f, block, path, kind)
    f.raise_errors()
    assert kind is not None and names is not None
    data, data_path = block[kind], (*path, kind)
    if kind == "weights":
        weights = _direct_weights(f, data_path, data, names)
        f.raise_errors()
        return _direct_result(names, weights, options, tuple(f.warnings))
    experts = None
    if kind == "experts":
        group = read_experts(f, data_path, data, names)
        f.raise_errors()
        solution, experts = analyse_group(group, names, options)
    else:
        reader = read_judgments if kind == "judgments" else read_matrix
        comparisons = Comparisons(names, tuple(reader(f, data_path, data, names)))
        f.raise_errors()
        check_connected(f, comparisons, data_path)
        f.raise_errors()
        solution = solve(comparisons, options)
    return _result(names, solution, options, tuple(f.warnings), experts, kind, collected)


def _collected(
    f: Findings, block: dict[Any, Any], path: Path, kind: str | None
) -> Collected | None:
    if "collected" not in block:
        return None
    if kind != "experts":
        f.error(
            "collected: describes a group of experts; it goes with experts:",
            (*path, "collected"),
            at_key=True,
        )
        return None
    return read_collected(f, (*path, "collected"), block["collected"])


def _kind(f: Findings, block: dict[Any, Any], path: Path) -> str | None:
    for key in block:
        if key not in BLOCK_KEYS:
            hint = did_you_mean(str(key), BLOCK_KEYS)
            f.error(f"unknown key {key!r}{hint}", (*path, key), at_key=True)
    kinds = [k for k in KINDS if k in block]
    if not kinds:
        f.error("the block needs one of judgments, matrix, experts or weights", path)
        return None
    if len(kinds) > 1:
        f.error(f"give only one of {' and '.join(kinds)}", (*path, kinds[1]), at_key=True)
    return kinds[0]


def _items(
    f: Findings, block: dict[Any, Any], path: Path, kind: str | None, given: Sequence[str] | None
) -> tuple[str, ...] | None:
    items_path = (*path, "items")
    own = read_items(f, items_path) if "items" in block else None
    if given is not None:
        names = tuple(given)
        if own is not None and set(own) != set(names):
            f.error(
                f"items {list(own)} do not match the children of this criterion: {list(names)}",
                items_path,
            )
        elif own is not None:
            names = own  # a matrix's rows and columns are in the order of its own items
    elif own is not None:
        names = own
    elif kind == "matrix":
        f.error("a matrix needs items: the names of its rows and columns, in order", path)
        return None
    else:
        names = _inferred_items(kind, block.get(kind or ""))
    where = items_path if "items" in block else path
    if not names:
        f.error("there are no items: an AHP block needs at least 1 item", where)
    elif kind != "weights" and len(names) > MAX_N:
        f.error(
            f"{len(names)} items is too many to compare: the random index tables cover at most "
            f"{MAX_N}; group them under sub-criteria",
            where,
        )
    return names


def named_items(doc: LocatedDocument, path: Path) -> frozenset[str] | None:
    """The items the block at ``path`` names: its ``items:`` and those its judgments, experts'
    judgments or weights compare (none if it is not a block); None when a matrix without
    ``items:`` (the block's or an expert's) stands for every child, in order."""
    block = value_at(doc, path)
    if not isinstance(block, dict):
        return frozenset()
    own = block.get("items")
    if isinstance(own, list):
        return frozenset(str(i) for i in own)
    experts = block.get("experts")
    entries = experts.values() if isinstance(experts, dict) else ()
    if "matrix" in block or any(isinstance(e, dict) and "matrix" in e for e in entries):
        return None
    named: set[str] = set()
    for kind in KINDS:
        named.update(_inferred_items(kind, block.get(kind)))
    return frozenset(named)


def _inferred_items(kind: str | None, data: Any) -> tuple[str, ...]:
    """Item names in order of first appearance in judgments, experts' judgments or weights."""
    names: list[str] = []

    def add(key: Any) -> None:
        if isinstance(key, str | int) and not isinstance(key, bool) and str(key) not in names:
            names.append(str(key))

    def from_judgments(mapping: Any) -> None:
        if isinstance(mapping, dict):
            for a, row in mapping.items():
                add(a)
                for b in row if isinstance(row, dict) else ():
                    add(b)

    if kind == "judgments":
        from_judgments(data)
    elif kind == "experts" and isinstance(data, dict):
        for entry in data.values():
            from_judgments(entry.get("judgments") if isinstance(entry, dict) else None)
    elif kind == "weights" and isinstance(data, dict):
        for key in data:
            add(key)
    return tuple(names)


def _direct_weights(f: Findings, path: Path, data: Any, items: Sequence[str]) -> list[float]:
    if not isinstance(data, dict) or not data:
        f.error(
            "weights must be a mapping of items to positive numbers, such as {A: 0.4, B: 0.6}", path
        )
        return []
    values: dict[str, float] = {}
    for key, raw in data.items():
        name = item_name(f, key, (*path, key), at_key=True)
        if name is None:
            continue
        if name not in items:
            f.error(unknown_item(name, items), (*path, key), at_key=True)
            continue
        try:
            values[name] = parse_judgment(raw)
        except JudgmentValueError as exc:
            f.error(f"weight of {name!r} {exc}", (*path, key))
    for name in items:
        if name not in values and name not in {str(k) for k in data}:
            f.error(f"no weight for {name!r}: give every item a weight", path)
    total = sum(values.values())
    return [values.get(name, 0.0) / total if total else 0.0 for name in items]


def _direct_result(
    names: tuple[str, ...], weights: list[float], options: Options, warnings: tuple[Any, ...]
) -> AhpResult:
    """Weights given directly: consistent by definition, λmax = n, CI = CR = 0, RI the table's
    value for n like any other node (0 beyond the table's 15 items)."""
    n = len(names)
    return AhpResult(
        items=names,
        weights=MappingProxyType(dict(zip(names, weights, strict=True))),
        lambda_max=float(n),
        ci=0.0,
        cr=0.0,
        ri=random_index(options.ri_table, n) if n <= MAX_N else 0.0,
        ri_table=options.ri_table,
        threshold=options.threshold,
        consistent=True,
        warnings=warnings,
        method="weights",
        source="weights",
    )


def _result(
    names: tuple[str, ...],
    solution: Solution,
    options: Options,
    warnings: tuple[Any, ...],
    experts: Any,
    source: str,
    collected: Collected | None,
) -> AhpResult:
    c = solution.consistency
    weights = np.asarray(solution.weights, dtype=float)
    return AhpResult(
        items=names,
        weights=MappingProxyType(dict(zip(names, map(float, weights), strict=True))),
        lambda_max=c.lambda_max,
        ci=c.ci,
        cr=c.cr,
        ri=c.ri,
        ri_table=options.ri_table,
        threshold=options.threshold,
        consistent=c.consistent,
        most_inconsistent=solution.most_inconsistent,
        completed=solution.completed,
        experts=experts,
        warnings=warnings,
        method=options.method,
        source=source,
        matrix=solution.matrix,
        aggregate=options.aggregate,
        collected=collected,
    )
