"""Investment metrics of the CRM programme from its cash flows: ROI, NPV and IRR.

Cash flows are per programme period (``period_index``, t = 0 the investment), not per calendar
period, so these metrics have the same value in every window and no segment breakdown.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis.expr.types as ir

from evalkit.compute.protocol import General, GeneralContext, GeneralResult
from evalkit.metric import MetricDefinition

LOWEST_RATE, HIGHEST_RATE = -0.99, 10.0
"""The IRR search range: −99 % to +1000 % per period."""
_GRID = 400


def _usable(context: GeneralContext) -> tuple[ir.Table, dict[str, int]]:
    """Cash flows with both columns (within the optional horizon) and the rows left out."""
    t = context.tables["cash_flows"]
    complete = t.period_index.notnull() & t.amount.notnull()
    horizon = context.params.get("horizon")
    kept = complete if horizon is None else complete & (t.period_index <= horizon)
    missing = context.execute(t.count(where=~complete)).as_py()
    return t.filter(kept), {"missing_required": int(missing)}


def _same_everywhere(
    context: GeneralContext, value: float | None, ledger: dict[str, int]
) -> GeneralResult:
    return GeneralResult({w.key: value for w in context.windows.all()}, ledger=ledger)


def _roi(context: GeneralContext) -> GeneralResult:
    t, ledger = _usable(context)
    a = t.amount
    sums = context.execute(
        t.aggregate(
            benefits=a.sum(where=(a > 0) & (t.period_index > 0)),
            costs=a.sum(where=a < 0),
        )
    ).to_pylist()[0]
    benefits = float(sums["benefits"] or 0.0)
    costs = -float(sums["costs"] or 0.0)
    value = None if costs == 0 else (benefits - costs) / costs
    return _same_everywhere(context, value, ledger)


def _npv(context: GeneralContext) -> GeneralResult:
    t, ledger = _usable(context)
    rate = float(context.params["rate"])
    discounted = t.amount / (1.0 + rate) ** t.period_index.cast("float64")
    found = context.execute(t.aggregate(npv=discounted.sum(), rows=t.count())).to_pylist()[0]
    value = None if not found["rows"] else float(found["npv"] or 0.0)
    return _same_everywhere(context, value, ledger)


def present_value(flows: Sequence[tuple[float, float]], rate: float) -> float:
    """Σ amount ÷ (1 + rate)^t over ``(t, amount)`` pairs."""
    return float(sum(amount / (1.0 + rate) ** t for t, amount in flows))


def internal_rate(flows: Sequence[tuple[float, float]]) -> float | None:
    """The lowest rate in [−99 %, 1000 %] at which the present value is 0, or ``None``.

    ``None`` when the flows never change sign (no rate can make them sum to 0) or no root lies
    in the range. The range is scanned on a grid for the first sign change, then bisected.
    """
    amounts = [a for _, a in flows if a != 0]
    if not amounts or all(a > 0 for a in amounts) or all(a < 0 for a in amounts):
        return None
    step = (HIGHEST_RATE - LOWEST_RATE) / _GRID
    low, f_low = LOWEST_RATE, present_value(flows, LOWEST_RATE)
    for i in range(1, _GRID + 1):
        high = LOWEST_RATE + i * step
        f_high = present_value(flows, high)
        if f_low == 0:
            return low
        if (f_low < 0) != (f_high < 0):
            for _ in range(200):
                middle = (low + high) / 2
                f_middle = present_value(flows, middle)
                if (f_low < 0) == (f_middle < 0):
                    low, f_low = middle, f_middle
                else:
                    high = middle
            return (low + high) / 2
        low, f_low = high, f_high
    return None


def _irr(context: GeneralContext) -> GeneralResult:
    t, ledger = _usable(context)
    # cash_flows has one row per programme period (a handful): only the summed flows per
    # period_index come back, and the root is found in Python, which an expression cannot do.
    per_period = t.group_by(t=t.period_index.cast("float64")).aggregate(amount=t.amount.sum())
    rows = context.execute(per_period).to_pylist()
    flows = [(float(r["t"]), float(r["amount"])) for r in rows]
    return _same_everywhere(context, internal_rate(flows), ledger)


_HORIZON = {
    "type": "integer",
    "minimum": 0,
    "description": "last period_index counted (default: all cash flows)",
}
_COLUMNS = {"cash_flows": ("period_index", "amount")}

ROI = MetricDefinition(
    id="roi",
    title={"en": "Return on investment", "zh": "投资回报率"},
    description=(
        "Benefits against costs of the CRM programme over the horizon: benefits are the positive "
        "cash flows after t = 0, costs the absolute sum of the negative cash flows (t = 0 "
        "included). Undiscounted. Cash flows are per programme period, so every window gets "
        "the same value; rows without period_index or amount are left out and counted as "
        "missing_required."
    ),
    formula="(Σ positive amount, t > 0 − |Σ negative amount|) ÷ |Σ negative amount|",
    unit="fraction",
    direction="higher",
    columns=_COLUMNS,
    computation=General(("cash_flows",), _roi),
    params_schema={
        "type": "object",
        "properties": {"horizon": _HORIZON},
        "additionalProperties": False,
    },
    category="cost_control",
    translations={
        "zh": {
            "description": (
                "评估期内 CRM 项目收益与成本之比：收益为 t = 0 之后的正现金流，成本为负现金流（含 t"
                " = 0）之和的绝对值。不折现。现金流按项目期间计，故各期数值相同；缺少 period_index "
                "或 amount 的行不计入，计为 missing_required。"
            ),
            "formula": "(Σ 正 amount（t > 0） − |Σ 负 amount|) ÷ |Σ 负 amount|",
        }
    },
)

NPV = MetricDefinition(
    id="npv",
    title={"en": "Net present value", "zh": "净现值"},
    description=(
        "The programme's cash flows (t = 0 the investment) discounted at rate per programme "
        "period, up to the optional horizon. Every window gets the same value; rows without "
        "period_index or amount are left out and counted as missing_required."
    ),
    formula="Σ amount_t ÷ (1 + rate)^t",
    unit="currency",
    direction="higher",
    columns=_COLUMNS,
    computation=General(("cash_flows",), _npv),
    params_schema={
        "type": "object",
        "properties": {
            "rate": {
                "type": "number",
                "exclusiveMinimum": -1,
                "description": "discount rate per programme period, e.g. 0.08",
            },
            "horizon": _HORIZON,
        },
        "required": ["rate"],
        "additionalProperties": False,
    },
    category="cost_control",
    translations={
        "zh": {
            "description": (
                "项目现金流（t = 0 为投资）按每期 rate 折现，至可选的 horizon 为止。各期数值相同；"
                "缺少 period_index 或 amount 的行不计入，计为 missing_required。"
            ),
            "formula": "Σ amount_t ÷ (1 + rate)^t",
        }
    },
)

IRR = MetricDefinition(
    id="irr",
    title={"en": "Internal rate of return", "zh": "内部收益率"},
    description=(
        "The discount rate at which the programme's NPV is 0; no value when the cash flows never "
        "change sign. With several roots (flows changing sign more than once) the lowest rate "
        "between −99 % and 1000 % is reported (no value when no root lies there). Flows of the "
        "same period_index are summed first; every window gets the same value."
    ),
    formula="r such that Σ amount_t ÷ (1 + r)^t = 0",
    unit="fraction",
    direction="higher",
    columns=_COLUMNS,
    computation=General(("cash_flows",), _irr),
    params_schema={
        "type": "object",
        "properties": {"horizon": _HORIZON},
        "additionalProperties": False,
    },
    category="cost_control",
    translations={
        "zh": {
            "description": (
                "使项目净现值为 0 的折现率；现金流从不变号时无数值。有多个根（现金流多次变号）时报"
                "告 −99% 至 1000% 之间最低的根（该范围内无根则无数值）。同一 period_index 的现金流"
                "先求和；各期数值相同。"
            ),
            "formula": "使 Σ amount_t ÷ (1 + r)^t = 0 的 r",
        }
    },
)
