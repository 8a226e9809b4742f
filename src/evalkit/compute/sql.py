"""What Ibis cannot say: the windows relation joined to a table, and ``GROUPING SETS``.

DuckDB, PostgreSQL and Spark all run ``GROUP BY GROUPING SETS ((w), (w, a), (w, b))`` in one
pass over the input and join a ``VALUES`` relation by range; Ibis has neither, so the grouped
aggregate Ibis compiles (over a placeholder table with the window columns) is rewritten with
sqlglot: the placeholder becomes the table joined to the windows, the ``GROUP BY`` becomes
grouping sets, and the statement runs on the table's backend through its DB-API cursor
(``Backend.sql`` of Ibis 12 cannot describe a query on DuckDB 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import ibis.expr.types as ir
import sqlglot.expressions as sge

WINDOW_COLUMNS = ("__w", "__ws", "__we", "__wd", "__wf")
"""id, start, end, day, first: the columns of the windows relation (see ``fused.py``)."""
JOINED = "__evalkit_rows"
"""The placeholder table the grouped aggregate reads: the table joined to the windows."""


@dataclass(frozen=True)
class WindowRow:
    """One row of the windows relation: a window, or one day of it."""

    id: int
    start: date
    end: date
    day: date | None
    """The day a row's period column falls on (``None``: the relation has one row per window)."""
    first: bool
    """Whether this is the first window holding the day (one copy of each source row has it)."""


@dataclass(frozen=True)
class Windows:
    """The windows relation and how the table's rows meet it."""

    rows: tuple[WindowRow, ...]
    column: str | None
    """The column whose day is joined to the rows' (``None``: every row meets every window)."""
    keep_unmatched: bool
    """Keep the rows in no window, with a null window (a left join), for whole-table counts."""


def grouped_rows(
    table: ir.Table,
    part: ir.Table,
    keys: Sequence[str],
    fixed: Sequence[str],
    windows: Windows | None,
    rollup: bool = True,
    accuracy: int | None = None,
) -> list[dict[str, Any]]:
    """The rows of the aggregate ``part`` (grouped by ``fixed`` then ``keys``), over the
    grouping sets ``(fixed)`` (unless not ``rollup``) and ``(fixed, key)`` for each key, on
    ``table``'s backend. ``accuracy``: given to each approximate percentile (Spark's
    ``approx_percentile``, which Ibis writes without it).

    ``part`` reads ``table`` itself, or (``windows`` given) the placeholder ``JOINED``: the
    table joined to the windows relation. Each row has ``_g<i>`` = ``GROUPING(keys[i])`` (0 in
    the rows of key ``i``'s set, 1 where it is rolled up), so a null key value is told apart
    from the overall row.
    """
    backend = table.get_backend()
    # what Ibis does before it executes an expression: upload the in-memory tables it reads
    backend._run_pre_execute_hooks(part)
    select = backend.compiler.to_sqlglot(part)
    if not isinstance(select, sge.Select):
        raise TypeError(f"expected a SELECT for the grouped query, got {type(select).__name__}")
    if accuracy is not None:
        _with_accuracy(select, accuracy)
    if backend.name == "duckdb":
        select = _without_filters(select)
    sql = _grouping_sets(select, keys, fixed, rollup).sql(backend.dialect)
    if windows is not None:
        placeholder = _quoted(JOINED, backend.dialect)
        source = backend.compiler.to_sqlglot(table).sql(backend.dialect)
        sql = sql.replace(placeholder, f"({_joined(source, windows, backend.dialect)})")
    return _fetch(backend, sql)


def _quoted(name: str, dialect: Any) -> str:
    return str(sge.to_identifier(name, quoted=True).sql(dialect))


def _joined(table: str, windows: Windows, dialect: Any) -> str:
    """``SELECT t.*, w.* FROM (table) t [LEFT] JOIN (VALUES …) w ON CAST(t.column AS DATE) =
    w.day`` (``CROSS JOIN`` without a column): an equality join on a relation of a few hundred
    rows is a hash join, where a range join would sort the table.

    Written as text, in the SQL every target shares (typed ``DATE``/``TIMESTAMP`` literals,
    ``VALUES`` with column aliases): a few hundred rows built as sqlglot nodes cost 0.3 s.
    """
    rows = ", ".join(
        f"({r.id}, {_timestamp(r.start)}, {_timestamp(r.end)}, {_day(r.day)}, "
        f"{'TRUE' if r.first else 'FALSE'})"
        for r in windows.rows
    )
    names = ", ".join(_quoted(c, dialect) for c in WINDOW_COLUMNS)
    values = f"(VALUES {rows}) AS w({names})"
    query = f"SELECT t.*, w.* FROM ({table}) AS t"
    if windows.column is None:
        return f"{query} CROSS JOIN {values}"
    column = f"t.{_quoted(windows.column, dialect)}"
    on = f"CAST({column} AS DATE) = w.{_quoted(WINDOW_COLUMNS[3], dialect)}"
    if windows.keep_unmatched:
        return f"{query} LEFT JOIN {values} ON {on}"
    # the span of the windows, which the database can push into the scan (Parquet row groups)
    start = _timestamp(min(r.start for r in windows.rows))
    end = _timestamp(max(r.end for r in windows.rows))
    return f"{query} JOIN {values} ON {on} WHERE {column} >= {start} AND {column} < {end}"


def _timestamp(day: date) -> str:
    return f"TIMESTAMP '{day.isoformat()} 00:00:00'"


def _day(day: date | None) -> str:
    return "CAST(NULL AS DATE)" if day is None else f"DATE '{day.isoformat()}'"


def _with_accuracy(select: sge.Select, accuracy: int) -> None:
    for node in select.find_all(sge.ApproxQuantile):
        node.set("accuracy", sge.Literal.number(accuracy))
    for call in select.find_all(sge.Anonymous):
        if str(call.this).lower() == "approx_percentile" and len(call.expressions) == 2:
            call.append("expressions", sge.Literal.number(accuracy))


SKIPS_NULLS = (
    sge.Avg,
    sge.Sum,
    sge.Count,
    sge.Min,
    sge.Max,
    sge.PercentileCont,
    sge.PercentileDisc,
    sge.ApproxQuantile,
    sge.Median,
    sge.Stddev,
    sge.StddevSamp,
    sge.StddevPop,
    sge.Variance,
    sge.VariancePop,
)
"""Aggregates of one value that leave its nulls out (``COUNT(x)``, not ``COUNT(*)``)."""


def _without_filters(select: sge.Select) -> sge.Select:
    """``select`` with each ``AGG(x) FILTER (WHERE c)`` of an aggregate that skips nulls
    written ``AGG(CASE WHEN c THEN x END)``, and each ``COUNT(*) FILTER (WHERE c)`` written
    ``COALESCE(COUNT_IF(c), 0)`` (``COUNT_IF`` of no true-or-false condition is null where the
    count is 0): the same values, where DuckDB evaluates each aggregate's ``FILTER`` as a
    selection of its own, which at 20 aggregates cost a third of the grouped scan
    (benchmarks/README.md). A copy of the tree is rewritten (Ibis's tree shares nodes, so
    each occurrence is rewritten on its own)."""

    def rewrite(node: sge.Expression) -> sge.Expression:
        if not isinstance(node, sge.Filter):
            return node
        aggregate, condition = node.this.copy(), node.expression.this.copy()
        if isinstance(aggregate, sge.Count) and isinstance(aggregate.this, sge.Star):
            return sge.Coalesce(
                this=sge.CountIf(this=condition), expressions=[sge.Literal.number(0)]
            )
        if not isinstance(aggregate, SKIPS_NULLS):
            return node
        holder = aggregate.this if isinstance(aggregate.this, sge.Distinct) else aggregate
        if holder is aggregate:
            aggregate.set("this", sge.If(this=condition, true=aggregate.this))
        else:
            first, *rest = holder.expressions
            holder.set("expressions", [sge.If(this=condition, true=first), *rest])
        return aggregate

    rewritten = select.transform(rewrite)
    assert isinstance(rewritten, sge.Select)
    return rewritten


def _grouping_sets(
    select: sge.Select, keys: Sequence[str], fixed: Sequence[str], rollup: bool
) -> sge.Select:
    if not keys:
        return select
    width = len(fixed) + len(keys)
    columns = [select.expressions[i].unalias() for i in range(width)]
    common = columns[: len(fixed)]
    sets = [
        *([sge.Tuple(expressions=[c.copy() for c in common])] if rollup else []),
        *(
            sge.Tuple(expressions=[*(c.copy() for c in common), c.copy()])
            for c in columns[len(fixed) :]
        ),
    ]
    select.set("group", sge.Group(expressions=[sge.GroupingSets(expressions=sets)]))
    flags = [
        sge.alias_(sge.Anonymous(this="GROUPING", expressions=[c.copy()]), f"_g{i}", quoted=True)
        for i, c in enumerate(columns[len(fixed) :])
    ]
    select.set("expressions", [*select.expressions, *flags])
    return select


def _fetch(backend: Any, sql: str) -> list[dict[str, Any]]:
    cursor = backend.raw_sql(sql)
    if backend.name == "pyspark":
        from evalkit.compute.spark import fetch

        return fetch(cursor)
    try:
        names = [str(column[0]) for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        if cursor is not getattr(backend, "con", None):  # DuckDB hands back its connection
            cursor.close()
