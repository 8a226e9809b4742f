"""Which population of which pack a metric is compared against, and the comparison itself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evalkit.benchmarks.pack import MetricQuantiles, Pack
from evalkit.benchmarks.position import position


@dataclass(frozen=True)
class Benchmark:
    """A metric's peers: quantiles in the metric instance's display unit."""

    pack: str
    synthetic: bool
    population: Mapping[str, str]
    n: int
    quantiles: Mapping[str, float]

    def to_json(self, value: float | None) -> dict[str, Any]:
        """``{pack, population, n, quantiles, percentile, outside, synthetic}`` for result.json;
        percentile None without a value."""
        where = position(self.quantiles, value) if value is not None else None
        return {
            "pack": self.pack,
            "population": dict(self.population),
            "n": self.n,
            "quantiles": dict(self.quantiles),
            "percentile": where.percentile if where else None,
            "outside": where.outside if where else None,
            "synthetic": self.synthetic,
        }


def matches(keys: Mapping[str, str], population: Mapping[str, str]) -> bool:
    """Whether a pack population (``keys``) contains the evaluated client: every key it is
    defined by has the client's value (a broader population leaves a key out)."""
    return all(population.get(k) == v for k, v in keys.items())


def find(
    packs: Sequence[Pack], population: Mapping[str, str], metric: str
) -> tuple[Pack, Mapping[str, str], MetricQuantiles] | None:
    """The most specific population (most keys) containing the client that has ``metric``;
    on a tie, the first pack listed wins. None when no pack has one."""
    best: tuple[Pack, Mapping[str, str], MetricQuantiles] | None = None
    for pack in packs:
        for peers in pack.populations:
            found = peers.metrics.get(metric)
            if found is None or not matches(peers.keys, population):
                continue
            if best is None or len(peers.keys) > len(best[1]):
                best = (pack, peers.keys, found)
    return best
