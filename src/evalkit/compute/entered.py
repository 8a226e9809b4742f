"""Manual KPIs: values a spec enters for a metric instance, used as if they were computed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from evalkit.compute.outcome import ComputeOutcome, MetricOutcome
from evalkit.data.periods import Windows
from evalkit.spec.instances import DURATION_UNITS
from evalkit.spec.model import MetricInstance


def with_entered(
    outcome: ComputeOutcome, instances: Iterable[MetricInstance], windows: Windows
) -> ComputeOutcome:
    """``outcome`` plus the entered values of the manual KPIs among ``instances``.

    Entered values are in the instance's unit (like its target); computed values of durations
    are in minutes, so they are converted back. A window with no entered value has no data.
    """
    metrics = dict(outcome.metrics)
    keys = [w.key for w in windows.all()]
    for instance in instances:
        if instance.entered is None:
            continue
        factor = DURATION_UNITS.get(instance.unit, 1.0)
        values = {
            key: instance.entered[key] * factor if key in instance.entered else None for key in keys
        }
        metrics[instance.id] = MetricOutcome(instance.id, values)
    return replace(outcome, metrics=metrics)
