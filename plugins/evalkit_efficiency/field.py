"""Field-service metrics on on-site visits: arrival time and first-time fix."""

from __future__ import annotations

from evalkit.compute.templates import STATISTIC_SCHEMA, duration, flag_rate, period_by_schema
from evalkit.metric import MetricDefinition

ONSITE_ARRIVAL_TIME = MetricDefinition(
    id="onsite_arrival_time",
    title={"en": "On-site arrival time", "zh": "上门到达时间"},
    description=(
        "Time from dispatch to arrival on site, over visits with both times. An arrival "
        "recorded before the dispatch is left out and counted in the ledger as negative_duration."
    ),
    formula="statistic(arrived_at − dispatched_at) over field visits",
    unit="minutes",
    direction="lower",
    columns={"field_visits": ("dispatched_at", "arrived_at")},
    computation=duration("field_visits", "dispatched_at", "arrived_at"),
    params_schema={
        "type": "object",
        "properties": {
            "statistic": STATISTIC_SCHEMA,
            "period_by": period_by_schema("dispatched_at", "arrived_at"),
        },
        "additionalProperties": False,
    },
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "同时有两个时间的上门记录从派工到到达现场的时间。到达时间早于派工时间的记录不计入，"
                "并以 negative_duration 记入台账。"
            ),
            "formula": "上门记录的 statistic(arrived_at − dispatched_at)",
        }
    },
)


FIRST_TIME_FIX_RATE = MetricDefinition(
    id="first_time_fix_rate",
    title={"en": "First-time fix rate", "zh": "一次修复率"},
    description=(
        "Share of field visits that fixed the fault on the first visit. Visits whose flag is "
        "empty are left out and counted in the ledger as missing_required."
    ),
    formula="visits with fixed_first_visit = true ÷ visits with the flag",
    unit="fraction",
    direction="higher",
    columns={"field_visits": ("dispatched_at", "fixed_first_visit")},
    computation=flag_rate("field_visits", "fixed_first_visit"),
    params_schema={"type": "object", "properties": {}, "additionalProperties": False},
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "上门服务中首次上门即修复故障的占比。标志为空的上门记录不计入，并以 missing_require"
                "d 记入台账。"
            ),
            "formula": "fixed_first_visit = true 的上门 ÷ 有该标志的上门",
        }
    },
)
