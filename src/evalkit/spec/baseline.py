"""A warning for metrics that cannot have a value in a go-live baseline window.

Tables kept by period (``agents``, ``budgets``, ``ratings``: one row per agent, budget line or
rating per period key such as ``2025Q4``) have rows for whole periods only. With
``evaluation.baseline: window`` (the default) the baseline is the stretch of the period's
length just before go-live, e.g. 2025-10-15 – 2026-01-15: no period key names it, so a metric
reading such a table has no baseline value. The warning says so, and how to compare with the
last whole period before go-live instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from evalkit.data.periods import baseline_window, parse_period
from evalkit.errors import Problem
from evalkit.location import LocatedDocument
from evalkit.spec.model import Evaluation, MetricInstance

PERIOD_KEY = "period"
"""The column of a table kept by period: the key of the period a row belongs to."""


def baseline_warnings(
    doc: LocatedDocument, evaluation: Evaluation, instances: Mapping[str, MetricInstance]
) -> list[Problem]:
    """The warning, when the baseline is compared as a window and a metric reads a period key."""
    if (
        "baseline" not in evaluation.compare
        or evaluation.baseline_mode != "window"
        or evaluation.go_live is None
    ):
        return []
    keyed = {
        instance_id: sorted(t for t, cols in columns.items() if PERIOD_KEY in cols)
        for instance_id, instance in instances.items()
        if instance.entered is None  # a manual KPI's values are entered, baseline included
        and (columns := instance.definition.columns_for(instance.params))
        and any(PERIOD_KEY in cols for cols in columns.values())
    }
    if not keyed:
        return []
    tables = sorted({t for found in keyed.values() for t in found})
    window, instead = "the baseline window", "the last whole period before go-live"
    if evaluation.period:
        try:
            current = parse_period(evaluation.period, evaluation.fiscal_year_start)
        except ValueError:
            pass  # reported where the period is checked
        else:
            go_live, start = evaluation.go_live, evaluation.fiscal_year_start
            window = (
                f"the baseline window {baseline_window(current, go_live, 'window', start).label}"
            )
            instead = baseline_window(current, go_live, "period", start).key
    metrics = ", ".join(f"'{i}'" for i in keyed)
    held = ", ".join(f"{t}.{PERIOD_KEY}" for t in tables)
    reads, they, them = ("reads", "it", "it") if len(keyed) == 1 else ("read", "they", "them")
    compare = doc.keys.get(("evaluation", "compare")) or doc.where_key(("evaluation",))
    return [
        Problem(
            f"{metrics} {reads} rows kept by period ({held}), and {window} is no period: "
            f"{they} will have no baseline value; set 'baseline: period' under evaluation to "
            f"compare {them} (and every metric) with {instead}",
            compare,
            "warning",
        )
    ]
