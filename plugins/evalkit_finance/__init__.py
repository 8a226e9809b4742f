"""Built-in cost-control metrics (成本控制): cost ratio, budget, cost structure, ROI, NPV, IRR."""

from __future__ import annotations

from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl
from evalkit_finance.costs import BUDGET_VARIANCE, COST_STRUCTURE, SERVICE_COST_RATIO
from evalkit_finance.programme import IRR, NPV, ROI

METRICS = (SERVICE_COST_RATIO, BUDGET_VARIANCE, COST_STRUCTURE, ROI, NPV, IRR)


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The cost-control and investment metrics of the catalog."""
    return list(METRICS)
