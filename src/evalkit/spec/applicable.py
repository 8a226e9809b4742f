"""Which metrics the client's data can feed: the others are *not applicable* or a problem.

A metric needs the tables and columns its definition reads. A table is available when
``data.sources`` maps it; a column when the source's headers hold it (headers are known only
once validate or run looked at the sources) or when it can be joined from ``customers`` through
``customer_id``, as segments are. A metric that lacks something is *not applicable* — left out
with its weight — when it comes from a preset, or when no criterion uses it (such a metric
needs no columns); ``scoring.missing: fail`` makes a preset's metric strict again. A metric the
spec itself declares and a criterion uses must run: what it lacks is an error.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from evalkit.data.canonical import SEGMENT_SOURCE, TABLES
from evalkit.data.spec import DataSpec
from evalkit.data.where import filter_columns
from evalkit.errors import Problem
from evalkit.location import LocatedDocument
from evalkit.registry import MetricRegistry
from evalkit.spec.criteria import localized

NO_TABLE = "table_not_mapped"
NO_COLUMN = "column_not_found"


@dataclass(frozen=True)
class NotApplicable:
    """A metric left out because the data lacks what it reads."""

    metric: str
    title: Mapping[str, str]
    reason: str
    """``table_not_mapped`` (a table is not in data.sources) or ``column_not_found``."""
    missing: tuple[str, ...]
    """What it lacks, as ``table.column``."""

    def to_json(self) -> dict[str, Any]:
        """The entry of result.json's ``not_applicable`` list."""
        return {
            "metric": self.metric,
            "title": dict(self.title),
            "reason": self.reason,
            "missing": list(self.missing),
        }

    def describe(self) -> str:
        """One line for validate and logs."""
        tables = sorted({m.split(".")[0] for m in self.missing})
        if self.reason == NO_TABLE:
            why = f"data.sources has no {' or '.join(tables)} table"
        else:
            why = f"the data has no column {', '.join(self.missing)}"
        return f"metric '{self.metric}' is not applicable: {why}; left out with its weight"


@dataclass(frozen=True)
class Applicability:
    """The metrics left out, and the problems of the metrics that must run."""

    not_applicable: tuple[NotApplicable, ...]
    problems: tuple[Problem, ...]


def assess(
    doc: LocatedDocument,
    registry: MetricRegistry,
    data: DataSpec,
    headers: Mapping[str, Collection[str]] | None,
    preset_metrics: Collection[str],
    strict: bool,
) -> Applicability:
    """What each metric instance of ``doc`` lacks in ``data`` (``headers``: None = not looked)."""
    raw = doc.data.get("metrics")
    used = _used_metrics(doc.data.get("criteria"))
    look = _Look(data, headers or {})
    left_out: list[NotApplicable] = []
    needed_by: dict[tuple[str, str], list[str]] = defaultdict(list)
    """Column → every metric that reads it (for messages)."""
    must_run: dict[tuple[str, str], None] = {}
    """Columns that a metric which must run lacks (errors), in the order found."""
    for instance_id, body in raw.items() if isinstance(raw, Mapping) else ():
        body = body if isinstance(body, Mapping) else {}
        definition = registry.metrics.get(str(body.get("metric", instance_id)))
        if definition is None or "values" in body:
            continue  # instances.py reports an unknown metric; entered values need no data
        params = body.get("params")
        reads = definition.columns_for(params if isinstance(params, Mapping) else {})
        no_table = [f"{t}.{c}" for t, cols in reads.items() if t not in data.sources for c in cols]
        no_column = [
            (t, c)
            for t, cols in reads.items()
            if t in data.sources
            for c in cols
            if not look.has(t, c)
        ]
        if not no_table and not no_column:
            continue
        lenient = instance_id not in used or (instance_id in preset_metrics and not strict)
        where = (
            f"criterion '{used[instance_id]}'" if instance_id in used else "used by no criterion"
        )
        for key in no_column:
            needed_by[key].append(f"'{instance_id}' ({where})")
            if not lenient:
                must_run[key] = None
        if lenient:
            reason, missing = (
                (NO_TABLE, no_table)
                if no_table
                else (NO_COLUMN, [f"{t}.{c}" for t, c in no_column])
            )
            title = localized(body.get("title") or definition.title, definition.id)
            left_out.append(NotApplicable(str(instance_id), title, reason, tuple(missing)))
    problems = [
        look.missing(t, c, needed_by[(t, c)])
        for t, c in must_run
        if c not in data.sources[t].columns  # a mapped header: unmapped_headers says it
    ]
    problems += look.unmapped_headers(needed_by)
    problems += look.filter_columns()
    return Applicability(tuple(left_out), tuple(problems))


def _used_metrics(nodes: Any) -> dict[str, str]:
    """Metric instance → the criterion whose ``metrics:`` lists it."""
    used: dict[str, str] = {}
    if not isinstance(nodes, Mapping):
        return used
    for cid, node in nodes.items():
        if not isinstance(node, Mapping):
            continue
        if isinstance(node.get("metrics"), list):
            used.update({str(m): str(cid) for m in node["metrics"]})
        used.update(_used_metrics(node.get("criteria")))
    return used


class _Look:
    """Columns of the sources as their headers show them."""

    def __init__(self, data: DataSpec, headers: Mapping[str, Collection[str]]) -> None:
        self.data = data
        self.headers = headers

    def _in_source(self, table: str, column: str) -> bool:
        found = self.headers.get(table)
        return found is None or self.data.sources[table].header_for(column) in found

    def has(self, table: str, column: str) -> bool:
        """Whether ``table`` has ``column``, in its source or joined from customers."""
        if self._in_source(table, column):
            return True
        return (
            table != SEGMENT_SOURCE
            and SEGMENT_SOURCE in self.data.sources
            and column in TABLES[SEGMENT_SOURCE].columns
            and column != "customer_id"
            and self._in_source(table, "customer_id")
            and self._in_source(SEGMENT_SOURCE, column)
        )

    def missing(self, table: str, column: str, metrics: list[str]) -> Problem:
        """The problem of a column that metrics which must run need and the source lacks."""
        source = self.data.sources[table]
        header = source.header_for(column)
        return Problem(
            f"{source.shown_table}: no column '{header}' for {table}.{column}, needed by metric "
            f"{', '.join(metrics)}{_closest(header, self.headers[table])}; map it under "
            f"data.sources.{table}.columns",
            self.data.columns_location.get(table, source.location),
        )

    def filter_columns(self) -> list[Problem]:
        """A column that a source's ``where:`` reads and its headers lack."""
        problems = []
        for table, source in self.data.sources.items():
            found = self.headers.get(table)
            for column in filter_columns(source.where):
                header = source.header_for(column)
                if found is not None and header not in found and column not in source.columns:
                    problems.append(
                        Problem(
                            f"{source.shown_table}: no column '{header}' for {table}.{column}, "
                            f"which where: reads{_closest(header, found)}",
                            source.location,
                        )
                    )
        return problems

    def unmapped_headers(self, needed_by: Mapping[tuple[str, str], list[str]]) -> list[Problem]:
        """A ``columns:`` (or ``extra_columns:``) mapping that names a header the source does not
        have, with the metrics that need the column."""
        problems = []
        for table, source in self.data.sources.items():
            found = self.headers.get(table)
            for column, header in source.columns.items():
                if found is not None and header not in found:
                    metrics = needed_by.get((table, column))
                    needed = f", needed by metric {', '.join(metrics)}" if metrics else ""
                    problems.append(
                        Problem(
                            f"{source.shown_table}: no column '{header}' for {table}.{column}"
                            f"{needed}{_closest(header, found)}",
                            source.column_locations.get(column, source.location),
                        )
                    )
        return problems


def _closest(header: str, present: Collection[str]) -> str:
    close = difflib.get_close_matches(header, list(present), n=1, cutoff=0.4)
    listed = ", ".join(f"'{h}'" for h in present)
    hint = f"; closest header: '{close[0]}'" if close else ""
    return f" (headers: {listed}){hint}"
