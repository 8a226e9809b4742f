"""Built-in service-efficiency metrics (服务效率): cycle time, backlog, workload, field service."""

from __future__ import annotations

from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl
from evalkit_efficiency.agents import AGENT_UTILIZATION, TICKETS_PER_AGENT
from evalkit_efficiency.field import FIRST_TIME_FIX_RATE, ONSITE_ARRIVAL_TIME
from evalkit_efficiency.tickets import (
    BACKLOG_RATE,
    SELF_SERVICE_RATE,
    SERVICE_COVERAGE,
    TICKET_CYCLE_TIME,
    WORKLOAD_GROWTH,
)

METRICS = (
    TICKET_CYCLE_TIME,
    BACKLOG_RATE,
    TICKETS_PER_AGENT,
    AGENT_UTILIZATION,
    WORKLOAD_GROWTH,
    SELF_SERVICE_RATE,
    SERVICE_COVERAGE,
    ONSITE_ARRIVAL_TIME,
    FIRST_TIME_FIX_RATE,
)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The service-efficiency metrics of the catalog."""
    return list(METRICS)
