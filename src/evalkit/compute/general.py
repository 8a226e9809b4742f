"""Run a metric of the general form: its own function over the canonical tables."""

from __future__ import annotations

from collections.abc import Mapping

from evalkit.compute.arrow import to_arrow
from evalkit.compute.outcome import ComputeRequest, LedgerEntry, MetricOutcome, MetricRequest
from evalkit.compute.protocol import General, GeneralContext
from evalkit.compute.sources import CanonicalTable, raise_for_tables
from evalkit.data.credentials import described


def run_general(
    metric: MetricRequest, tables: Mapping[str, CanonicalTable], request: ComputeRequest
) -> tuple[MetricOutcome, list[LedgerEntry]]:
    """The metric's values, or its error; the rows it left out as ledger entries."""
    computation: General = metric.definition.computation
    context = GeneralContext(
        tables={name: t.expr for name, t in tables.items() if name in computation.tables},
        windows=request.windows,
        params=metric.params,
        segments=request.segments,
        execute=to_arrow,
    )
    try:
        result = computation.compute(context)
    except Exception as exc:
        raise_for_tables([tables[n] for n in computation.tables if n in tables], exc)
        return MetricOutcome(metric.instance_id, {}, error=described(exc)), []
    table = computation.tables[0] if computation.tables else ""
    entries = [
        LedgerEntry(table, metric.instance_id, reason, rows)
        for reason, rows in result.ledger.items()
        if rows
    ]
    segments = {dim: {v: dict(w) for v, w in vals.items()} for dim, vals in result.segments.items()}
    outcome = MetricOutcome(
        metric.instance_id,
        dict(result.values),
        segments,
        details=dict(result.details),
        samples=dict(result.samples),
    )
    return outcome, entries
