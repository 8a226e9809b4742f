"""The settings of an AHP block (``ri_table``, ``threshold``, …) and its ``items`` list."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from evalkit.ahp.eigen import METHODS, Method
from evalkit.ahp.findings import Findings, did_you_mean, value_at
from evalkit.ahp.ri import DEFAULT_TABLE, RI_TABLES
from evalkit.location import Path

Completion = Literal["harker", "optimal"]
Aggregation = Literal["judgments", "priorities"]

KINDS = ("judgments", "matrix", "experts", "weights")
"""The keys of which a block has exactly one: what the weights come from."""
OPTION_KEYS = ("ri_table", "threshold", "incomplete", "method", "aggregate")
BLOCK_KEYS = ("items", *KINDS, *OPTION_KEYS, "collected")

_CHOICES: Mapping[str, tuple[str, ...]] = {
    "ri_table": tuple(RI_TABLES),
    "incomplete": ("harker", "optimal"),
    "method": METHODS,
    "aggregate": ("judgments", "priorities"),
}


@dataclass(frozen=True)
class Options:
    """How one block is computed and judged."""

    ri_table: str = DEFAULT_TABLE
    threshold: float = 0.1
    incomplete: Completion = "harker"
    method: Method = "eigenvector"
    aggregate: Aggregation = "judgments"


def read_options(f: Findings, path: Path, defaults: Path | None = None) -> Options:
    """The block's options; a key it lacks comes from the ``defaults`` mapping, if any."""
    found: dict[str, Any] = {}
    for key in OPTION_KEYS:
        where = _source(f, key, path, defaults)
        if where is None:
            continue
        value = value_at(f.doc, where)
        if key == "threshold":
            found[key] = _threshold(f, value, where)
        else:
            found[key] = _choice(f, key, value, where)
    chosen = {k: v for k, v in found.items() if v is not None}
    return Options(**chosen)


def _source(f: Findings, key: str, path: Path, defaults: Path | None) -> Path | None:
    for base in (path, defaults):
        if base is None:
            continue
        mapping = value_at(f.doc, base)
        if isinstance(mapping, dict) and key in mapping:
            return (*base, key)
    return None


def _threshold(f: Findings, value: Any, where: Path) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok and math.isfinite(value) and value > 0:
        return float(value)
    f.error(f"threshold must be a positive number such as 0.1, not {value!r}", where)
    return None


def _choice(f: Findings, key: str, value: Any, where: Path) -> str | None:
    choices = _CHOICES[key]
    if isinstance(value, str) and value in choices:
        return value
    listed = ", ".join(choices[:-1]) + f" or {choices[-1]}"
    hint = did_you_mean(value, choices) if isinstance(value, str) else ""
    f.error(f"unknown {key} {value!r}{hint}: choose {listed}", where)
    return None


def item_name(f: Findings, name: Any, path: Path, *, at_key: bool = False) -> str | None:
    """An item's name as text (numbers are accepted as names); None after recording an error."""
    if isinstance(name, str) and name.strip():
        return name
    if isinstance(name, int) and not isinstance(name, bool):
        return str(name)
    f.error(f"item names must be non-empty text, not {name!r}", path, at_key=at_key)
    return None


def read_items(f: Findings, path: Path) -> tuple[str, ...] | None:
    """The names in the ``items`` list at ``path``, each once; None if it is unusable."""
    value = value_at(f.doc, path)
    if not isinstance(value, list):
        f.error("items must be a list of names, such as [Service quality, Cost]", path)
        return None
    names: list[str] = []
    for k, raw in enumerate(value):
        name = item_name(f, raw, (*path, k))
        if name is None:
            continue
        if name in names:
            f.error(f"item {name!r} is listed twice", (*path, k))
            continue
        names.append(name)
    return tuple(names)
