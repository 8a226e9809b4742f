"""The results of AHP analyses: frozen dataclasses and their JSON form.

The JSON keeps every float at full precision (no rounding to 4 decimals: the report rounds,
the data does not).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evalkit.ahp.collected import Collected
from evalkit.ahp.scale import format_value
from evalkit.errors import Problem
from evalkit.location import Location


@dataclass(frozen=True)
class Consistency:
    """λmax, CI, CR and RI of one matrix, and whether CR is within the threshold."""

    lambda_max: float
    ci: float
    cr: float
    ri: float
    consistent: bool


@dataclass(frozen=True)
class MostInconsistent:
    """The judgment ``a`` vs ``b`` that disagrees most with the weights, and what would agree."""

    a: str
    b: str
    value: float
    consistent_value: float
    saaty_value: float
    location: Location | None = None

    @property
    def saaty_label(self) -> str:
        """The agreeing value on Saaty's scale, as written: ``1/2``, ``5``."""
        return format_value(self.saaty_value)

    def describe(self) -> str:
        """``judgment 'A' vs 'B' = 5 is the most inconsistent; about 1/2 would agree …``."""
        return (
            f"judgment {self.a!r} vs {self.b!r} = {format_value(self.value)} is the most "
            f"inconsistent; about {self.saaty_label} would agree with the others"
        )

    def to_json(self) -> dict[str, Any]:
        """``{"pair": [a, b], "value": …, "consistent_value": …, "saaty_value": "1/2"}``."""
        return {
            "pair": [self.a, self.b],
            "value": self.value,
            "consistent_value": self.consistent_value,
            "saaty_value": self.saaty_label,
        }


@dataclass(frozen=True)
class ExpertResult:
    """One expert's own weights and consistency ratio, and their weight in the group."""

    weights: Mapping[str, float]
    cr: float
    weight: float

    def to_json(self) -> dict[str, Any]:
        """``{"weights": {item: w}, "cr": x, "weight": their share of the group}``."""
        return {"weights": dict(self.weights), "cr": self.cr, "weight": self.weight}


@dataclass(frozen=True)
class AhpResult:
    """The weights and consistency of one comparison block (a matrix, a group, or weights)."""

    items: tuple[str, ...]
    weights: Mapping[str, float]
    lambda_max: float
    ci: float
    cr: float
    ri: float
    ri_table: str
    threshold: float
    consistent: bool
    most_inconsistent: MostInconsistent | None = None
    completed: Mapping[tuple[str, str], float] | None = None
    experts: Mapping[str, ExpertResult] | None = None
    warnings: tuple[Problem, ...] = ()
    method: str = "eigenvector"
    source: str = "judgments"
    """Where the weights come from: ``judgments``, ``matrix`` or ``experts`` (pairwise
    comparisons), ``weights`` (given directly) or ``default`` (equal, nothing given)."""
    matrix: tuple[tuple[float, ...], ...] = ()
    """The judgment matrix (rows and columns in ``items`` order, missing pairs completed;
    the experts' aggregate for a group); empty for direct or default weights."""
    aggregate: str = "judgments"
    """How a group of experts is combined: ``judgments`` (AIJ) or ``priorities`` (AIP)."""
    collected: Collected | None = None
    """For a group collected from questionnaires: when, and whether experts above the CR
    threshold were kept or dropped (the block's ``collected:``)."""

    @property
    def compared(self) -> bool:
        """Whether the weights come from pairwise comparisons (and CR means something)."""
        return self.source not in ("weights", "default")

    def inconsistency_message(self) -> str:
        """``CR 0.158 > 0.1: judgment 'A' vs 'B' = 5 is the most inconsistent; about …``.

        For a consistent block: ``CR 0.037 ≤ 0.1: consistent``.
        """
        if self.consistent:
            return f"CR {self.cr:.3f} ≤ {self.threshold:g}: consistent"
        message = f"CR {self.cr:.3f} > {self.threshold:g}"
        if self.most_inconsistent is not None:
            message += f": {self.most_inconsistent.describe()}"
        return message

    def to_json(self) -> dict[str, Any]:
        """The single-matrix JSON object of ``evalkit ahp --json``."""
        out: dict[str, Any] = {
            "items": list(self.items),
            "weights": dict(self.weights),
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "cr": self.cr,
            "ri": self.ri,
            "ri_table": self.ri_table,
            "threshold": self.threshold,
            "consistent": self.consistent,
            "most_inconsistent": (
                self.most_inconsistent.to_json() if self.most_inconsistent else None
            ),
            "source": self.source,
        }
        if self.matrix:
            out["matrix"] = [list(row) for row in self.matrix]
        if self.completed is not None:
            out["completed"] = {f"{a}|{b}": v for (a, b), v in self.completed.items()}
        if self.experts is not None:
            out["experts"] = {name: e.to_json() for name, e in self.experts.items()}
            out["aggregate"] = self.aggregate
        if self.collected is not None:
            out["collected"] = self.collected.to_json()
        return out


@dataclass(frozen=True)
class HierarchyResult:
    """Every node's local result and the global weights of the leaves."""

    root: str
    nodes: Mapping[str, AhpResult]
    global_weights: Mapping[str, float]

    @property
    def consistent(self) -> bool:
        """Whether every node's CR is within its threshold."""
        return all(node.consistent for node in self.nodes.values())

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The warnings of all nodes, node by node."""
        return tuple(w for node in self.nodes.values() for w in node.warnings)

    def to_json(self) -> dict[str, Any]:
        """``{"nodes": {node: {…}}, "global_weights": {leaf: w}, "consistent": bool}``."""
        return {
            "nodes": {name: node.to_json() for name, node in self.nodes.items()},
            "global_weights": dict(self.global_weights),
            "consistent": self.consistent,
        }
