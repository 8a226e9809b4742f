"""Ticket-process metrics: repeat problems after resolution, follow-up contacts, service errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import ibis.expr.types as ir

from evalkit.compute.protocol import (
    Frame,
    General,
    GeneralContext,
    GeneralResult,
    Params,
    Values,
    ratio,
)
from evalkit.compute.templates import flag_rate, period_by_schema, proportion_sample, rate
from evalkit.compute.windowed import in_any, in_period, windowed
from evalkit.data.periods import Period
from evalkit.metric import MetricDefinition


def _resolved(t: ir.Table, params: Params | None = None) -> ir.BooleanValue:
    """Resolved tickets with a usable resolution time (not resolved before creation)."""
    return t.resolved_at.notnull() & (t.resolved_at >= t.created_at)


def _negative(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    t = frame.table
    return {"negative_duration": t.resolved_at < t.created_at}


def _repeat_issue(context: GeneralContext) -> GeneralResult:
    t = context.tables["tickets"]
    days = int(context.params.get("window_days", 30))
    by = str(context.params.get("period_by", "created_at"))
    known = t.customer_id.notnull() & t.category.notnull()
    base = t.filter(_resolved(t) & known)
    later = t.select(_customer=t.customer_id, _category=t.category, _opened=t.created_at)
    followed = base.semi_join(
        later,
        [
            base.customer_id == later._customer,
            base.category == later._category,
            later._opened > base.resolved_at,
            later._opened <= base.resolved_at + ibis.interval(days=days),
        ],
    ).select("ticket_id")
    marked = t.mutate(
        _base=(_resolved(t) & known).fill_null(False),
        _repeat=t.ticket_id.isin(followed.ticket_id).fill_null(False),
    )

    def measures(table: ir.Table, window: Period) -> Mapping[str, ir.Scalar]:
        here = in_period(table[by], window) & table._base
        return {
            "resolved": table.count(where=here),
            "repeated": table.count(where=here & table._repeat),
        }

    def finish(measured: Values, window: Period) -> float | None:
        return ratio(measured.get("repeated"), measured.get("resolved"))

    m = marked
    scope = in_any(m[by], context.windows.all())
    unknown = m.customer_id.isnull() | m.category.isnull()
    ledger = {
        "negative_duration": m.count(
            where=(scope & (m.resolved_at < m.created_at)).fill_null(False)
        ),
        "missing_required": m.count(where=(scope & _resolved(m) & unknown).fill_null(False)),
    }
    sample = proportion_sample("repeated", "resolved")
    return windowed(context, marked, measures, finish, ledger, sample=sample)


def _params(*extra: tuple[str, Mapping[str, Any]], period_by: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"period_by": period_by_schema(*period_by), **dict(extra)},
        "additionalProperties": False,
    }


REPEAT_ISSUE_RATE = MetricDefinition(
    id="repeat_issue_rate",
    title={"en": "Repeat problem rate", "zh": "重复问题率"},
    description=(
        "Share of resolved tickets after which the same customer opens a ticket of the same "
        "category within window_days of the resolution. Resolved tickets without customer or "
        "category cannot be judged and are counted in the ledger as missing_required; tickets "
        "resolved before their creation are left out and counted as negative_duration."
    ),
    formula=(
        "resolved tickets followed by a ticket (same customer_id and category, created in "
        "(resolved_at, resolved_at + window_days]) ÷ resolved tickets"
    ),
    unit="fraction",
    direction="lower",
    columns={
        "tickets": ("ticket_id", "created_at", "resolved_at", "customer_id", "category"),
    },
    computation=General(("tickets",), _repeat_issue),
    params_schema=_params(
        (
            "window_days",
            {
                "type": "integer",
                "minimum": 1,
                "default": 30,
                "description": "days after resolution",
            },
        ),
        period_by=("created_at", "resolved_at"),
    ),
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "已解决工单中，同一客户在解决后 window_days 天内就同一类别再次提交工单的占比。缺少"
                "客户或类别的已解决工单无法判断，以 missing_required 记入台账；解决时间早于创建时间"
                "的工单不计入，计为 negative_duration。"
            ),
            "formula": (
                "其后出现工单（相同 customer_id 与 category，创建于 (resolved_at, resolved_at + win"
                "dow_days]）的已解决工单 ÷ 已解决工单"
            ),
        }
    },
)

FOLLOW_UP_RATE = MetricDefinition(
    id="follow_up_rate",
    title={"en": "Follow-up rate", "zh": "服务回访率"},
    description=(
        "Share of resolved tickets with a follow-up contact at or after the resolution; a "
        "follow-up recorded before the resolution does not count. Tickets resolved before "
        "their creation are left out of both counts and counted in the ledger as negative_duration."
    ),
    formula="resolved tickets with follow_up_at ≥ resolved_at ÷ resolved tickets",
    unit="fraction",
    direction="higher",
    columns={"tickets": ("created_at", "resolved_at", "follow_up_at")},
    computation=rate(
        "tickets",
        lambda t, p: t.follow_up_at >= t.resolved_at,
        _resolved,
        excluded=_negative,
    ),
    params_schema=_params(period_by=("created_at", "resolved_at")),
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "已解决工单中在解决时或之后有回访联系的占比；解决之前的回访不计。解决时间早于创建时"
                "间的工单不计入分子和分母，并以 negative_duration 记入台账。"
            ),
            "formula": "follow_up_at ≥ resolved_at 的已解决工单 ÷ 已解决工单",
        }
    },
)


SERVICE_ERROR_RATE = MetricDefinition(
    id="service_error_rate",
    title={"en": "Service error rate", "zh": "服务过程错误率"},
    description=(
        "Share of tickets flagged as a service error. Tickets whose flag is empty are left out "
        "of both counts and reported in the ledger as missing_required."
    ),
    formula="tickets with service_error = true ÷ tickets with a service_error flag",
    unit="fraction",
    direction="lower",
    columns={"tickets": ("created_at", "service_error")},
    computation=flag_rate("tickets", "service_error"),
    params_schema=_params(period_by=("created_at",)),
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "被标记为服务差错的工单占比。标志为空的工单不计入分子和分母，并以 missing_required "
                "记入台账。"
            ),
            "formula": "service_error = true 的工单 ÷ 有 service_error 标志的工单",
        }
    },
)
