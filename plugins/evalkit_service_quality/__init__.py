"""Built-in service-quality metrics (服务质量): response and resolution, surveys, complaints."""

from __future__ import annotations

from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl
from evalkit_service_quality.complaints import COMPLAINT_RATE
from evalkit_service_quality.resolution import (
    FIRST_CONTACT_RESOLUTION,
    REOPEN_RATE,
    RESOLUTION_RATE,
)
from evalkit_service_quality.sla import SLA_RESOLUTION_COMPLIANCE, SLA_RESPONSE_COMPLIANCE
from evalkit_service_quality.surveys import CSAT, NPS
from evalkit_service_quality.times import FIRST_RESPONSE_TIME, RESOLUTION_TIME

METRICS = (
    FIRST_RESPONSE_TIME,
    RESOLUTION_TIME,
    RESOLUTION_RATE,
    FIRST_CONTACT_RESOLUTION,
    REOPEN_RATE,
    SLA_RESPONSE_COMPLIANCE,
    SLA_RESOLUTION_COMPLIANCE,
    CSAT,
    NPS,
    COMPLAINT_RATE,
)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The service-quality metrics of the catalog."""
    return list(METRICS)
