"""Order metrics: service revenue growth, cross-sell, new-service adoption, repeat purchase,
returns. A customer is *active* in a period when it placed at least one order in it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

import ibis
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
    ratio,
    total,
)
from evalkit.compute.templates import flag_rate, proportion_sample
from evalkit.compute.windowed import growth, in_period, preceding, windowed, within
from evalkit.data.periods import Period
from evalkit.metric import MetricDefinition

SERVICE_REVENUE_TYPES = ("parts", "value_added")

CustomerFlags = Callable[[ir.Table, Period], Mapping[str, ir.Value]]


def _schema(**properties: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": dict(properties), "additionalProperties": False}


def _revenue_measures(frame: Frame) -> Mapping[str, Measure]:
    t = frame.table
    kinds = list(frame.params.get("revenue_types") or SERVICE_REVENUE_TYPES)
    service = t.revenue_type.isin(kinds)
    before = preceding(frame.window)
    when = t[frame.period_by]
    return {
        "current": total(t.amount, service & within(when, frame.window.start, frame.window.end)),
        "previous": total(t.amount, service & within(when, before.start, before.end)),
    }


def _revenue_value(measured: Values, params: Params) -> float | None:
    return growth(measured.get("current"), measured.get("previous"))


SERVICE_REVENUE_GROWTH = MetricDefinition(
    id="service_revenue_growth",
    title={"en": "Parts and value-added service revenue growth", "zh": "备件及增值服务收入增长"},
    description=(
        "Revenue of parts and value-added service orders (param revenue_types) in the period "
        "against the period of the same length just before it; no value when the previous "
        "period has no such revenue."
    ),
    formula="Σ amount this period ÷ Σ amount previous period − 1 (revenue_type in revenue_types)",
    unit="fraction",
    direction="higher",
    columns={"orders": ("order_id", "customer_id", "ordered_at", "amount", "revenue_type")},
    computation=Aggregate("orders", _revenue_measures, _revenue_value, windowed=False),
    params_schema=_schema(
        revenue_types={
            "type": "array",
            "items": {"type": "string", "enum": ["product", "parts", "value_added"]},
            "minItems": 1,
            "default": list(SERVICE_REVENUE_TYPES),
            "description": "revenue types counted as service revenue",
        }
    ),
    category="revenue_growth",
    translations={
        "zh": {
            "description": (
                "本期备件及增值服务订单（参数 revenue_types）收入相对紧邻的前一等长期间的增长；前一"
                "期间无此类收入时无数值。"
            ),
            "formula": "本期 Σ amount ÷ 上期 Σ amount − 1（revenue_type 属于 revenue_types）",
        }
    },
)


def per_customer(context: GeneralContext, orders: ir.Table, flags: CustomerFlags) -> ir.Table:
    """One row per customer and window: ``_window`` (its key), segments, and ``flags``."""
    segments = [s for s in context.segments if s in orders.columns]
    parts = []
    for window in context.windows.all():
        named = {**{s: orders[s].max() for s in segments}, **flags(orders, window)}
        grouped = orders.group_by("customer_id").aggregate(**named)
        parts.append(grouped.mutate(_window=ibis.literal(window.key)))
    return ibis.union(*parts) if len(parts) > 1 else parts[0]


def _share_of_active(context: GeneralContext, customers: ir.Table, hit: str) -> GeneralResult:
    def measures(table: ir.Table, window: Period) -> Mapping[str, ir.Scalar]:
        active = (table._window == window.key) & (table.bought > 0)
        return {
            "active": table.count(where=active),
            "hit": table.count(where=active & table[hit]),
        }

    def finish(measured: Values, window: Period) -> float | None:
        return ratio(measured.get("hit"), measured.get("active"))

    return windowed(context, customers, measures, finish, sample=proportion_sample("hit", "active"))


def _orders(context: GeneralContext) -> ir.Table:
    o = context.tables["orders"]
    return o.filter(o.customer_id.notnull() & o.ordered_at.notnull())


def _cross_sell(context: GeneralContext) -> GeneralResult:
    o = _orders(context)
    lined = o.filter(o.product_line.notnull())
    first = lined.group_by(["customer_id", "product_line"]).aggregate(first=lined.ordered_at.min())
    with_first = o.left_join(first, ["customer_id", "product_line"]).select(*o.columns, "first")

    def flags(t: ir.Table, window: Period) -> Mapping[str, ir.Value]:
        return {
            "bought": t.count(where=in_period(t.ordered_at, window)),
            "lines": t.product_line.nunique(where=t.first < at(window.end)),
            "new_lines": t.product_line.nunique(where=in_period(t.first, window)),
        }

    customers = per_customer(context, with_first, flags)
    customers = customers.mutate(cross=(customers.lines >= 2) & (customers.new_lines > 0))
    return _share_of_active(context, customers, "cross")


CROSS_SELL_RATE = MetricDefinition(
    id="cross_sell_rate",
    title={"en": "Cross-sell rate", "zh": "交叉销售率"},
    description=(
        "Share of active customers (an order in the period) who bought in the period a product "
        "line they had never bought before and by the period end have bought at least two "
        "product lines."
    ),
    formula=(
        "active customers with a product line first bought in the period and ≥ 2 lines bought "
        "by the period end ÷ customers with an order in the period"
    ),
    unit="fraction",
    direction="higher",
    columns={"orders": ("order_id", "customer_id", "ordered_at", "product_line")},
    computation=General(("orders",), _cross_sell),
    params_schema=_schema(),
    category="revenue_growth",
    translations={
        "zh": {
            "description": (
                "活跃客户（本期有订单）中，本期购买了此前从未购买过的产品线、且截至期末已购买至少两"
                "条产品线的占比。"
            ),
            "formula": "本期首次购买某产品线且期末前已购 ≥ 2 条产品线的活跃客户 ÷ 本期有订单的客户",
        }
    },
)


def _new_service(context: GeneralContext) -> GeneralResult:
    o = _orders(context)
    months = int(context.params.get("launch_months", 12))
    lined = o.filter(o.product_line.notnull())
    launches = lined.group_by("product_line").aggregate(launched=lined.ordered_at.min())
    dated = o.left_join(launches, "product_line").select(*o.columns, "launched")

    def flags(t: ir.Table, window: Period) -> Mapping[str, ir.Value]:
        here = in_period(t.ordered_at, window)
        recent = within(t.launched, months_before(window, months), window.end)
        return {"bought": t.count(where=here), "new": t.count(where=here & recent)}

    customers = per_customer(context, dated, flags)
    found = _share_of_active(context, customers.mutate(adopted=customers.new > 0), "adopted")
    first = context.execute(o.ordered_at.cast("timestamp").min()).as_py()
    return _without(found, {w.key for w in context.windows.all() if _censored(w, months, first)})


def _censored(window: Period, months: int, first_order: datetime | None) -> bool:
    """Whether the look-back of ``window`` starts before the first order in the data: a line
    first seen then may have been on sale before the data began, so launches are unknown."""
    return first_order is None or datetime.combine(months_before(window, months), time()) <= (
        first_order
    )


def _without(found: GeneralResult, keys: set[str]) -> GeneralResult:
    """``found`` with no value in the windows ``keys`` (overall and per segment)."""

    def cut(values: Values) -> Values:
        return {k: (None if k in keys else v) for k, v in values.items()}

    segments = {
        column: {name: cut(values) for name, values in groups.items()}
        for column, groups in found.segments.items()
    }
    return replace(found, values=cut(found.values), segments=segments)


def months_before(window: Period, months: int) -> date:
    """The day ``months`` months before the window end (clamped to the month's last day)."""
    index = window.end.year * 12 + window.end.month - 1 - months
    year, month = divmod(index, 12)
    day = window.end.day
    while True:
        try:
            return date(year, month + 1, day)
        except ValueError:
            day -= 1


NEW_SERVICE_ADOPTION = MetricDefinition(
    id="new_service_adoption",
    title={"en": "New service adoption", "zh": "新服务采用率"},
    description=(
        "Share of active customers (an order in the period) who ordered in the period a "
        "service (product line) launched in the launch_months (default 12, i.e. 4 quarters) "
        "before the period end; a line's launch is its first order by any customer. No value "
        "for a period whose look-back starts at or before the first order in the data: a line "
        "already sold then may have been launched long before the data began."
    ),
    formula=(
        "active customers with an order of a line first ordered in [end − launch_months, end) "
        "÷ customers with an order in the period"
    ),
    unit="fraction",
    direction="higher",
    columns={"orders": ("order_id", "customer_id", "ordered_at", "product_line")},
    computation=General(("orders",), _new_service),
    params_schema=_schema(
        launch_months={
            "type": "integer",
            "minimum": 1,
            "default": 12,
            "description": "how recent a launch counts as new",
        }
    ),
    category="revenue_growth",
    translations={
        "zh": {
            "description": (
                "活跃客户（本期有订单）中，本期订购了在期末前 launch_months 个月内（默认 12 个月，"
                "即 4 个季度）推出的服务（产品线）的占比；产品线的推出时间为任一客户的首个订单。回"
                "看期起点不晚于数据中首个订单的期间无数值：当时已在销售的产品线可能早在数据开始之前"
                "就已推出。"
            ),
            "formula": (
                "订购了首单落在 [end − launch_months, end) 的产品线的活跃客户 ÷ 本期有订单的客户"
            ),
        }
    },
)


def _repeat_purchase(context: GeneralContext) -> GeneralResult:
    o = _orders(context)

    def flags(t: ir.Table, window: Period) -> Mapping[str, ir.Value]:
        return {"bought": t.count(where=in_period(t.ordered_at, window))}

    customers = per_customer(context, o, flags)
    return _share_of_active(context, customers.mutate(again=customers.bought >= 2), "again")


REPEAT_PURCHASE_RATE = MetricDefinition(
    id="repeat_purchase_rate",
    title={"en": "Repeat purchase rate", "zh": "重复购买率"},
    description="Share of the customers with an order in the period who placed two or more.",
    formula="customers with ≥ 2 orders in the period ÷ customers with ≥ 1 order",
    unit="fraction",
    direction="higher",
    columns={"orders": ("order_id", "customer_id", "ordered_at")},
    computation=General(("orders",), _repeat_purchase),
    params_schema=_schema(),
    category="loyalty",
    translations={
        "zh": {
            "description": "本期有订单的客户中下单两次及以上的占比。",
            "formula": "本期订单 ≥ 2 的客户 ÷ 订单 ≥ 1 的客户",
        }
    },
)


RETURN_RATE = MetricDefinition(
    id="return_rate",
    title={"en": "Return rate", "zh": "退货率"},
    description=(
        "Share of the orders placed in the period that were returned. Orders whose returned "
        "flag is empty are left out and counted in the ledger as missing_required."
    ),
    formula="orders with returned = true ÷ orders with the flag",
    unit="fraction",
    direction="lower",
    columns={"orders": ("order_id", "customer_id", "ordered_at", "returned")},
    computation=flag_rate("orders", "returned"),
    params_schema=_schema(),
    category="loyalty",
    translations={
        "zh": {
            "description": (
                "本期订单中被退货的占比。returned 标志为空的订单不计入，并以 missing_required 记入"
                "台账。"
            ),
            "formula": "returned = true 的订单 ÷ 有该标志的订单",
        }
    },
)
