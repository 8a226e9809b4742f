"""Ticket-flow metrics: cycle time, backlog, workload growth, self-service, coverage."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import ibis.expr.types as ir

from evalkit.compute.protocol import (
    Aggregate,
    Frame,
    Measure,
    Params,
    Values,
    count,
    count_distinct,
    ratio,
)
from evalkit.compute.templates import (
    STATISTIC_SCHEMA,
    duration,
    period_by_schema,
    proportion_sample,
    rate,
)
from evalkit.compute.windowed import growth, preceding, within
from evalkit.metric import MetricDefinition

SELF_SERVICE_CHANNELS = ("self_service",)


def _schema(**properties: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": dict(properties), "additionalProperties": False}


TICKET_CYCLE_TIME = MetricDefinition(
    id="ticket_cycle_time",
    title={"en": "Ticket cycle time", "zh": "工单处理周期"},
    description=(
        "Time from ticket creation to closing, over closed tickets. A closing recorded "
        "before the creation is left out and counted in the ledger as negative_duration."
    ),
    formula="statistic(closed_at − created_at) over closed tickets",
    unit="minutes",
    direction="lower",
    columns={"tickets": ("created_at", "closed_at")},
    computation=duration("tickets", "created_at", "closed_at"),
    params_schema=_schema(
        statistic=STATISTIC_SCHEMA, period_by=period_by_schema("created_at", "closed_at")
    ),
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "已关闭工单从创建到关闭的时间。关闭时间早于创建时间的记录不计入，并以 negative_dura"
                "tion 记入台账。"
            ),
            "formula": "已关闭工单的 statistic(closed_at − created_at)",
        }
    },
)


def _backlog_measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    days = int(frame.params.get("stale_days", 7))
    usable = t.resolved_at.isnull() | (t.resolved_at >= t.created_at)
    open_at_end = t.resolved_at.isnull() | (t.resolved_at >= frame.end)
    old_enough = t.created_at <= frame.end - ibis.interval(days=days)
    return {
        "numerator": count(usable & open_at_end & old_enough),
        "denominator": count(usable),
    }


def _rate_value(measured: Values, params: Params) -> float | None:
    return ratio(measured.get("numerator"), measured.get("denominator"))


def _negative_resolution(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    t = frame.table
    return {"negative_duration": t.resolved_at < t.created_at}


BACKLOG_RATE = MetricDefinition(
    id="backlog_rate",
    title={"en": "Backlog (stagnation) rate", "zh": "客户问题滞留率"},
    description=(
        "Share of the tickets created in the period that, at the period end, are still "
        "unresolved and at least stale_days old (a ticket resolved after the period end counts "
        "as unresolved at the end, so a past period's value does not change as tickets are "
        "resolved later). Tickets resolved before their creation are left out of both "
        "counts and counted in the ledger as negative_duration."
    ),
    formula=(
        "tickets created in the period with (resolved_at empty or ≥ period end) and "
        "created_at ≤ period end − stale_days ÷ tickets created in the period"
    ),
    unit="fraction",
    direction="lower",
    columns={"tickets": ("created_at", "resolved_at")},
    computation=Aggregate(
        "tickets",
        _backlog_measures,
        _rate_value,
        excluded=_negative_resolution,
        sample=proportion_sample("numerator", "denominator"),
    ),
    params_schema=_schema(
        stale_days={"type": "integer", "minimum": 0, "default": 7, "description": "days"}
    ),
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "本期创建的工单中，到期末仍未解决且已存在至少 stale_days 天的占比（期末之后才解决的"
                "工单在期末视为未解决，因此过去期间的数值不会因后来的解决而改变）。解决时间早于创建"
                "时间的工单不计入分子和分母，并以 negative_duration 记入台账。"
            ),
            "formula": (
                "本期创建、(resolved_at 为空或 ≥ 期末) 且 created_at ≤ 期末 − stale_days 的工单 ÷ "
                "本期创建的工单"
            ),
        }
    },
)


def _growth_measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    column = t[frame.period_by]
    before = preceding(frame.window)
    return {
        "current": count(within(column, frame.window.start, frame.window.end)),
        "previous": count(within(column, before.start, before.end)),
    }


def _growth_value(measured: Values, params: Params) -> float | None:
    return growth(measured.get("current"), measured.get("previous"))


WORKLOAD_GROWTH = MetricDefinition(
    id="workload_growth",
    title={"en": "Workload growth", "zh": "工作量增长率"},
    description=(
        "Tickets created in the period against the period of the same length just before it; "
        "no value when the previous period has no tickets. Reported, not scored."
    ),
    formula="tickets this period ÷ tickets previous period − 1",
    unit="fraction",
    direction="none",
    columns={"tickets": ("created_at",)},
    computation=Aggregate("tickets", _growth_measures, _growth_value, windowed=False),
    params_schema=_schema(),
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "本期创建的工单相对紧邻的前一等长期间的增长；前一期间无工单时无数值。仅作展示，不计"
                "分。"
            ),
            "formula": "本期工单 ÷ 上期工单 − 1",
        }
    },
)


def _channels(params: Params) -> list[str]:
    return list(params.get("channels") or SELF_SERVICE_CHANNELS)


SELF_SERVICE_RATE = MetricDefinition(
    id="self_service_rate",
    title={"en": "Self-service resolution rate", "zh": "自助服务解决率"},
    description=(
        "Share of resolved tickets that were resolved in a self-service channel "
        "(param channels, default ['self_service']). Tickets resolved before their creation "
        "are left out of both counts and counted in the ledger as negative_duration."
    ),
    formula="resolved tickets with channel in channels ÷ resolved tickets",
    unit="fraction",
    direction="higher",
    columns={"tickets": ("created_at", "resolved_at", "channel")},
    computation=rate(
        "tickets",
        lambda t, p: t.channel.isin(_channels(p)),
        lambda t, p: t.resolved_at.notnull() & (t.resolved_at >= t.created_at),
        excluded=_negative_resolution,
    ),
    params_schema=_schema(
        channels={
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
            "default": list(SELF_SERVICE_CHANNELS),
            "description": "canonical channel values that count as self-service",
        },
        period_by=period_by_schema("created_at", "resolved_at"),
    ),
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "已解决工单中通过自助渠道解决的占比（参数 channels，默认 ['self_service']）。解决时"
                "间早于创建时间的工单不计入分子和分母，并以 negative_duration 记入台账。"
            ),
            "formula": "channel 属于 channels 的已解决工单 ÷ 已解决工单",
        }
    },
)


def _coverage_measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    scope = frame.params.get("regions")
    served = t.resolved_at.notnull() & frame.in_window()
    if scope:
        return {"served": count_distinct(t.region, where=served & t.region.isin(list(scope)))}
    return {"served": count_distinct(t.region, where=served), "scope": count_distinct(t.region)}


def _coverage_value(measured: Values, params: Params) -> float | None:
    scope = params.get("regions")
    return ratio(measured.get("served"), len(scope) if scope else measured.get("scope"))


SERVICE_COVERAGE = MetricDefinition(
    id="service_coverage",
    title={"en": "Service coverage", "zh": "服务覆盖率"},
    description=(
        "Share of the regions in scope with at least one resolved ticket created in the period. "
        "The scope is the param regions, or else every region that appears in the tickets."
    ),
    formula="distinct regions with a resolved ticket in the period ÷ regions in scope",
    unit="fraction",
    direction="higher",
    columns={"tickets": ("created_at", "resolved_at", "region")},
    computation=Aggregate("tickets", _coverage_measures, _coverage_value, windowed=False),
    params_schema=_schema(
        regions={
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
            "description": "the regions in scope (default: every region in the tickets)",
        }
    ),
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "范围内区域中本期至少有一张已解决工单的占比。范围为参数 regions，否则为工单中出现过"
                "的全部区域。"
            ),
            "formula": "本期有已解决工单的不同区域 ÷ 范围内区域",
        }
    },
)
