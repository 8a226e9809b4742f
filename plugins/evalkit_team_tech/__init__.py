"""Built-in team, technology and qualitative metrics (团队, 技术和创新, 定性指标)."""

from __future__ import annotations

from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl
from evalkit_team_tech.ratings import EXPERT_RATING
from evalkit_team_tech.technology import (
    IOT_MONITORING_COVERAGE,
    KNOWLEDGE_DEFLECTION_RATE,
    PROACTIVE_SERVICE_SHARE,
)
from evalkit_team_tech.training import TRAINING_EFFECT, TRAINING_PARTICIPATION_RATE

METRICS = (
    TRAINING_PARTICIPATION_RATE,
    TRAINING_EFFECT,
    IOT_MONITORING_COVERAGE,
    PROACTIVE_SERVICE_SHARE,
    KNOWLEDGE_DEFLECTION_RATE,
    EXPERT_RATING,
)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The team, technology and expert-rating metrics of the catalog."""
    return list(METRICS)
