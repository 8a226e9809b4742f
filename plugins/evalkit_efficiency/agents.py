"""Agent metrics: tickets per agent (from tickets) and utilisation (from the agents table).

The agents table has one row per agent and period; its ``period`` column holds the period key
(``2026Q2`` or ``2026-05``), so a row belongs to the window with that key. The pre-go-live
``baseline`` window, which has no key of its own, has no agent rows and therefore no value.
"""

from __future__ import annotations

from collections.abc import Mapping

import ibis.expr.types as ir

from evalkit.compute.protocol import (
    Aggregate,
    Frame,
    General,
    GeneralContext,
    GeneralResult,
    Measure,
    Params,
    Values,
    count,
    count_distinct,
    ratio,
)
from evalkit.compute.templates import period_by_schema
from evalkit.compute.windowed import windowed
from evalkit.data.periods import Period
from evalkit.metric import MetricDefinition


def _handled(t: ir.Table) -> ir.BooleanValue:
    return t.resolved_at.notnull() & (t.resolved_at >= t.created_at)


def _per_agent_measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    done = _handled(t) & t.agent_id.notnull()
    return {"tickets": count(done), "agents": count_distinct(t.agent_id, where=done)}


def _per_agent_value(measured: Values, params: Params) -> float | None:
    return ratio(measured.get("tickets"), measured.get("agents"))


def _per_agent_excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    t = frame.table
    return {
        "negative_duration": t.resolved_at < t.created_at,
        "missing_required": _handled(t) & t.agent_id.isnull(),
    }


TICKETS_PER_AGENT = MetricDefinition(
    id="tickets_per_agent",
    title={"en": "Tickets handled per agent", "zh": "人均处理量"},
    description=(
        "Resolved tickets per agent who resolved tickets. Resolved tickets without an agent "
        "are left out and counted in the ledger as missing_required; tickets resolved before "
        "their creation are left out and counted as negative_duration."
    ),
    formula="resolved tickets with an agent ÷ distinct agent_id among them",
    unit="count",
    direction="higher",
    columns={"tickets": ("created_at", "resolved_at", "agent_id")},
    computation=Aggregate(
        "tickets", _per_agent_measures, _per_agent_value, excluded=_per_agent_excluded
    ),
    params_schema={
        "type": "object",
        "properties": {"period_by": period_by_schema("created_at", "resolved_at")},
        "additionalProperties": False,
    },
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "处理过已解决工单的坐席人均解决工单数。无坐席的已解决工单不计入，并以 missing_requi"
                "red 记入台账；解决时间早于创建时间的工单不计入，计为 negative_duration。"
            ),
            "formula": "有坐席的已解决工单 ÷ 其中不同 agent_id 的数量",
        }
    },
    # Agents serve every customer segment: inside one segment the distinct-agent count is
    # nearly the whole team while the tickets are a share, so the ratio only falls.
    by_segment=False,
)


def _utilization(context: GeneralContext) -> GeneralResult:
    t = context.tables["agents"]
    complete = t.handled_minutes.notnull() & t.available_minutes.notnull()
    keys = [w.key for w in context.windows.all()]

    def measures(table: ir.Table, window: Period) -> Mapping[str, ir.Scalar]:
        here = (table.period == window.key) & complete
        return {
            "handled": table.handled_minutes.sum(where=here),
            "available": table.available_minutes.sum(where=here),
        }

    def finish(measured: Values, window: Period) -> float | None:
        return ratio(measured.get("handled"), measured.get("available"))

    ledger = {"missing_required": t.count(where=t.period.isin(keys) & ~complete)}
    return windowed(context, t, measures, finish, ledger)


AGENT_UTILIZATION = MetricDefinition(
    id="agent_utilization",
    title={"en": "Resource utilization", "zh": "资源利用率"},
    description=(
        "Handled minutes over available minutes of the agents in the period (agents.period "
        "equals the period key). Rows missing either figure are left out and counted in the "
        "ledger as missing_required. Best at a target level: too low is idle capacity, too "
        "high is overload."
    ),
    formula="Σ handled_minutes ÷ Σ available_minutes over agent rows of the period",
    unit="fraction",
    direction="target",
    columns={"agents": ("agent_id", "period", "available_minutes", "handled_minutes")},
    computation=General(("agents",), _utilization),
    params_schema={"type": "object", "properties": {}, "additionalProperties": False},
    category="service_efficiency",
    translations={
        "zh": {
            "description": (
                "本期坐席已处理分钟数与可用分钟数之比（agents.period 等于期间键）。任一数值缺失的行"
                "不计入，并以 missing_required 记入数据质量台账。以目标水平为最佳：过低是产能闲置，"
                "过高是超负荷。"
            ),
            "formula": "本期坐席行的 Σ handled_minutes ÷ Σ available_minutes",
        }
    },
)
