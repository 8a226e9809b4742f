"""The canonical tables and columns metrics read, with each column's type (data-model.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["string", "timestamp", "date", "number", "boolean"]
COLUMN_TYPES: tuple[ColumnType, ...] = ("string", "timestamp", "date", "number", "boolean")


@dataclass(frozen=True)
class CanonicalTable:
    """A canonical table: its columns with types, the required ones, and how rows get a period."""

    name: str
    columns: Mapping[str, ColumnType]
    required: tuple[str, ...]
    period_by: str | None
    """The column that attributes a row to a period (metric-catalog.md), if any."""


def _table(
    name: str, period_by: str | None, required: tuple[str, ...], **columns: ColumnType
) -> CanonicalTable:
    return CanonicalTable(name, dict(columns), required, period_by)


_S: ColumnType = "string"
_T: ColumnType = "timestamp"
_D: ColumnType = "date"
_N: ColumnType = "number"
_B: ColumnType = "boolean"

TABLES: Mapping[str, CanonicalTable] = {
    t.name: t
    for t in (
        _table(
            "tickets",
            "created_at",
            ("ticket_id", "created_at"),
            ticket_id=_S,
            created_at=_T,
            customer_id=_S,
            segment=_S,
            region=_S,
            channel=_S,
            priority=_S,
            category=_S,
            product_line=_S,
            first_response_at=_T,
            resolved_at=_T,
            closed_at=_T,
            reopened_count=_N,
            contacts_to_resolve=_N,
            sla_response_minutes=_N,
            sla_resolution_minutes=_N,
            agent_id=_S,
            cost=_N,
            service_error=_B,
            follow_up_at=_T,
            origin=_S,
        ),
        _table(
            "surveys",
            "answered_at",
            ("answered_at",),
            answered_at=_T,
            ticket_id=_S,
            customer_id=_S,
            segment=_S,
            sent_at=_T,
            csat_score=_N,
            nps_score=_N,
            ces_score=_N,
            expected_score=_N,
            experienced_score=_N,
        ),
        _table(
            "customers",
            "created_at",
            ("customer_id",),
            customer_id=_S,
            segment=_S,
            region=_S,
            created_at=_T,
            churned_at=_T,
            annual_value=_N,
            acquisition_cost=_N,
            referred_by=_S,
        ),
        _table(
            "orders",
            "ordered_at",
            ("order_id", "customer_id", "ordered_at"),
            order_id=_S,
            customer_id=_S,
            ordered_at=_T,
            amount=_N,
            margin=_N,
            product_line=_S,
            revenue_type=_S,
            returned=_B,
        ),
        _table(
            "contracts",
            "due_on",
            ("contract_id",),
            contract_id=_S,
            customer_id=_S,
            due_on=_D,
            renewed=_B,
        ),
        _table(
            "costs",
            "incurred_on",
            ("incurred_on", "amount"),
            incurred_on=_D,
            amount=_N,
            cost_type=_S,
            stage=_S,
            fixed=_B,
        ),
        _table("budgets", None, ("period", "amount"), period=_S, amount=_N, cost_type=_S, stage=_S),
        _table(
            "field_visits",
            "dispatched_at",
            ("visit_id",),
            visit_id=_S,
            ticket_id=_S,
            dispatched_at=_T,
            arrived_at=_T,
            fixed_first_visit=_B,
        ),
        _table("repairs", "repaired_at", ("repair_id",), repair_id=_S, unit_id=_S, repaired_at=_T),
        _table(
            "agents",
            None,
            ("agent_id",),
            agent_id=_S,
            period=_S,
            available_minutes=_N,
            handled_minutes=_N,
            trained=_B,
        ),
        _table(
            "ratings",
            None,
            ("indicator", "score"),
            indicator=_S,
            score=_N,
            rater=_S,
            period=_S,
            weight=_N,
            scale_max=_N,
        ),
        _table("cash_flows", None, ("period_index", "amount"), period_index=_N, amount=_N),
        _table(
            "installed_units",
            None,
            ("unit_id",),
            unit_id=_S,
            customer_id=_S,
            monitored=_B,
        ),
        _table(
            "self_service_sessions",
            "started_at",
            ("session_id", "started_at"),
            session_id=_S,
            started_at=_T,
            ticket_created=_B,
        ),
    )
}
"""Every canonical table by name."""

SEGMENT_SOURCE = "customers"
"""Tables without a segment column get it from this table through ``customer_id``."""
