"""Built-in cost-control metrics (成本控制)."""

from __future__ import annotations

from collections.abc import Mapping

import ibis.expr.types as ir

from evalkit.compute.protocol import Aggregate, Frame, Measure, Params, Values, count, ratio, total
from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl


def _measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    return {"cost": total(t.cost), "tickets": count(t.cost.notnull())}


def _value(measured: Values, params: Params) -> float | None:
    return ratio(measured.get("cost"), measured.get("tickets"))


def _excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    return {"missing_cost": frame.table.cost.isnull()}


COST_PER_TICKET = MetricDefinition(
    id="cost_per_ticket",
    title={"en": "Cost per ticket", "zh": "单位工单服务成本"},
    description="Service cost of the tickets created in the period per ticket, over the "
    "tickets whose cost is known.",
    formula="Σ tickets.cost ÷ tickets with a cost (a ticket without a cost is left out and "
    "counted in the ledger as missing_cost)",
    unit="currency",
    direction="lower",
    columns={"tickets": ("created_at", "cost")},
    computation=Aggregate("tickets", _measures, _value, excluded=_excluded),
    params_schema={"type": "object", "properties": {}, "additionalProperties": False},
    category="cost_control",
    translations={
        "zh": {
            "description": "本期创建工单的单位服务成本，按有成本记录的工单计算。",
            "formula": (
                "Σ tickets.cost ÷ 有成本的工单数（无成本的工单不计入，并以 missing_cost 记入台账）"
            ),
        }
    },
)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The cost-control metrics of the catalog."""
    return [COST_PER_TICKET]
