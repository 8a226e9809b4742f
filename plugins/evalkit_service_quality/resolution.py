"""Resolution metrics on tickets: resolution rate, first contact resolution, reopen rate."""

from __future__ import annotations

import ibis.expr.types as ir

from evalkit.compute.protocol import Params
from evalkit.compute.templates import rate
from evalkit.metric import MetricDefinition

_NO_PARAMS = {"type": "object", "properties": {}, "additionalProperties": False}


def _resolved(t: ir.Table, params: Params) -> ir.BooleanValue:
    return t.resolved_at.notnull()


RESOLUTION_RATE = MetricDefinition(
    id="resolution_rate",
    title={"en": "Resolution rate", "zh": "服务解决率"},
    description=(
        "Share of the tickets created in the period that are resolved (have a resolved_at). "
        "A ticket whose resolution is recorded before its creation still counts as resolved: "
        "the rate does not use the duration."
    ),
    formula="resolved tickets ÷ tickets created",
    unit="fraction",
    direction="higher",
    columns={"tickets": ("created_at", "resolved_at")},
    computation=rate("tickets", _resolved),
    params_schema=_NO_PARAMS,
    category="service_quality",
    translations={
        "zh": {
            "description": (
                "本期创建的工单中已解决（有 resolved_at）的占比。解决时间早于创建时间的工单仍计为已"
                "解决：该比率不使用时长。"
            ),
            "formula": "已解决工单 ÷ 创建的工单",
        }
    },
)

FIRST_CONTACT_RESOLUTION = MetricDefinition(
    id="first_contact_resolution",
    title={"en": "First contact resolution", "zh": "一次性解决率"},
    description="Share of resolved tickets that needed a single contact.",
    formula="resolved tickets with contacts_to_resolve = 1 ÷ resolved tickets",
    unit="fraction",
    direction="higher",
    columns={"tickets": ("created_at", "resolved_at", "contacts_to_resolve")},
    computation=rate("tickets", lambda t, p: t.contacts_to_resolve == 1, _resolved),
    params_schema=_NO_PARAMS,
    category="service_quality",
    translations={
        "zh": {
            "description": "已解决工单中仅需一次联系即解决的占比。",
            "formula": "contacts_to_resolve = 1 的已解决工单 ÷ 已解决工单",
        }
    },
)

REOPEN_RATE = MetricDefinition(
    id="reopen_rate",
    title={"en": "Reopen rate", "zh": "重开率"},
    description="Share of resolved tickets that were reopened at least once.",
    formula="resolved tickets with reopened_count > 0 ÷ resolved tickets",
    unit="fraction",
    direction="lower",
    columns={"tickets": ("created_at", "resolved_at", "reopened_count")},
    computation=rate("tickets", lambda t, p: t.reopened_count > 0, _resolved),
    params_schema=_NO_PARAMS,
    category="service_quality",
    translations={
        "zh": {
            "description": "已解决工单中至少重开过一次的占比。",
            "formula": "reopened_count > 0 的已解决工单 ÷ 已解决工单",
        }
    },
)
