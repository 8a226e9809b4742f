"""Technology metrics: remote-monitoring coverage, proactive service, knowledge-base deflection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis.expr.types as ir

from evalkit.compute.protocol import Frame, General, GeneralContext, GeneralResult, Values, ratio
from evalkit.compute.templates import proportion_sample, rate
from evalkit.compute.windowed import windowed
from evalkit.data.periods import Period
from evalkit.metric import MetricDefinition

PROACTIVE_ORIGINS = ("monitoring", "proactive")
_NO_PARAMS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def _coverage(context: GeneralContext) -> GeneralResult:
    t = context.tables["installed_units"]

    def measures(table: ir.Table, window: Period) -> Mapping[str, ir.Scalar]:
        known = table.monitored.notnull()
        return {
            "units": table.count(where=known),
            "monitored": table.count(where=known & table.monitored),
        }

    def finish(measured: Values, window: Period) -> float | None:
        return ratio(measured.get("monitored"), measured.get("units"))

    ledger = {"missing_required": t.count(where=t.monitored.isnull())}
    sample = proportion_sample("monitored", "units")
    return windowed(context, t, measures, finish, ledger, sample=sample)


IOT_MONITORING_COVERAGE = MetricDefinition(
    id="iot_monitoring_coverage",
    title={"en": "Remote monitoring coverage", "zh": "物联网远程监控覆盖率"},
    description=(
        "Share of the installed units under remote monitoring. The installed base is a "
        "snapshot, so every period gets the same value; units whose monitored flag is empty "
        "are left out and counted in the ledger as missing_required."
    ),
    formula="installed units with monitored = true ÷ installed units with the flag",
    unit="fraction",
    direction="higher",
    columns={"installed_units": ("unit_id", "monitored")},
    computation=General(("installed_units",), _coverage),
    params_schema=_NO_PARAMS,
    category="technology",
    translations={
        "zh": {
            "description": (
                "在用设备中接入远程监控的占比。在用设备为快照，故各期数值相同；monitored 标志为空的"
                "设备不计入，并以 missing_required 记入台账。"
            ),
            "formula": "monitored = true 的在用设备 ÷ 有该标志的在用设备",
        }
    },
)

PROACTIVE_SERVICE_SHARE = MetricDefinition(
    id="proactive_service_share",
    title={"en": "Proactive service share", "zh": "主动服务占比"},
    description=(
        "Share of the tickets of the period opened by monitoring or prediction (origin "
        "monitoring or proactive); tickets with an empty origin count as customer-opened."
    ),
    formula="tickets with origin in (monitoring, proactive) ÷ tickets",
    unit="fraction",
    direction="higher",
    columns={"tickets": ("created_at", "origin")},
    computation=rate("tickets", lambda t, p: t.origin.isin(list(PROACTIVE_ORIGINS))),
    params_schema=_NO_PARAMS,
    category="technology",
    translations={
        "zh": {
            "description": (
                "本期由监控或预测发起的工单（origin 为 monitoring 或 proactive）占比；origin 为空的"
                "工单视为客户发起。"
            ),
            "formula": "origin 属于 (monitoring, proactive) 的工单 ÷ 工单",
        }
    },
)


def _session_unknown(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    return {"missing_required": frame.table.ticket_created.isnull()}


KNOWLEDGE_DEFLECTION_RATE = MetricDefinition(
    id="knowledge_deflection_rate",
    title={"en": "Knowledge base deflection", "zh": "知识库自助解决率"},
    description=(
        "Share of the self-service sessions of the period that ended without a ticket. Sessions "
        "whose ticket_created flag is empty are left out and counted as missing_required."
    ),
    formula="sessions with ticket_created = false ÷ sessions with the flag",
    unit="fraction",
    direction="higher",
    columns={"self_service_sessions": ("session_id", "started_at", "ticket_created")},
    computation=rate(
        "self_service_sessions",
        lambda t, p: ~t.ticket_created,
        lambda t, p: t.ticket_created.notnull(),
        excluded=_session_unknown,
    ),
    params_schema=_NO_PARAMS,
    category="technology",
    translations={
        "zh": {
            "description": (
                "本期自助服务会话中未产生工单的占比。ticket_created 标志为空的会话不计入，计为 miss"
                "ing_required。"
            ),
            "formula": "ticket_created = false 的会话 ÷ 有该标志的会话",
        }
    },
)
