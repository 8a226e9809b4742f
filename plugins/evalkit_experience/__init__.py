"""Built-in customer-experience metrics (客户体验): effort, survey response, expectation gap."""

from __future__ import annotations

from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl
from evalkit_experience.surveys import CES, EXPECTATION_GAP, SURVEY_RESPONSE_RATE

METRICS = (CES, SURVEY_RESPONSE_RATE, EXPECTATION_GAP)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The survey-based experience metrics of the catalog."""
    return list(METRICS)
