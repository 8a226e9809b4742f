"""A hierarchy of AHP blocks: local weights per node, global weights of the leaves.

A node named as an item of another node is that node's child; the root is the one node that is
no one's item. A leaf's global weight is the sum, over every path from the root to it, of the
product of the local weights along the path (distributive synthesis), so a leaf shared by
several parents collects weight from each of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from evalkit.ahp.block import analyse_block
from evalkit.ahp.findings import Findings, did_you_mean, quoted
from evalkit.ahp.model import AhpResult, HierarchyResult
from evalkit.ahp.options import OPTION_KEYS, item_name
from evalkit.errors import SpecError
from evalkit.location import LocatedDocument, Location

_FILE_KEYS = ("hierarchy", *OPTION_KEYS)


def analyse_file(doc: LocatedDocument) -> AhpResult | HierarchyResult:
    """The analysis of an ``evalkit ahp`` file: one block, or a ``hierarchy:`` of blocks."""
    if not isinstance(doc.data, dict):
        raise SpecError(
            "an AHP file must be a mapping: items with judgments (or matrix, experts, weights), "
            "or a hierarchy",
            Location(doc.file, 1, 1),
        )
    if "hierarchy" in doc.data:
        return analyse_hierarchy(doc)
    return analyse_block(doc, ())


def analyse_hierarchy(doc: LocatedDocument) -> HierarchyResult:
    """Every node of the ``hierarchy:`` mapping, and the global weights of its leaves.

    The file's top-level ``ri_table``, ``threshold``, ``incomplete``, ``method`` and
    ``aggregate`` apply to every node that does not set its own.
    """
    f = Findings(doc)
    for key in doc.data:
        if key not in _FILE_KEYS:
            f.error(f"unknown key {key!r}{did_you_mean(str(key), _FILE_KEYS)}", (key,), at_key=True)
    tree = doc.data["hierarchy"]
    if not isinstance(tree, dict) or not tree:
        f.error("hierarchy must be a mapping of node names to blocks", ("hierarchy",))
        f.raise_errors()
    nodes: dict[str, AhpResult] = {}
    for key in tree:
        name = item_name(f, key, ("hierarchy", key), at_key=True)
        try:
            result = analyse_block(doc, ("hierarchy", key), defaults=())
        except SpecError as exc:
            f.errors.extend(exc.problems)
            continue
        if name is not None:
            nodes[name] = result
    f.raise_errors()
    root = _root(f, nodes)
    f.raise_errors()
    assert root is not None
    return HierarchyResult(root, MappingProxyType(nodes), _global_weights(root, nodes))


def _root(f: Findings, nodes: Mapping[str, AhpResult]) -> str | None:
    children = {name: [i for i in node.items if i in nodes] for name, node in nodes.items()}
    has_parent = {child for kids in children.values() for child in kids}
    roots = [name for name in nodes if name not in has_parent]
    if not roots:
        f.error("the hierarchy has no root: every node is an item of another node", ("hierarchy",))
        return None
    if len(roots) > 1:
        f.error(
            f"the hierarchy has {len(roots)} roots ({quoted(roots)}); every node but the root "
            "must be an item of another node",
            ("hierarchy", _key_of(f, roots[1])),
            at_key=True,
        )
        return None
    cycle = _cycle(roots[0], children)
    if cycle:
        f.error(
            f"node {cycle[-1]!r} is its own ancestor ({' → '.join(cycle)}); remove it from "
            "the items of one of these nodes",
            ("hierarchy", _key_of(f, cycle[-1])),
            at_key=True,
        )
        return None
    return roots[0]


def _key_of(f: Findings, name: str) -> Any:
    """The mapping key of node ``name`` (names may be written as numbers)."""
    return next(k for k in f.doc.data["hierarchy"] if str(k) == name)


def _cycle(root: str, children: Mapping[str, list[str]]) -> list[str]:
    """A path that returns to a node on it, or [] if the graph below ``root`` is acyclic."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        for child in children.get(node, []):
            found = visit(child, [*path, node])
            if found:
                return found
        done.add(node)
        return []

    found = visit(root, [])
    unreached = [n for n in children if n not in done]
    if not found and unreached:  # a cycle not hanging from the root
        return visit(unreached[0], [])
    return found


def _global_weights(root: str, nodes: Mapping[str, AhpResult]) -> Mapping[str, float]:
    """Distributive synthesis: each node passes its global weight down to its items."""
    order: list[str] = []

    def place(node: str) -> None:
        for item in nodes[node].items:
            if item in nodes and item not in order:
                place(item)
        if node not in order:
            order.append(node)

    place(root)
    weight: dict[str, float] = {root: 1.0}
    leaves: dict[str, float] = {}
    for node in reversed(order):  # parents before children
        for item, local in nodes[node].weights.items():
            share = weight.get(node, 0.0) * local
            if item in nodes:
                weight[item] = weight.get(item, 0.0) + share
            else:
                leaves[item] = leaves.get(item, 0.0) + share
    return MappingProxyType({leaf: leaves[leaf] for leaf in _leaf_order(root, nodes)})


def _leaf_order(root: str, nodes: Mapping[str, AhpResult]) -> list[str]:
    """Leaves in the order a reader meets them, depth first from the root."""
    seen: list[str] = []

    def walk(node: str) -> None:
        for item in nodes[node].items:
            if item in nodes:
                walk(item)
            elif item not in seen:
                seen.append(item)

    walk(root)
    return seen
