"""The spec's ``benchmarks:`` section: the packs to compare with and the client's population;
each metric instance's peers in its display unit, and targets relative to them (``p75``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evalkit.benchmarks.catalog import PackFile, find_installed, is_path
from evalkit.benchmarks.load import load_pack
from evalkit.benchmarks.match import Benchmark, find, matches
from evalkit.benchmarks.pack import Pack
from evalkit.errors import InputError, Problem
from evalkit.location import LocatedDocument
from evalkit.spec.instances import DURATION_UNITS
from evalkit.spec.model import Evaluation


@dataclass(frozen=True)
class Peers:
    """The packs a spec names and the population its client belongs to."""

    packs: tuple[Pack, ...] = ()
    population: Mapping[str, str] = field(default_factory=dict)

    def benchmark(self, metric: str, unit: str) -> Benchmark | str | None:
        """The peers of the metric instance ``metric`` shown in ``unit``; a message when the
        pack's unit cannot be converted to it; None when no pack has the metric."""
        found = find(self.packs, self.population, metric)
        if found is None:
            return None
        pack, keys, peers = found
        if peers.unit == unit:
            scale = 1.0
        elif peers.unit in DURATION_UNITS and unit in DURATION_UNITS:
            scale = DURATION_UNITS[peers.unit] / DURATION_UNITS[unit]
        else:
            return (
                f"benchmark pack '{pack.id}' gives '{metric}' in {peers.unit}, the metric is "
                f"shown in {unit}; use a pack with that unit"
            )
        return Benchmark(
            pack=pack.id,
            synthetic=pack.synthetic,
            population=dict(keys),
            n=peers.n,
            quantiles={k: v * scale for k, v in peers.quantiles.items()},
        )


def read_peers(
    doc: LocatedDocument, evaluation: Evaluation, base_dir: Path, installed: Sequence[PackFile]
) -> tuple[Peers, list[Problem]]:
    """The packs and population of ``benchmarks:`` (packs by path, relative to the spec, or by
    installed id); a pack's own problems are located in the pack file."""
    raw: Any = doc.data.get("benchmarks")
    if raw is None:
        return Peers(), []
    at: tuple[str, ...] = ("benchmarks",) if isinstance(raw, list) else ("benchmarks", "packs")
    references = raw if isinstance(raw, list) else raw.get("packs") or []
    given = raw.get("population") if isinstance(raw, Mapping) else None
    population = (
        {str(k): str(v) for k, v in given.items()} if given else dict(evaluation.population)
    )
    packs: list[Pack] = []
    problems: list[Problem] = []
    for i, reference in enumerate(references):
        try:
            if is_path(str(reference)):
                packs.append(load_pack(base_dir / str(reference), str(reference)))
            else:
                packs.append(find_installed(str(reference), installed))
        except InputError as exc:
            here = doc.where((*at, i))
            problems += [p if p.location else Problem(p.message, here) for p in exc.problems]
    if packs and not any(matches(p.keys, population) for k in packs for p in k.populations):
        shown = ", ".join(f"{k}={v}" for k, v in population.items()) or "no keys set"
        problems.append(
            Problem(
                f"no population in the benchmark packs contains this client ({shown}); set "
                "evaluation.industry and evaluation.market, or benchmarks.population",
                doc.where(at),
                "warning",
            )
        )
    return Peers(tuple(packs), population), problems
