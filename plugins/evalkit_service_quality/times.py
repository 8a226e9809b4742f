"""Time-to-event metrics on tickets: first response time and resolution time."""

from __future__ import annotations

from evalkit.compute.templates import STATISTIC_SCHEMA, duration, period_by_schema
from evalkit.metric import MetricDefinition


def _params(event: str) -> dict[str, object]:
    return {
        "type": "object",
        "properties": {
            "statistic": STATISTIC_SCHEMA,
            "period_by": period_by_schema("created_at", event),
        },
        "additionalProperties": False,
    }


FIRST_RESPONSE_TIME = MetricDefinition(
    id="first_response_time",
    title={"en": "First response time", "zh": "首次响应时间"},
    description=(
        "Time from ticket creation to the first response, over tickets with a response. A "
        "response recorded before the creation is left out and counted in the ledger as "
        "negative_duration."
    ),
    formula="statistic(first_response_at − created_at) over tickets with a first response",
    unit="minutes",
    direction="lower",
    columns={"tickets": ("created_at", "first_response_at")},
    computation=duration("tickets", "created_at", "first_response_at"),
    params_schema=_params("first_response_at"),
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "有响应的工单从创建到首次响应的时间。响应时间早于创建时间的记录不计入，并以 negativ"
                "e_duration 记入台账。"
            ),
            "formula": "有首次响应的工单的 statistic(first_response_at − created_at)",
        }
    },
)

RESOLUTION_TIME = MetricDefinition(
    id="resolution_time",
    title={"en": "Resolution time", "zh": "平均解决时间"},
    description=(
        "Time from ticket creation to resolution, over resolved tickets. A resolution "
        "recorded before the creation is left out and counted in the ledger as negative_duration."
    ),
    formula="statistic(resolved_at − created_at) over resolved tickets",
    unit="minutes",
    direction="lower",
    columns={"tickets": ("created_at", "resolved_at")},
    computation=duration("tickets", "created_at", "resolved_at"),
    params_schema=_params("resolved_at"),
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "已解决工单从创建到解决的时间。解决时间早于创建时间的记录不计入，并以 negative_dura"
                "tion 记入台账。"
            ),
            "formula": "已解决工单的 statistic(resolved_at − created_at)",
        }
    },
)
