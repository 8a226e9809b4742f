"""Metric instances: plugin metric, parameters (checked against its schema), unit and target."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from evalkit.benchmarks.match import Benchmark
from evalkit.data.periods import parse_period
from evalkit.errors import Problem
from evalkit.location import LocatedDocument, Path
from evalkit.metric import MetricDefinition
from evalkit.registry import MetricRegistry
from evalkit.spec.criteria import localized
from evalkit.spec.model import MetricInstance, Target
from evalkit.spec.schema_check import schema_problems

if TYPE_CHECKING:
    from evalkit.spec.benchmarks import Peers

DURATION_UNITS = {"minutes": 1.0, "hours": 60.0, "days": 1440.0}


def build_instances(
    doc: LocatedDocument,
    registry: MetricRegistry,
    owner: Mapping[str, str],
    peers: Peers | None = None,
) -> tuple[dict[str, MetricInstance], list[Problem]]:
    """The spec's ``metrics:`` as instances, with every problem found in them; with ``peers``
    each instance gets its benchmark and targets such as ``goal: p75`` are resolved."""
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
        found = peers.benchmark(str(instance_id), unit) if peers else None
        if isinstance(found, str):
            problems.append(Problem(found, doc.where_key(path)))
        benchmark = found if isinstance(found, Benchmark) else None
        target = _target(doc, path, body, definition, problems, benchmark)
        entered = _entered(doc, path, body, problems)
        instances[str(instance_id)] = MetricInstance(
            id=str(instance_id),
            definition=definition,
            params=params if isinstance(params, Mapping) else {},
            unit=unit,
            target=target,
            title=localized(body.get("title") or definition.title, metric_id),
            criterion=owner.get(str(instance_id), ""),
            scoring=str(body.get("scoring", "")),
            entered=entered,
            source=str(body.get("source", "")),
            benchmark=benchmark,
        )
    return instances, problems


def _entered(
    doc: LocatedDocument, path: Path, body: Mapping[str, Any], problems: list[Problem]
) -> dict[str, float] | None:
    """A manual KPI's ``values:`` by window key; each key must be a period or ``baseline``."""
    raw = body.get("values")
    if not isinstance(raw, Mapping):
        return None
    if not str(body.get("source", "")).strip():
        problems.append(
            Problem(
                "entered values need source: who provided them (e.g. 'board minutes 2026-10')",
                doc.where_key((*path, "values")),
            )
        )
    values: dict[str, float] = {}
    for key, value in raw.items():
        name = str(key)
        if name != "baseline" and not _is_period(name):
            problems.append(
                Problem(
                    f"'{name}' is not a period; use e.g. 2026Q3, 2026-08 or baseline",
                    doc.where_key((*path, "values", key)),
                )
            )
        elif isinstance(value, int | float):
            values[name] = float(value)
    return values


def _is_period(text: str) -> bool:
    try:
        return parse_period(text).key == text
    except ValueError:
        return False


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
    benchmark: Benchmark | None,
) -> Target | None:
    raw = body.get("target")
    if not isinstance(raw, Mapping):
        return None
    if raw.get("bands"):
        bands = tuple(b for b in raw["bands"] if isinstance(b, Mapping))
        return Target(bands=bands)
    main = _goal_and_red_flag(doc, (*path, "target"), raw, definition, problems, benchmark)
    if main is None:
        return None
    parts: dict[str, dict[str, Target]] = {"by_segment": {}, "by_period": {}}
    for key, found in parts.items():
        for name, sub in (raw.get(key) or {}).items():
            here = (*path, "target", key, name)
            if key == "by_period" and str(name) != "baseline" and not _is_period(str(name)):
                problems.append(
                    Problem(
                        f"'{name}' is not a period; use e.g. 2026Q3, 2026-08 or baseline",
                        doc.where_key(here),
                    )
                )
            elif isinstance(sub, Mapping):
                target = _goal_and_red_flag(doc, here, sub, definition, problems)
                if target is not None:
                    found[str(name)] = target
    return Target(
        main.goal,
        main.red_flag,
        (),
        main.tolerance,
        by_segment=parts["by_segment"],
        by_period=parts["by_period"],
        relative=main.relative,
    )


def _goal_and_red_flag(
    doc: LocatedDocument,
    at: Path,
    raw: Mapping[str, Any],
    definition: MetricDefinition,
    problems: list[Problem],
    benchmark: Benchmark | None = None,
) -> Target | None:
    """``{goal, red_flag}`` at ``at``, checked against the metric's direction; a quantile
    (``p75``) is the benchmark's value of it."""
    path = at[:2]
    relative = {k: str(raw[k]) for k in ("goal", "red_flag") if isinstance(raw.get(k), str)}
    for key, quantile in relative.items():
        if benchmark is None or quantile not in benchmark.quantiles:
            problems.append(
                Problem(
                    f"{key}: {quantile} is a benchmark quantile, but no benchmark pack in "
                    f"benchmarks: gives {quantile} of '{path[-1]}' for this client's population; "
                    "name a pack that does, or give a number",
                    doc.where((*at, key)),
                )
            )
            return None
    resolved = {k: benchmark.quantiles[q] for k, q in relative.items()} if benchmark else {}
    goal, red = resolved.get("goal", raw.get("goal")), resolved.get("red_flag", raw.get("red_flag"))
    if not isinstance(goal, int | float) or not isinstance(red, int | float):
        problems.append(
            Problem(
                "target needs both goal and red_flag (numbers), or bands: [...]",
                doc.where(at),
            )
        )
        return None
    if not (math.isfinite(goal) and math.isfinite(red)):  # .nan passes the schema's bounds
        problems.append(Problem("goal and red_flag must be finite numbers", doc.where(at)))
        return None
    problem = _direction_problem(str(path[-1]), definition.direction, goal, red)
    if problem:
        problems.append(Problem(problem, doc.where((*at, "goal"))))
    tolerance = raw.get("tolerance", 0.0)
    problem = _tolerance_problem(definition.direction, goal, red, tolerance)
    if problem:
        problems.append(Problem(problem, doc.where((*at, "tolerance"))))
        tolerance = 0.0
    return Target(
        goal=float(goal), red_flag=float(red), tolerance=float(tolerance), relative=relative
    )


def _direction_problem(name: str, direction: str, goal: float, red: float) -> str | None:
    """Why ``goal`` and ``red`` contradict the metric's ``direction``, if they do."""
    if direction == "target":
        if goal != red:
            return None
        return (
            f"target of '{name}': the red flag ({red}) equals the goal; set red_flag to a value "
            "on either side of the goal where the score reaches 0"
        )
    better = goal > red if direction == "higher" else goal < red
    if direction not in ("higher", "lower") or better:
        return None
    relation = "above" if direction == "higher" else "below"
    if goal == red:
        return (
            f"target of '{name}': the goal ({goal}) equals the red flag; {direction} is better, "
            f"so set the goal {relation} the red flag"
        )
    return (
        f"target of '{name}' contradicts the metric's direction: {direction} is better, "
        f"so the goal ({goal}) must be {relation} the red flag ({red}); swap them"
    )


def _tolerance_problem(direction: str, goal: float, red: float, tolerance: Any) -> str | None:
    """Why ``tolerance`` does not fit the target, if it does not."""
    if not tolerance:
        return None
    if direction != "target":
        return (
            f"tolerance is for two-sided targets (direction target); this metric's direction "
            f"is {direction}: remove it and move the goal instead"
        )
    if not isinstance(tolerance, int | float) or tolerance >= abs(red - goal):
        return (
            f"tolerance ({tolerance}) must be a number below the red flag's distance from "
            f"the goal ({abs(red - goal):g}); lower it or move the red flag"
        )
    return None
