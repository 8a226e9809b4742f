"""A benchmark pack as frozen data: populations of peers, each with metrics' quantiles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

QUANTILES: Mapping[str, float] = {"p10": 10.0, "p25": 25.0, "p50": 50.0, "p75": 75.0, "p90": 90.0}
"""The quantile keys a pack may give, with the percentile each one stands for."""
POPULATION_KEYS = ("industry", "market", "size", "region", "year")
"""What a population may be defined by (``evaluation.industry`` … in a spec)."""
FORMAT_VERSION = 1


@dataclass(frozen=True)
class MetricQuantiles:
    """One metric's distribution among a population's peers."""

    unit: str
    n: int
    """Observations (one per client and period) the quantiles were computed from."""
    quantiles: Mapping[str, float]
    """``p10`` … ``p90`` → value, in ``unit``; at least two, non-decreasing."""


@dataclass(frozen=True)
class Population:
    """A group of peers: what defines it, how many clients it holds, their metrics."""

    keys: Mapping[str, str]
    """``{industry: manufacturing, market: b2b}``; a key's value is compared as text."""
    clients: int | None
    metrics: Mapping[str, MetricQuantiles]
    """Metric instance id (the catalog id) → its quantiles."""


@dataclass(frozen=True)
class Pack:
    """A benchmark pack file, checked."""

    id: str
    title: Mapping[str, str]
    source: str
    """Where the numbers come from (a citation, or how the pack was built)."""
    synthetic: bool
    """Made-up peers (the demo's); every report page that shows them says so."""
    periods: tuple[str, ...]
    populations: tuple[Population, ...]

    def describe(self) -> dict[str, Any]:
        """The pack as ``evalkit benchmarks --json`` and result.json list it."""
        return {
            "id": self.id,
            "title": dict(self.title),
            "source": self.source,
            "synthetic": self.synthetic,
            "periods": list(self.periods),
            "populations": [
                {"population": dict(p.keys), "clients": p.clients, "metrics": len(p.metrics)}
                for p in self.populations
            ],
        }
