"""The resolved specs of two Results side by side: which keys changed, old → new."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_ABSENT = object()


@dataclass(frozen=True)
class SpecChange:
    """One key of the resolved spec that differs: its dotted path, the value before and after
    (None with ``added``/``removed`` for a key only one side has)."""

    key: str
    before: Any
    after: Any
    kind: str
    """``changed``, ``added`` or ``removed``."""

    def to_json(self) -> dict[str, Any]:
        """The change as ``evalkit diff --json`` prints it."""
        return {"key": self.key, "kind": self.kind, "before": self.before, "after": self.after}


def spec_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[SpecChange, ...]:
    """Every leaf that differs between two resolved specs, in key order. Mappings are compared
    key by key; lists of equal length item by item (``rules.0.then.bonus``), a list whose length
    changed as a whole."""
    found: list[SpecChange] = []
    _walk(before, after, "", found)
    return tuple(found)


def _walk(a: Any, b: Any, key: str, found: list[SpecChange]) -> None:
    if a == b:
        return
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        for k in sorted(set(a) | set(b), key=str):
            _walk(a.get(k, _ABSENT), b.get(k, _ABSENT), f"{key}.{k}" if key else str(k), found)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _walk(x, y, f"{key}.{i}", found)
    elif a is _ABSENT:
        found.append(SpecChange(key, None, b, "added"))
    elif b is _ABSENT:
        found.append(SpecChange(key, a, None, "removed"))
    else:
        found.append(SpecChange(key, a, b, "changed"))
