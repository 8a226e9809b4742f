"""The ``collected:`` key of an ``experts:`` block: where a group's judgments came from.

``evalkit experts collect`` writes it; it records the consultant's choice for experts whose own
CR is above the threshold (kept in the group or dropped) and who was left out. It is
provenance only: the weights do not depend on it. The result carries it to result.json and the
report's AHP appendix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from evalkit.ahp.findings import Findings, did_you_mean
from evalkit.location import Path

AboveThreshold = Literal["keep", "drop"]

_KEYS = ("at", "above_threshold", "inconsistent", "incomplete")


@dataclass(frozen=True)
class Collected:
    """How a group of experts was collected from questionnaires."""

    at: str
    """When (ISO 8601, as written by ``evalkit experts collect``)."""
    above_threshold: AboveThreshold
    """``keep``: experts whose own CR is above the threshold stay in the group;
    ``drop``: they are left out (``--drop-inconsistent``)."""
    inconsistent: tuple[str, ...] = ()
    """The experts whose own CR was above the threshold (in the group with ``keep``)."""
    incomplete: tuple[str, ...] = ()
    """The experts left out because their answers did not link every item."""

    def to_json(self) -> dict[str, Any]:
        """``{"at": …, "above_threshold": "keep", "inconsistent": […], "incomplete": […]}``."""
        return {
            "at": self.at,
            "above_threshold": self.above_threshold,
            "inconsistent": list(self.inconsistent),
            "incomplete": list(self.incomplete),
        }


def read_collected(f: Findings, path: Path, data: Any) -> Collected | None:
    """The ``collected:`` mapping at ``path``; None after recording the errors found."""
    if not isinstance(data, dict):
        f.error("collected must be a mapping such as {at: …, above_threshold: keep}", path)
        return None
    for key in data:
        if key not in _KEYS:
            hint = did_you_mean(str(key), _KEYS)
            f.error(f"unknown key {key!r} in collected{hint}", (*path, key), at_key=True)
    at = data.get("at")
    if isinstance(at, date):
        at = at.isoformat()
    if not isinstance(at, str) or not at.strip():
        f.error("collected needs at: when the answers were collected (ISO 8601)", path)
    choice = data.get("above_threshold")
    if choice not in ("keep", "drop"):
        f.error(
            f"collected above_threshold must be keep or drop, not {choice!r}",
            (*path, "above_threshold") if "above_threshold" in data else path,
        )
    names = {key: _names(f, (*path, key), data.get(key)) for key in ("inconsistent", "incomplete")}
    if not isinstance(at, str) or choice not in ("keep", "drop") or None in names.values():
        return None
    return Collected(
        at,
        "keep" if choice == "keep" else "drop",
        names["inconsistent"] or (),
        names["incomplete"] or (),
    )


def _names(f: Findings, path: Path, value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    f.error(f"collected {path[-1]} must be a list of expert names, such as [Zhang, Li]", path)
    return None
