"""Analyses the report shows beside the scored metrics, for the current period.

``value_pyramid`` (needs ``customers`` with ``annual_value``, and ``orders``)
    The customers active in the period (``created_at`` before its end, not churned before its
    start, ``annual_value`` known) ranked by ``customers.annual_value``, highest first, ties by
    ``customer_id``, into tiers A (the top 20 %), B (the next 30 %) and C (the bottom 50 %): a
    customer is in A when fewer than 20 % of the N ranked customers rank above them (0-based
    rank r < 0.2·N, so A holds ⌈0.2·N⌉ customers), else in B when r < 0.5·N. Per
    tier: its share of the ranked customers, of the revenue and margin of their orders placed
    in the period (``orders.amount``, ``orders.margin``), and the service cost of their tickets
    created in the period (Σ ``tickets.cost``; null without a ``tickets.cost`` column).
``cost_budget`` (needs ``costs`` and ``budgets``)
    Actual cost (cost lines incurred in the period) against budget (budget lines whose
    ``period`` is the period key, as ``budget_variance`` reads them), by ``cost_type`` (in the
    catalog's order) and by ``stage`` (largest actual first), each where both tables carry the
    column. Lines without a type or stage are shown as ``unassigned``; an item with budget but
    no cost lines has actual 0, an item with cost but no budget line has budget null.

Like the metrics, the work runs in the backend: a few grouped queries whose handful of rows
are finished in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import ibis
import ibis.expr.types as ir

from evalkit.compute.arrow import to_arrow
from evalkit.compute.protocol import ratio
from evalkit.compute.sources import CanonicalTable, Sources, open_tables
from evalkit.data.periods import Period
from evalkit.data.spec import DataSpec

TIERS: tuple[tuple[str, int], ...] = (("A 0–20 %", 20), ("B 20–50 %", 50), ("C 50–100 %", 100))
"""Tier label (the tier's band of the value ranking, readable in any report language) and the
cumulative percentage of ranked customers it ends at."""
COST_TYPES = ("labour", "logistics", "parts", "other")
UNASSIGNED = "unassigned"
ANALYSIS_TABLES = ("customers", "orders", "tickets", "costs", "budgets")
"""The canonical tables the analyses read."""


def compute_analyses(
    sources: Sources, data: DataSpec, opened: Mapping[str, CanonicalTable], current: Period
) -> dict[str, Any]:
    """Every analysis whose tables the spec's data has, keyed as ``Result.analyses``.

    ``opened`` are the tables the metrics already opened; the others are opened here.
    """
    wanted = {t: () for t in ANALYSIS_TABLES if t in data.sources and t not in opened}
    tables = {**opened, **open_tables(sources, data, wanted, ())}
    found: dict[str, Any] = {}
    pyramid = value_pyramid(tables, current)
    if pyramid is not None:
        found["value_pyramid"] = pyramid
    budget = cost_budget(tables, current)
    if budget is not None:
        found["cost_budget"] = budget
    return found


def value_pyramid(tables: Mapping[str, CanonicalTable], current: Period) -> dict[str, Any] | None:
    """Each value tier's share of customers, revenue and margin, and its service cost."""
    customers, orders = tables.get("customers"), tables.get("orders")
    if customers is None or orders is None or "annual_value" not in customers.expr.columns:
        return None
    lookup = _tier_lookup(customers.expr, current)
    counted = _fetch(lookup.group_by("tier").aggregate(customers=lookup.count()))
    if not counted:
        return None
    o = orders.expr
    sales = {"revenue": o.amount}
    if "margin" in o.columns:
        sales["margin"] = o.margin
    sold = _per_tier(o, _moved(lookup, customers, orders), o.ordered_at, current, sales)
    tickets = tables.get("tickets")
    cost: Mapping[int, Mapping[str, Any]] | None = None
    if tickets is not None and {"cost", "customer_id"} <= set(tickets.expr.columns):
        t = tickets.expr
        moved = _moved(lookup, customers, tickets)
        cost = _per_tier(t, moved, t.created_at, current, {"service_cost": t.cost})
    return {"tiers": _tiers(counted, sold, cost, has_margin="margin" in sales)}


def _tiers(
    counted: Mapping[int, Mapping[str, Any]],
    sold: Mapping[int, Mapping[str, Any]],
    cost: Mapping[int, Mapping[str, Any]] | None,
    has_margin: bool,
) -> list[dict[str, Any]]:
    """Each tier's shares of the totals over all tiers, and its service cost."""

    def share(rows: Mapping[int, Mapping[str, Any]], key: str, index: int) -> float | None:
        total = sum(_number(row.get(key)) for row in rows.values())
        return ratio(_number(rows.get(index, {}).get(key)), total)

    return [
        {
            "tier": label,
            "customers_share": share(counted, "customers", index),
            "revenue_share": share(sold, "revenue", index),
            "margin_share": share(sold, "margin", index) if has_margin else None,
            "service_cost": None
            if cost is None
            else _number(cost.get(index, {}).get("service_cost")),
        }
        for index, (label, _) in enumerate(TIERS)
    ]


def cost_budget(tables: Mapping[str, CanonicalTable], current: Period) -> dict[str, Any] | None:
    """Actual cost against budget in the period, by cost type and by stage."""
    costs, budgets = tables.get("costs"), tables.get("budgets")
    if costs is None or budgets is None:
        return None
    c, b = costs.expr, budgets.expr
    found: dict[str, Any] = {}
    for kind, column in (("by_type", "cost_type"), ("by_stage", "stage")):
        if column not in c.columns or column not in b.columns:
            continue
        actual = _sums(c, column, _within(c.incurred_on, current))
        budget = _sums(b, column, b.period == current.key)
        keys = _ordered(actual.keys() | budget.keys(), actual, column == "cost_type")
        if keys:
            found[kind] = [
                {"key": k, "actual": actual.get(k, 0.0), "budget": budget.get(k)} for k in keys
            ]
    return found or None


def _tier_lookup(c: ir.Table, current: Period) -> ir.Table:
    """``customer_id`` → tier index (0 = A) of the customers active in ``current``."""
    active = c.annual_value.notnull() & c.customer_id.notnull()
    if "created_at" in c.columns:
        active = active & (c.created_at.isnull() | (c.created_at < _at(current.end)))
    if "churned_at" in c.columns:
        active = active & (c.churned_at.isnull() | (c.churned_at >= _at(current.start)))
    ranked = c.filter(active).group_by("customer_id").aggregate(value=c.annual_value.max())
    ranked = ranked.mutate(
        rank=ibis.row_number().over(order_by=[ibis.desc("value"), "customer_id"]),
        ranked=ranked.count().over(),
    )
    tier: ir.IntegerValue = ibis.literal(len(TIERS) - 1)
    for index, (_, cumulative) in reversed(list(enumerate(TIERS[:-1]))):
        tier = (ranked["rank"] * 100 < ranked.ranked * cumulative).ifelse(index, tier)
    return ranked.select("customer_id", tier=tier)


def _moved(lookup: ir.Table, owner: CanonicalTable, target: CanonicalTable) -> ir.Table:
    """The lookup where ``target``'s query can join it (copied when on another backend)."""
    if owner.backend == target.backend:
        return lookup
    return ibis.memtable(to_arrow(lookup))


def _per_tier(
    table: ir.Table,
    lookup: ir.Table,
    attributed: ir.Value,
    current: Period,
    measures: Mapping[str, ir.NumericValue],
) -> dict[int, dict[str, Any]]:
    """Sums of ``measures`` over the rows in ``current``, per tier of the row's customer."""
    rows = table.filter(_within(attributed, current)).select(
        customer_id=table.customer_id, **measures
    )
    joined = rows.inner_join(lookup, "customer_id")
    return _fetch(joined.group_by("tier").aggregate(**{k: joined[k].sum() for k in measures}))


def _fetch(expr: ir.Table) -> dict[int, dict[str, Any]]:
    """The rows of a per-tier result by tier index."""
    return {int(row.pop("tier")): row for row in to_arrow(expr).to_pylist()}


def _sums(table: ir.Table, column: str, where: ir.BooleanValue) -> dict[str, float]:
    """Σ amount per value of ``column`` (null: ``unassigned``) over the rows where ``where``."""
    key = table[column].cast("string").fill_null(UNASSIGNED)
    rows = table.filter(where & table.amount.notnull())
    grouped = rows.group_by(key=key).aggregate(amount=rows.amount.sum())
    return {str(r["key"]): float(r["amount"]) for r in to_arrow(grouped).to_pylist()}


def _ordered(keys: Iterable[str], actual: Mapping[str, float], by_type: bool) -> list[str]:
    """Cost types in the catalog's order (others by name); stages by actual, largest first."""
    if by_type:
        rank = {t: i for i, t in enumerate(COST_TYPES)}
        return sorted(keys, key=lambda k: (k == UNASSIGNED, rank.get(k, len(rank)), k))
    return sorted(keys, key=lambda k: (k == UNASSIGNED, -actual.get(k, 0.0), k))


def _within(column: ir.Value, period: Period) -> ir.BooleanValue:
    """Whether ``column`` (timestamp or date) lies in ``period``; null is outside."""
    value = column.cast("timestamp")
    return ((value >= _at(period.start)) & (value < _at(period.end))).fill_null(False)


def _at(day: date) -> ir.TimestampValue:
    return ibis.literal(datetime.combine(day, datetime.min.time()))


def _number(value: Any) -> float:
    """A sum that matched no row (null) counts as 0."""
    return 0.0 if value is None else float(value)
