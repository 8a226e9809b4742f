"""Metric instances: plugin metric, parameters (checked against its schema), unit and target."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from evalkit.errors import Problem
from evalkit.location import LocatedDocument, Path
from evalkit.metric import MetricDefinition
from evalkit.registry import MetricRegistry
from evalkit.spec.criteria import localized
from evalkit.spec.model import MetricInstance, Target
from evalkit.spec.schema_check import schema_problems

DURATION_UNITS = {"minutes": 1.0, "hours": 60.0, "days": 1440.0}


def build_instances(
    doc: LocatedDocument, registry: MetricRegistry, owner: Mapping[str, str]
) -> tuple[dict[str, MetricInstance], list[Problem]]:
    """The spec's ``metrics:`` as instances, with every problem found in them."""
    raw = doc.data.get("metrics")
    instances: dict[str, MetricInstance] = {}
    problems: list[Problem] = []
    if not isinstance(raw, Mapping):
        return instances, problems
    for instance_id, body in raw.items():
        path: Path = ("metrics", instance_id)
        body = body if isinstance(body, Mapping) else {}
        metric_id = str(body.get("metric", instance_id))
        definition = registry.metrics.get(metric_id)
        if definition is None:
            at = (*path, "metric") if "metric" in body else path
            problems.append(
                Problem(
                    f"unknown metric '{metric_id}'{registry.suggest(metric_id)}; "
                    "`evalkit metrics` lists them",
                    doc.where(at) if "metric" in body else doc.where_key(path),
                )
            )
            continue
        params = body.get("params") or {}
        if definition.params_schema:
            problems += schema_problems(doc, definition.params_schema, (*path, "params"), params)
        unit = _unit(doc, path, body, definition, problems)
        target = _target(doc, path, body, definition, problems)
        instances[str(instance_id)] = MetricInstance(
            id=str(instance_id),
            definition=definition,
            params=params if isinstance(params, Mapping) else {},
            unit=unit,
            target=target,
            title=localized(body.get("title") or definition.title, metric_id),
            criterion=owner.get(str(instance_id), ""),
            scoring=str(body.get("scoring", "")),
        )
    return instances, problems


def _unit(
    doc: LocatedDocument,
    path: Path,
    body: Mapping[str, Any],
    definition: MetricDefinition,
    problems: list[Problem],
) -> str:
    unit = str(body.get("unit", definition.unit))
    allowed = list(DURATION_UNITS) if definition.unit == "minutes" else [definition.unit]
    if unit not in allowed:
        problems.append(
            Problem(
                f"unit '{unit}' does not fit metric '{definition.id}'; use one of: "
                + ", ".join(allowed),
                doc.where((*path, "unit")),
            )
        )
        return definition.unit
    return unit


def _target(
    doc: LocatedDocument,
    path: Path,
    body: Mapping[str, Any],
    definition: MetricDefinition,
    problems: list[Problem],
) -> Target | None:
    raw = body.get("target")
    if not isinstance(raw, Mapping):
        return None
    if raw.get("bands"):
        bands = tuple(b for b in raw["bands"] if isinstance(b, Mapping))
        return Target(bands=bands)
    goal, red = raw.get("goal"), raw.get("red_flag")
    if not isinstance(goal, int | float) or not isinstance(red, int | float):
        problems.append(
            Problem(
                "target needs both goal and red_flag (numbers), or bands: [...]",
                doc.where((*path, "target")),
            )
        )
        return None
    if not (math.isfinite(goal) and math.isfinite(red)):  # .nan passes the schema's bounds
        problems.append(
            Problem("goal and red_flag must be finite numbers", doc.where((*path, "target")))
        )
        return None
    wrong = (definition.direction == "higher" and goal <= red) or (
        definition.direction == "lower" and goal >= red
    )
    if wrong:
        better = "higher" if definition.direction == "higher" else "lower"
        relation = "above" if definition.direction == "higher" else "below"
        problems.append(
            Problem(
                f"target of '{path[-1]}' contradicts the metric's direction: {better} is better, "
                f"so the goal ({goal}) must be {relation} the red flag ({red}); swap them",
                doc.where((*path, "target", "goal")),
            )
        )
    return Target(goal=float(goal), red_flag=float(red))
