"""A small in-memory ``EvaluationView`` and the ids the rules tests use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FakeView:
    """Values by (metric, window), scores, statuses, goals, segments and criteria, as given."""

    values: dict[tuple[str, str], float | None] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)
    status_of: dict[str, str] = field(default_factory=dict)
    goals: dict[str, float | None] = field(default_factory=dict)
    red_flags: dict[str, float | None] = field(default_factory=dict)
    segments: dict[tuple[str, str], float | None] = field(default_factory=dict)
    criteria: dict[str, float | None] = field(default_factory=dict)
    percentiles: dict[str, float | None] = field(default_factory=dict)
    overall: float = 72.0
    current_grade: str = "B"

    def metric_value(self, metric: str, window: str = "current") -> float | None:
        return self.values.get((metric, window))

    def metric_score(self, metric: str) -> float | None:
        return self.scores.get(metric)

    def metric_status(self, metric: str) -> str:
        return self.status_of.get(metric, "no_data")

    def metric_target(self, metric: str, field: str = "goal") -> float | None:
        return (self.goals if field == "goal" else self.red_flags).get(metric)

    def metric_percentile(self, metric: str) -> float | None:
        return self.percentiles.get(metric)

    def segment_value(self, metric: str, segment_value: str) -> float | None:
        return self.segments.get((metric, segment_value))

    def criterion_score(self, criterion: str) -> float | None:
        return self.criteria.get(criterion)

    def overall_score(self) -> float:
        return self.overall

    def grade(self) -> str:
        return self.current_grade

    def statuses(self) -> Mapping[str, str]:
        return self.status_of


def standard_view(**changes: Any) -> FakeView:
    """The evaluation most tests use: csat 0.68 (red), fcr up from 0.50 to 0.60, no aht data."""
    view = FakeView(
        values={
            ("csat", "current"): 0.68,
            ("csat", "previous"): 0.74,
            ("csat", "baseline"): 0.70,
            ("fcr", "current"): 0.60,
            ("fcr", "previous"): 0.55,
            ("fcr", "baseline"): 0.50,
            ("complaint_rate", "current"): 0.05,
            ("complaint_rate", "previous"): 0.04,
            ("zero_base", "current"): 3.0,
            ("zero_base", "baseline"): 0.0,
            ("aht", "current"): None,
        },
        scores={"csat": 20.0, "fcr": 85.0, "complaint_rate": 55.0, "aht": None},
        status_of={"csat": "red", "fcr": "green", "complaint_rate": "amber", "aht": "no_data"},
        goals={"csat": 0.9, "fcr": 0.7},
        red_flags={"csat": 0.75},
        segments={("csat", "B2B"): 0.8, ("csat", "B2C"): 0.6},
        criteria={"service_quality": 64.5, "cost_control": None},
    )
    for name, value in changes.items():
        setattr(view, name, value)
    return view


METRICS = ("csat", "fcr", "complaint_rate", "aht", "zero_base", "sla_response_compliance")
CRITERIA = ("service_quality", "cost_control")
