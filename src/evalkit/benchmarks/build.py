"""Build a benchmark pack from archived results: one observation per client and period,
grouped into populations, anonymised, published only where enough clients stand behind it.

The pack names no client and no file: clients are told apart by their ``evaluation.client``
only while counting, and a population (or a metric in it) with fewer than ``min_clients``
distinct clients is left out entirely. Quantiles are numpy's ``linear`` method (type 7 of
Hyndman & Fan, the default of numpy, R and Excel's PERCENTILE.INC).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from evalkit.benchmarks.pack import FORMAT_VERSION, POPULATION_KEYS, QUANTILES
from evalkit.errors import InputError
from evalkit.result.store import read_result
from evalkit.spec.instances import DURATION_UNITS

DEFAULT_MIN_CLIENTS = 5


@dataclass(frozen=True)
class Observation:
    """One evaluated client in one period: its population and its metric values."""

    client: str
    """Only to count distinct clients and drop re-runs; never written."""
    period: str
    generated_at: str
    population: tuple[str, ...]
    values: Mapping[str, tuple[str, float]]
    """Metric id → (unit, value); durations in minutes."""


@dataclass(frozen=True)
class BuildReport:
    """The pack's content and what was left out, for the command to tell the user."""

    pack: dict[str, Any]
    withheld: tuple[str, ...]
    """One line per population or metric below the minimum, or result without a key."""


def result_files(paths: Sequence[Path]) -> list[Path]:
    """The given files, and every ``*.json`` below each given folder (a ``--history`` folder)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.json") if p.is_file())
        else:
            found.append(path)
    return found


def observe(result: Mapping[str, Any], by: Sequence[str]) -> Observation | str:
    """The observation in a result, or why it has none (a population key is not set)."""
    evaluation = result.get("evaluation") or {}
    period = str(evaluation.get("period", ""))
    keys = []
    for key in by:
        value = period[:4] if key == "year" else evaluation.get(key)
        if not value:
            return f"evaluation.{key} is not set"
        keys.append(str(value))
    values = {}
    for metric in result.get("metrics") or ():
        value, unit = metric.get("value"), str(metric.get("unit", ""))
        if metric.get("id") != metric.get("metric") or not isinstance(value, int | float):
            continue  # a second instance of a metric (other params) is not the catalog's one
        if unit in DURATION_UNITS:  # durations are published in minutes, whatever the unit shown
            value, unit = value * DURATION_UNITS[unit], "minutes"
        values[str(metric["id"])] = (unit, float(value))
    client = json.dumps(evaluation.get("client"), sort_keys=True, ensure_ascii=False)
    generated = str((result.get("provenance") or {}).get("generated_at", ""))
    return Observation(client, period, generated, tuple(keys), values)


def build_pack(
    results: Sequence[Mapping[str, Any]],
    by: Sequence[str],
    *,
    pack_id: str,
    source: str,
    min_clients: int = DEFAULT_MIN_CLIENTS,
    synthetic: bool = False,
    title: Mapping[str, str] | None = None,
) -> BuildReport:
    """A pack from ``results``: per population (the values of the ``by`` keys), per metric, the
    quantiles of the observations; re-runs of a client's period count once (the latest)."""
    unknown = [k for k in by if k not in POPULATION_KEYS]
    if unknown or not by:
        raise InputError(
            f"--by {','.join(by)}: choose from {', '.join(POPULATION_KEYS)} (comma-separated)"
        )
    withheld: list[str] = []
    latest: dict[tuple[str, str], Observation] = {}
    skipped = 0
    for result in results:
        seen = observe(result, by)
        if isinstance(seen, str):
            skipped += 1
            continue
        key = (seen.client, seen.period)
        if key not in latest or seen.generated_at > latest[key].generated_at:
            latest[key] = seen
    if skipped:
        withheld.append(
            f"{skipped} result(s) left out: a population key ({', '.join(by)}) "
            "is not set in their evaluation"
        )
    groups: dict[tuple[str, ...], list[Observation]] = defaultdict(list)
    for seen in latest.values():
        groups[seen.population].append(seen)
    populations = []
    for keys, observations in sorted(groups.items()):
        named = dict(zip(by, keys, strict=True))
        label = ", ".join(f"{k}={v}" for k, v in named.items())
        clients = len({o.client for o in observations})
        if clients < min_clients:
            withheld.append(
                f"population {label}: {clients} client(s), below the minimum of {min_clients}"
            )
            continue
        metrics = _metrics(observations, min_clients, label, withheld)
        if metrics:
            populations.append({"population": named, "clients": clients, "metrics": metrics})
    if not populations:
        raise InputError(
            f"no population has {min_clients} or more clients with values; nothing to publish "
            f"({len(latest)} observation(s) read)"
        )
    periods = sorted({o.period for o in latest.values()})
    pack = {
        "benchmark_pack": FORMAT_VERSION,
        "id": pack_id,
        "title": dict(title or {"en": pack_id, "zh": pack_id}),
        "source": source,
        "synthetic": synthetic,
        "periods": periods,
        "populations": populations,
    }
    return BuildReport(pack, tuple(withheld))


def _metrics(
    observations: Sequence[Observation], min_clients: int, label: str, withheld: list[str]
) -> dict[str, Any]:
    by_metric: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for o in observations:
        for metric, (unit, value) in o.values.items():
            by_metric[metric].append((o.client, unit, value))
    metrics: dict[str, Any] = {}
    for metric, seen in sorted(by_metric.items()):
        clients = len({c for c, _, _ in seen})
        units = {u for _, u, _ in seen}
        if clients < min_clients or len(units) > 1:
            why = f"{clients} client(s)" if len(units) == 1 else f"units differ ({sorted(units)})"
            withheld.append(f"population {label}, metric {metric}: {why}")
            continue
        values = np.array([v for _, _, v in seen])
        levels = np.array(list(QUANTILES.values())) / 100
        found = np.quantile(values, levels, method="linear")
        metrics[metric] = {
            "unit": units.pop(),
            "n": len(seen),
            "quantiles": {k: _round(float(q)) for k, q in zip(QUANTILES, found, strict=True)},
        }
    return metrics


def _round(value: float) -> float:
    """Six significant digits: more than any benchmark can claim, and a readable file."""
    return float(f"{value:.6g}")


def read_results(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Every result in ``paths`` (files, or folders searched for ``*.json``); a file given by
    name must be a result, a file found in a folder that is not one is passed over."""
    results = []
    for path in result_files(paths):
        try:
            results.append(read_result(path))
        except InputError:
            if path in paths:
                raise
    return results
