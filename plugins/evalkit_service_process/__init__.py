"""Built-in service-process metrics (服务过程): repeat problems, follow-ups, service errors."""

from __future__ import annotations

from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl
from evalkit_service_process.process import FOLLOW_UP_RATE, REPEAT_ISSUE_RATE, SERVICE_ERROR_RATE

METRICS = (REPEAT_ISSUE_RATE, FOLLOW_UP_RATE, SERVICE_ERROR_RATE)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The service-process metrics of the catalog."""
    return list(METRICS)
