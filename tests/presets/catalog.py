"""The metric ids of the metric catalog (the built-in metrics the presets may use), and
an AHP consistency check computed independently of evalkit's own AHP module."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

CATALOG_IDS = frozenset(
    {
        # Service quality 服务质量
        "first_response_time", "resolution_time", "resolution_rate", "first_contact_resolution",
        "reopen_rate", "repeat_issue_rate", "sla_response_compliance",
        "sla_resolution_compliance", "csat", "nps", "ces", "complaint_rate",
        "survey_response_rate", "follow_up_rate", "service_error_rate", "expectation_gap",
        # Service efficiency 服务效率
        "ticket_cycle_time", "backlog_rate", "tickets_per_agent", "agent_utilization",
        "workload_growth", "self_service_rate", "service_coverage", "onsite_arrival_time",
        "first_time_fix_rate",
        # Cost control 成本控制
        "cost_per_ticket", "service_cost_ratio", "budget_variance", "cost_structure", "roi",
        "npv", "irr",
        # Revenue growth 收入增长
        "service_revenue_growth", "contract_renewal_rate", "cross_sell_rate",
        "new_service_adoption",
        # Loyalty and customer value 客户忠诚度与客户价值
        "churn_rate", "retention_rate", "repeat_purchase_rate", "customer_lifetime_value",
        "referral_rate", "return_rate", "repair_return_rate", "customer_acquisition_cost",
        # Team 团队
        "training_participation_rate", "training_effect",
        # Technology and innovation 技术和创新
        "iot_monitoring_coverage", "proactive_service_share", "knowledge_deflection_rate",
        # Qualitative indicators 定性指标
        "expert_rating",
    }
)  # fmt: skip

# Saaty (1980) random index by matrix size.
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45}


def judgment(value: Any) -> float:
    """A judgment as written in a spec: a number or a fraction such as ``"1/3"``."""
    return float(Fraction(str(value)))


def consistency_ratio(items: Sequence[str], judgments: Mapping[str, Mapping[str, Any]]) -> float:
    """CR of the pairwise matrix over ``items``: principal eigenvalue of the reciprocal matrix,
    missing pairs completed by Harker's method (0 off the diagonal, 1 + missing on it)."""
    n = len(items)
    index = {item: i for i, item in enumerate(items)}
    a = np.eye(n)
    for first, row in judgments.items():
        for second, value in row.items():
            i, j = index[first], index[second]
            assert a[i, j] == 0 or i == j, f"pair {first}/{second} given twice"
            a[i, j], a[j, i] = judgment(value), 1 / judgment(value)
    a += np.diag((a == 0).sum(axis=1))
    lambda_max = float(np.max(np.linalg.eigvals(a).real))
    if n <= 2:
        return 0.0
    return (lambda_max - n) / (n - 1) / RANDOM_INDEX[n]


def children(criteria: Mapping[str, Any]) -> dict[str, list[str]]:
    """Each node of the criteria tree (``root`` included) with its children, in order."""
    nodes: dict[str, list[str]] = {"root": list(criteria)}

    def walk(tree: Mapping[str, Any]) -> None:
        for node, body in tree.items():
            if "criteria" in body:
                nodes[node] = list(body["criteria"])
                walk(body["criteria"])
            else:
                nodes[node] = list(body["metrics"])

    walk(criteria)
    return nodes


def metric_ids(data: Mapping[str, Any]) -> set[str]:
    """The catalog ids the spec's metric instances use."""
    return {(body or {}).get("metric", name) for name, body in data["metrics"].items()}
