"""Cost metrics over the costs table: against revenue, against budget, and its structure.

The costs and budgets tables carry no customer, so these metrics have no segment breakdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis.expr.types as ir

from evalkit.compute.protocol import General, GeneralContext, GeneralResult, Params, ratio
from evalkit.compute.windowed import in_any, in_period
from evalkit.data.periods import Period
from evalkit.metric import MetricDefinition

COST_TYPES = ("labour", "logistics", "parts", "other")
COMPONENTS = (*COST_TYPES, "fixed", "variable")


def _per_window(
    context: GeneralContext, table: ir.Table, measures: Mapping[str, ir.Scalar]
) -> dict[str, float | None]:
    row = context.execute(table.aggregate(**measures)).to_pylist()[0]
    return {k: None if v is None else float(v) for k, v in row.items()}


def _cost_filter(t: ir.Table, params: Params) -> ir.BooleanValue:
    """Cost or budget lines matching the optional cost_type and stage params."""
    condition = t.amount.notnull()
    if params.get("cost_type"):
        condition = condition & (t.cost_type == str(params["cost_type"]))
    if params.get("stage"):
        condition = condition & (t.stage == str(params["stage"]))
    return condition


def _actual_costs(context: GeneralContext) -> dict[str, float | None]:
    t = context.tables["costs"]
    keep = _cost_filter(t, context.params)
    return _per_window(
        context,
        t,
        {
            w.key: t.amount.sum(where=keep & in_period(t.incurred_on, w))
            for w in context.windows.all()
        },
    )


def _cost_ratio(context: GeneralContext) -> GeneralResult:
    costs = _actual_costs(context)
    o = context.tables["orders"]
    kinds = context.params.get("revenue_types")
    sold = (
        o.amount.notnull() if not kinds else o.amount.notnull() & o.revenue_type.isin(list(kinds))
    )
    revenue = _per_window(
        context,
        o,
        {
            w.key: o.amount.sum(where=sold & in_period(o.ordered_at, w))
            for w in context.windows.all()
        },
    )
    return GeneralResult({k: ratio(costs[k], revenue[k]) for k in costs})


def _filters(extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "cost_type": {
                "type": "string",
                "enum": list(COST_TYPES),
                "description": "only this type",
            },
            "stage": {"type": "string", "description": "only this service stage"},
            **(extra or {}),
        },
        "additionalProperties": False,
    }


SERVICE_COST_RATIO = MetricDefinition(
    id="service_cost_ratio",
    title={"en": "Service cost to revenue", "zh": "售后服务成本占营业额比"},
    description=(
        "Service cost lines incurred in the period over the revenue of the orders placed in the "
        "period (all revenue types unless revenue_types is given)."
    ),
    formula="Σ costs.amount (incurred_on in period) ÷ Σ orders.amount (ordered_at in period)",
    unit="ratio",
    direction="lower",
    columns={
        "costs": ("incurred_on", "amount"),
        "orders": ("order_id", "customer_id", "ordered_at", "amount", "revenue_type"),
    },
    computation=General(("costs", "orders"), _cost_ratio),
    params_schema=_filters(
        {
            "revenue_types": {
                "type": "array",
                "items": {"type": "string", "enum": ["product", "parts", "value_added"]},
                "minItems": 1,
                "description": "revenue types counted as revenue (default: all)",
            }
        }
    ),
    category="cost_control",
    translations={
        "zh": {
            "description": (
                "本期发生的服务成本与本期订单收入之比（未给 revenue_types 时为全部收入类型）。"
            ),
            "formula": "Σ costs.amount（incurred_on 在本期）÷ Σ orders.amount（ordered_at 在本期）",
        }
    },
)


def _budget_variance(context: GeneralContext) -> GeneralResult:
    actual = _actual_costs(context)
    b = context.tables["budgets"]
    keep = _cost_filter(b, context.params)
    budget = _per_window(
        context,
        b,
        {w.key: b.amount.sum(where=keep & (b.period == w.key)) for w in context.windows.all()},
    )
    values = {}
    for key, planned in budget.items():
        share = ratio(actual[key], planned)
        values[key] = None if share is None else share - 1.0
    return GeneralResult(values)


BUDGET_VARIANCE = MetricDefinition(
    id="budget_variance",
    title={"en": "Budget variance", "zh": "预算执行偏差"},
    description=(
        "Actual cost of the period against its budget (budget lines whose period is the period "
        "key, e.g. 2026Q2), optionally for one cost_type and/or stage. Positive is over budget, "
        "negative under it; both are off plan, so the metric is best at its goal (usually 0)."
    ),
    formula="(Σ costs.amount − Σ budgets.amount) ÷ Σ budgets.amount",
    unit="fraction",
    direction="target",
    columns={
        "costs": ("incurred_on", "amount", "cost_type", "stage"),
        "budgets": ("period", "amount", "cost_type", "stage"),
    },
    computation=General(("costs", "budgets"), _budget_variance),
    params_schema=_filters(),
    category="cost_control",
    translations={
        "zh": {
            "description": (
                "本期实际成本相对预算的偏差（预算行的 period 为期间键，如 2026Q2），可限定某一 cost"
                "_type 和/或 stage。正值表示超支，负值表示结余；二者都偏离计划，故以目标（通常为 0"
                "）为最佳。"
            ),
            "formula": "(Σ costs.amount − Σ budgets.amount) ÷ Σ budgets.amount",
        }
    },
)


def _shares(totals: Mapping[str, float | None]) -> dict[str, float | None]:
    typed = sum(totals.get(t) or 0.0 for t in COST_TYPES)
    split = (totals.get("fixed") or 0.0) + (totals.get("variable") or 0.0)
    found = {t: ratio(totals.get(t), typed) for t in COST_TYPES}
    found.update({t: ratio(totals.get(t), split) for t in ("fixed", "variable")})
    return found


def _cost_structure(context: GeneralContext) -> GeneralResult:
    t = context.tables["costs"]
    component = str(context.params.get("component", "labour"))
    kind = t.cost_type.lower()
    typed = {
        "labour": kind == "labour",
        "logistics": kind == "logistics",
        "parts": kind == "parts",
        "other": ~kind.isin(["labour", "logistics", "parts"]),
        "fixed": t.fixed,
        "variable": ~t.fixed,
    }
    windows = context.windows.all()

    def measure(window: Period, condition: ir.BooleanValue) -> ir.Scalar:
        return t.amount.sum(where=(condition & in_period(t.incurred_on, window)).fill_null(False))

    sums = _per_window(
        context,
        t,
        {f"{w.key}|{name}": measure(w, cond) for w in windows for name, cond in typed.items()},
    )
    shares = {w.key: _shares({name: sums[f"{w.key}|{name}"] for name in typed}) for w in windows}
    column = t.fixed if component in ("fixed", "variable") else t.cost_type
    missing = context.execute(
        t.count(where=(in_any(t.incurred_on, windows) & column.isnull()).fill_null(False))
    )
    return GeneralResult(
        {w.key: shares[w.key][component] for w in windows},
        ledger={"missing_required": int(missing.as_py())},
        details={"shares": shares},
    )


COST_STRUCTURE = MetricDefinition(
    id="cost_structure",
    title={"en": "Cost structure", "zh": "成本构成"},
    description=(
        "Shares of labour, logistics, parts and other cost, and of fixed against variable cost, "
        "of the period (all shares are in the details; the value is the share of the param "
        "component). Cost types other than the three named count as other; lines without a "
        "type (or, for fixed/variable, without the flag) are left out and counted as "
        "missing_required. Reported, not scored."
    ),
    formula="Σ amount of the component ÷ Σ amount of lines with a type (or fixed flag)",
    unit="fraction",
    direction="none",
    columns={"costs": ("incurred_on", "amount", "cost_type", "fixed")},
    computation=General(("costs",), _cost_structure),
    params_schema={
        "type": "object",
        "properties": {
            "component": {
                "type": "string",
                "enum": list(COMPONENTS),
                "default": "labour",
                "description": "the share reported as the value",
            }
        },
        "additionalProperties": False,
    },
    category="cost_control",
    translations={
        "zh": {
            "description": (
                "本期人工、物流、备件及其他成本的占比，以及固定与变动成本的占比（全部占比见明细；数"
                "值为参数 component 所指部分的占比）。上述三类以外的成本类型计为其他；无类型（或计"
                "算固定/变动时无标志）的行不计入，计为 missing_required。仅作展示，默认不计分。"
            ),
            "formula": "该部分的 Σ amount ÷ 有类型（或固定标志）的行的 Σ amount",
        }
    },
)
