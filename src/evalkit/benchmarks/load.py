"""Read a benchmark pack file: safe YAML, JSON Schema, then the checks the schema cannot say.

Every problem is located (``file:line:col``) and all of them are reported at once.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from evalkit.benchmarks.pack import (
    FORMAT_VERSION,
    POPULATION_KEYS,
    QUANTILES,
    MetricQuantiles,
    Pack,
    Population,
)
from evalkit.errors import Problem, SpecError
from evalkit.location import LocatedDocument
from evalkit.spec.schema import LOCALIZED, NUMBER
from evalkit.spec.schema_check import schema_problems
from evalkit.yamldoc import load_yaml_file

METRIC_SCHEMA = {
    "type": "object",
    "properties": {
        "unit": {"type": "string"},
        "n": {"type": "integer", "minimum": 1},
        "quantiles": {
            "type": "object",
            "properties": {key: NUMBER for key in QUANTILES},
            "additionalProperties": False,
            "minProperties": 2,
        },
    },
    "required": ["unit", "n", "quantiles"],
    "additionalProperties": False,
}
PACK_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "properties": {
        "benchmark_pack": {"const": FORMAT_VERSION},
        "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9._-]*$"},
        "title": LOCALIZED,
        "source": {"type": "string", "minLength": 1},
        "synthetic": {"type": "boolean"},
        "periods": {"type": "array", "items": {"type": "string"}},
        "populations": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "population": {
                        "type": "object",
                        "properties": {
                            key: {"type": ["string", "integer"]} for key in POPULATION_KEYS
                        },
                        "additionalProperties": False,
                    },
                    "clients": {"type": "integer", "minimum": 1},
                    "metrics": {"type": "object", "additionalProperties": METRIC_SCHEMA},
                },
                "required": ["population", "metrics"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["benchmark_pack", "id", "source", "populations"],
    "additionalProperties": False,
}


def load_pack(path: Path, shown_as: str | None = None) -> Pack:
    """The pack at ``path``; a ``SpecError`` lists every problem in it, located."""
    doc = load_yaml_file(path, shown_as)
    problems = schema_problems(doc, PACK_SCHEMA)
    if not problems:
        problems = _order_problems(doc)
    if problems:
        raise SpecError.from_problems(problems)
    data = doc.data
    title = data.get("title") or data["id"]
    return Pack(
        id=str(data["id"]),
        title=dict(title) if isinstance(title, Mapping) else {"en": str(title)},
        source=str(data["source"]),
        synthetic=bool(data.get("synthetic", False)),
        periods=tuple(str(p) for p in data.get("periods") or ()),
        populations=tuple(_population(p) for p in data["populations"]),
    )


def _order_problems(doc: LocatedDocument) -> list[Problem]:
    """Quantiles that decrease (p25 above p50) cannot come from one distribution."""
    problems = []
    for i, population in enumerate(doc.data["populations"]):
        for metric, body in population["metrics"].items():
            given = sorted(body["quantiles"].items(), key=lambda kv: QUANTILES[kv[0]])
            for (low, a), (high, b) in itertools.pairwise(given):
                if b < a:
                    at = ("populations", i, "metrics", metric, "quantiles", high)
                    problems.append(
                        Problem(
                            f"{metric}: {high} ({b}) is below {low} ({a}); quantiles must not "
                            "decrease from p10 to p90",
                            doc.where(at),
                        )
                    )
    return problems


def _population(raw: Mapping[str, Any]) -> Population:
    metrics = {
        str(metric): MetricQuantiles(
            unit=str(body["unit"]),
            n=int(body["n"]),
            quantiles={
                key: float(body["quantiles"][key]) for key in QUANTILES if key in body["quantiles"]
            },
        )
        for metric, body in raw["metrics"].items()
    }
    clients = raw.get("clients")
    return Population(
        keys={str(k): str(v) for k, v in raw["population"].items()},
        clients=int(clients) if clients is not None else None,
        metrics=metrics,
    )
