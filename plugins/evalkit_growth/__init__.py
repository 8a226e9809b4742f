"""Built-in revenue-growth and customer-value metrics (收入增长, 客户忠诚度与客户价值)."""

from __future__ import annotations

from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl
from evalkit_growth.customers import (
    CUSTOMER_ACQUISITION_COST,
    CUSTOMER_LIFETIME_VALUE,
    REFERRAL_RATE,
)
from evalkit_growth.orders import (
    CROSS_SELL_RATE,
    NEW_SERVICE_ADOPTION,
    REPEAT_PURCHASE_RATE,
    RETURN_RATE,
    SERVICE_REVENUE_GROWTH,
)
from evalkit_growth.renewals import CONTRACT_RENEWAL_RATE, REPAIR_RETURN_RATE

METRICS = (
    SERVICE_REVENUE_GROWTH,
    CONTRACT_RENEWAL_RATE,
    CROSS_SELL_RATE,
    NEW_SERVICE_ADOPTION,
    REPEAT_PURCHASE_RATE,
    CUSTOMER_LIFETIME_VALUE,
    REFERRAL_RATE,
    RETURN_RATE,
    REPAIR_RETURN_RATE,
    CUSTOMER_ACQUISITION_COST,
)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The revenue-growth and customer-value metrics of the catalog."""
    return list(METRICS)
