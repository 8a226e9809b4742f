"""Built-in loyalty metrics (客户忠诚度): churn and retention over the period-start cohort."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ibis.expr.types as ir

from evalkit.compute.protocol import Aggregate, Frame, Measure, Params, Values, count, ratio
from evalkit.compute.templates import proportion_sample
from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl


def _measures(frame: Frame) -> Mapping[str, Measure]:
    """The cohort: customers active at the window start (created before it, not yet churned)."""
    t = frame.table
    cohort = (t.created_at < frame.start) & (t.churned_at.isnull() | (t.churned_at >= frame.start))
    return {"cohort": count(cohort), "churned": count(cohort & (t.churned_at < frame.end))}


def _excluded(frame: Frame) -> Mapping[str, ir.BooleanValue]:
    t = frame.table
    return {"missing_created_at": t.created_at.isnull()}


def _churn(measured: Values, params: Params) -> float | None:
    return ratio(measured.get("churned"), measured.get("cohort"))


def _retention(measured: Values, params: Params) -> float | None:
    churn = _churn(measured, params)
    return None if churn is None else 1.0 - churn


def _cohort(value: Callable[[Values, Params], float | None], *, retained: bool) -> Aggregate:
    return Aggregate(
        "customers",
        _measures,
        value,
        excluded=_excluded,
        windowed=False,
        sample=proportion_sample("churned", "cohort", complement=retained),
    )


_COLUMNS = {"customers": ("customer_id", "created_at", "churned_at")}
_NO_PARAMS = {"type": "object", "properties": {}, "additionalProperties": False}

CHURN_RATE = MetricDefinition(
    id="churn_rate",
    title={"en": "Customer churn rate", "zh": "客户流失率"},
    description=(
        "Share of the customers active at the period start (created before it, not churned "
        "before it) who churned during the period. Customers without created_at cannot be "
        "placed in the cohort and are counted in the ledger as missing_created_at."
    ),
    formula="customers with start ≤ churned_at < end ÷ customers with created_at < start and "
    "not churned before start",
    unit="fraction",
    direction="lower",
    columns=_COLUMNS,
    computation=_cohort(_churn, retained=False),
    params_schema=_NO_PARAMS,
    category="loyalty",
    translations={
        "zh": {
            "description": (
                "期初活跃客户（期初之前创建且期初前未流失）中在本期内流失的占比。缺少 created_at 的"
                "客户无法归入队列，以 missing_created_at 记入台账。"
            ),
            "formula": "start ≤ churned_at < end 的客户 ÷ created_at < start 且期初前未流失的客户",
        }
    },
)

RETENTION_RATE = MetricDefinition(
    id="retention_rate",
    title={"en": "Customer retention rate", "zh": "客户保留率"},
    description=(
        "1 − churn rate over the same cohort: the share of the customers active at the "
        "period start who did not churn during it (missing_created_at as for churn_rate)."
    ),
    formula="1 − churn_rate",
    unit="fraction",
    direction="higher",
    columns=_COLUMNS,
    computation=_cohort(_retention, retained=True),
    params_schema=_NO_PARAMS,
    category="loyalty",
    translations={
        "zh": {
            "description": (
                "同一队列上的 1 − 流失率：期初活跃客户中本期未流失的占比（missing_created_at 的处理"
                "同 churn_rate）。"
            ),
            "formula": "1 − churn_rate",
        }
    },
)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The loyalty metrics of this issue (churn, retention)."""
    return [CHURN_RATE, RETENTION_RATE]
