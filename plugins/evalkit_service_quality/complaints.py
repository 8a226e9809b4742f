"""Complaint rate: tickets in the complaint categories ÷ tickets."""

from __future__ import annotations

import ibis.expr.types as ir

from evalkit.compute.protocol import Params
from evalkit.compute.templates import rate
from evalkit.metric import MetricDefinition

DEFAULT_CATEGORIES = ("complaint", "投诉")


def _is_complaint(t: ir.Table, params: Params) -> ir.BooleanValue:
    categories = [str(c) for c in params.get("complaint_categories", DEFAULT_CATEGORIES)]
    return t.category.isin(categories)


COMPLAINT_RATE = MetricDefinition(
    id="complaint_rate",
    title={"en": "Complaint rate", "zh": "客户投诉率"},
    description="Share of tickets whose category is one of complaint_categories.",
    formula="tickets with category in complaint_categories ÷ tickets",
    unit="fraction",
    direction="lower",
    columns={"tickets": ("created_at", "category")},
    computation=rate("tickets", _is_complaint),
    params_schema={
        "type": "object",
        "properties": {
            "complaint_categories": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
                "default": list(DEFAULT_CATEGORIES),
                "description": "the ticket categories that are complaints, e.g. [投诉]",
            }
        },
        "additionalProperties": False,
    },
    category="service_quality",
    translations={
        "zh": {
            "description": "类别属于 complaint_categories 的工单占比。",
            "formula": "category 属于 complaint_categories 的工单 ÷ 工单",
        }
    },
)
