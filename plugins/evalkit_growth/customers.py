"""Customer metrics: lifetime value, referrals, acquisition cost.

New customers of a period are those whose ``created_at`` falls in it. The cohort of a period
(as for churn) is the customers active at its start: ``created_at < start`` and not churned
before ``start``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    at,
    count,
    ratio,
    total,
)
from evalkit.compute.templates import rate
from evalkit.compute.windowed import in_period, windowed
from evalkit.data.periods import Period
from evalkit.metric import MetricDefinition


def _schema(**properties: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": dict(properties), "additionalProperties": False}


def lifetime_value(margin: float, churn: float, discount_rate: float) -> float | None:
    """``margin × (1 + d) ÷ (d + churn)``: Σ_t margin·(1 − churn)^t ÷ (1 + d)^t for t ≥ 0.

    With ``d = 0`` this is margin × expected lifetime (1 ÷ churn). ``None`` when nobody churns
    and nothing is discounted (the lifetime has no end).
    """
    if discount_rate + churn <= 0:
        return None
    return margin * (1.0 + discount_rate) / (discount_rate + churn)


def _clv(context: GeneralContext) -> GeneralResult:
    c = context.tables["customers"]
    o = context.tables["orders"]
    windows = context.windows.all()
    d = float(context.params.get("discount_rate", 0.0))
    margins = o.group_by(_customer=o.customer_id).aggregate(
        **{
            f"_margin_{i}": o.margin.sum(where=in_period(o.ordered_at, w))
            for i, w in enumerate(windows)
        }
    )
    joined = c.left_join(margins, c.customer_id == margins._customer)
    index = {w.key: i for i, w in enumerate(windows)}

    def measures(t: ir.Table, window: Period) -> Mapping[str, ir.Scalar]:
        start = at(window.start)
        cohort = (t.created_at < start) & (t.churned_at.isnull() | (t.churned_at >= start))
        return {
            "cohort": t.count(where=cohort),
            "churned": t.count(where=cohort & in_period(t.churned_at, window)),
            "margin": t[f"_margin_{index[window.key]}"].sum(where=cohort),
        }

    def finish(measured: Values, window: Period) -> float | None:
        cohort = measured.get("cohort")
        if not cohort:
            return None
        margin = (measured.get("margin") or 0.0) / cohort
        return lifetime_value(margin, (measured.get("churned") or 0.0) / cohort, d)

    ledger = {"missing_required": joined.count(where=joined.created_at.isnull())}
    return windowed(context, joined, measures, finish, ledger)


CUSTOMER_LIFETIME_VALUE = MetricDefinition(
    id="customer_lifetime_value",
    title={"en": "Customer lifetime value", "zh": "客户生命周期价值"},
    description=(
        "Average margin per customer per period times the expected lifetime (1 ÷ churn rate), "
        "discounted per period at discount_rate. Margin, churn and the average are all taken "
        "over the cohort active at the period start (as churn_rate): margin of their orders in "
        "the period ÷ cohort size. The margin is earned at the start of each period, so "
        "CLV = m × (1 + d) ÷ (d + churn); no value without churn and discount. Customers "
        "without created_at are counted in the ledger as missing_required."
    ),
    formula="m × (1 + d) ÷ (d + c), m = cohort margin ÷ cohort, c = cohort churned ÷ cohort",
    unit="currency",
    direction="higher",
    columns={
        "customers": ("customer_id", "created_at", "churned_at"),
        "orders": ("order_id", "customer_id", "ordered_at", "margin"),
    },
    computation=General(("customers", "orders"), _clv),
    params_schema=_schema(
        discount_rate={
            "type": "number",
            "minimum": 0,
            "default": 0,
            "description": "discount rate per period (a quarter or month, as evaluated)",
        }
    ),
    category="loyalty",
    translations={
        "zh": {
            "description": (
                "每位客户每期平均毛利乘以预期生命周期（1 ÷ 流失率），按每期 discount_rate 折现。毛"
                "利、流失率与平均值均以期初活跃队列计算（同 churn_rate）：队列客户本期订单毛利 ÷ 队"
                "列规模。毛利在每期期初获得，故 CLV = m × (1 + d) ÷ (d + churn)；流失率与折现率均为"
                "零时无数值。缺少 created_at 的客户以 missing_required 记入台账。"
            ),
            "formula": "m × (1 + d) ÷ (d + c)，m = 队列毛利 ÷ 队列，c = 队列流失数 ÷ 队列",
        }
    },
)

REFERRAL_RATE = MetricDefinition(
    id="referral_rate",
    title={"en": "Referral rate", "zh": "客户推荐率"},
    description="Share of the new customers of the period with a referring customer (referred_by).",
    formula="new customers with referred_by ÷ new customers",
    unit="fraction",
    direction="higher",
    columns={"customers": ("customer_id", "created_at", "referred_by")},
    computation=rate("customers", lambda t, p: t.referred_by.notnull()),
    params_schema=_schema(),
    category="loyalty",
    translations={
        "zh": {
            "description": "本期新客户中有推荐客户（referred_by）的占比。",
            "formula": "有 referred_by 的新客户 ÷ 新客户",
        }
    },
)


def _cac_measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    known = t.acquisition_cost.notnull()
    return {"spend": total(t.acquisition_cost, known), "customers": count(known)}


def _cac_value(measured: Values, params: Params) -> float | None:
    return ratio(measured.get("spend"), measured.get("customers"))


def _cac_excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    return {"missing_required": frame.table.acquisition_cost.isnull()}


CUSTOMER_ACQUISITION_COST = MetricDefinition(
    id="customer_acquisition_cost",
    title={"en": "Customer acquisition cost", "zh": "客户获取成本"},
    description=(
        "Acquisition spend per new customer of the period, from customers.acquisition_cost. New "
        "customers without a cost are left out and counted in the ledger as missing_required."
    ),
    formula="Σ acquisition_cost ÷ new customers with an acquisition_cost",
    unit="currency",
    direction="lower",
    columns={"customers": ("customer_id", "created_at", "acquisition_cost")},
    computation=Aggregate("customers", _cac_measures, _cac_value, excluded=_cac_excluded),
    params_schema=_schema(),
    category="loyalty",
    translations={
        "zh": {
            "description": (
                "本期每位新客户的获客支出，取自 customers.acquisition_cost。无成本的新客户不计入，"
                "并以 missing_required 记入台账。"
            ),
            "formula": "Σ acquisition_cost ÷ 有 acquisition_cost 的新客户",
        }
    },
)
