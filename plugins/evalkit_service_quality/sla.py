"""SLA attainment on tickets: response and resolution within the ticket's own SLA target."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ibis
import ibis.expr.types as ir

from evalkit.compute.protocol import (
    Aggregate,
    Frame,
    Measure,
    Params,
    Values,
    count,
    minutes_between,
    ratio,
)
from evalkit.compute.templates import proportion_sample
from evalkit.metric import MetricDefinition


def _sla_minutes(t: ir.Table, column: str, params: Params) -> ir.NumericValue:
    """The ticket's SLA in minutes: from ``params.sla_minutes`` by priority when given (a
    priority not listed has no SLA), else from the ticket's own column."""
    by_priority = params.get("sla_minutes")
    if not by_priority:
        result: ir.NumericValue = t[column]
        return result
    value: ir.NumericValue = ibis.null().cast("float64")
    for priority, minutes in by_priority.items():
        value = ibis.ifelse(t.priority == str(priority), float(minutes), value)
    return value


def _columns(event: str, column: str) -> Callable[[Params], Mapping[str, tuple[str, ...]]]:
    def columns(params: Params) -> Mapping[str, tuple[str, ...]]:
        third = "priority" if params.get("sla_minutes") else column
        return {"tickets": ("created_at", event, third)}

    return columns


def _attainment(event: str, target: str) -> Aggregate:
    """Tickets with a target whose event came within it ÷ tickets with a target.

    A ticket without the event counts as missed; a negative duration is left out of both
    numerator and denominator and counted in the ledger.
    """

    def minutes(t: ir.Table) -> ir.FloatingValue:
        return minutes_between(t.created_at, t[event])

    def measures(frame: Frame) -> Mapping[str, Measure]:
        t = frame.table
        d = minutes(t)
        sla = _sla_minutes(t, target, frame.params)
        with_target = sla.notnull() & (d.isnull() | (d >= 0))
        return {
            "targets": count(with_target),
            "met": count(with_target & d.notnull() & (d <= sla)),
        }

    def value(measured: Values, params: Params) -> float | None:
        return ratio(measured.get("met"), measured.get("targets"))

    def excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
        t = frame.table
        sla = _sla_minutes(t, target, frame.params)
        return {"negative_duration": sla.notnull() & (minutes(t) < 0)}

    return Aggregate(
        "tickets", measures, value, excluded=excluded, sample=proportion_sample("met", "targets")
    )


SLA_PARAMS = {
    "type": "object",
    "properties": {
        "sla_minutes": {
            "type": "object",
            "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
            "minProperties": 1,
            "description": "SLA minutes by ticket priority, e.g. {P1: 60, P2: 240}, instead of "
            "the tickets' own SLA column (a priority not listed has no SLA)",
        }
    },
    "additionalProperties": False,
}

SLA_RESPONSE_COMPLIANCE = MetricDefinition(
    id="sla_response_compliance",
    title={"en": "Response SLA attainment", "zh": "响应时效达成率"},
    description=(
        "Share of tickets with a response SLA whose first response came within it (inclusive: "
        "≤); a ticket without a response, or whose response time does not parse, has missed "
        "it. A response recorded before the creation is left out of both counts and counted "
        "in the ledger as negative_duration."
    ),
    formula="tickets with first_response_at − created_at ≤ sla_response_minutes ÷ tickets with "
    "sla_response_minutes (no response counts as missed)",
    unit="fraction",
    direction="higher",
    columns={"tickets": ("created_at", "first_response_at", "sla_response_minutes")},
    computation=_attainment("first_response_at", "sla_response_minutes"),
    columns_with=_columns("first_response_at", "sla_response_minutes"),
    params_schema=SLA_PARAMS,
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "有响应时效的工单中首次响应在时效内的占比（含等于：≤）；无响应或响应时间无法解析的"
                "工单视为超时。响应时间早于创建时间的记录不计入分子和分母，并以 negative_duration "
                "记入台账。"
            ),
            "formula": (
                "first_response_at − created_at ≤ sla_response_minutes 的工单 ÷ 有 sla_response_min"
                "utes 的工单（无响应视为超时）"
            ),
        }
    },
)

SLA_RESOLUTION_COMPLIANCE = MetricDefinition(
    id="sla_resolution_compliance",
    title={"en": "Resolution SLA attainment", "zh": "解决时效达成率"},
    description=(
        "Share of tickets with a resolution SLA resolved within it (inclusive: ≤); an "
        "unresolved ticket, or one whose resolution time does not parse, has missed it. A "
        "resolution recorded before the creation is left out of both counts and counted in "
        "the ledger as negative_duration."
    ),
    formula="tickets with resolved_at − created_at ≤ sla_resolution_minutes ÷ tickets with "
    "sla_resolution_minutes (unresolved counts as missed)",
    unit="fraction",
    direction="higher",
    columns={"tickets": ("created_at", "resolved_at", "sla_resolution_minutes")},
    computation=_attainment("resolved_at", "sla_resolution_minutes"),
    columns_with=_columns("resolved_at", "sla_resolution_minutes"),
    params_schema=SLA_PARAMS,
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "有解决时效的工单中在时效内解决的占比（含等于：≤）；未解决或解决时间无法解析的工单"
                "视为超时。解决时间早于创建时间的记录不计入分子和分母，并以 negative_duration 记入"
                "台账。"
            ),
            "formula": (
                "resolved_at − created_at ≤ sla_resolution_minutes 的工单 ÷ 有 sla_resolution_minut"
                "es 的工单（未解决视为超时）"
            ),
        }
    },
)
