"""What Ibis cannot say: aggregates by ``GROUPING SETS``, joined into one statement.

DuckDB, PostgreSQL and Spark all run ``GROUPING SETS ((), (a), (b))`` in one pass over the
input; Ibis has no such operation, so each grouped aggregate Ibis compiles is rewritten with
sqlglot, the parts are joined on their grouping keys into one statement, and the statement runs
on the same backend through its DB-API cursor (``Backend.sql`` of Ibis 12 cannot describe a
query on DuckDB 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis.expr.types as ir
import sqlglot.expressions as sge


def fused_rows(parts: Sequence[ir.Table], keys: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of the aggregates ``parts`` (each grouped by ``keys``, all on one backend) over
    ``()`` and each key alone, side by side.

    Each row has ``_g<i>`` = ``GROUPING(keys[i])`` (0 in the rows of key ``i``'s set, 1 where it
    is rolled up), so a null key value is told apart from the overall row.
    """
    backend = parts[0].get_backend()
    selects = [_grouping_sets(backend.compiler.to_sqlglot(part), keys) for part in parts]
    flags = [f"_g{i}" for i in range(len(keys))]
    names = [f"_p{i}" for i in range(len(selects))]
    columns = [sge.column(c, table=names[0], quoted=True) for c in [*keys, *flags]]
    query = sge.select(*columns)
    for name, select in zip(names, selects, strict=True):
        measures = [c for c in select.named_selects if c not in keys and c not in flags]
        query = query.select(
            *(sge.column(c, table=name, quoted=True) for c in measures), copy=False
        )
        query = query.with_(sge.to_identifier(name, quoted=True), as_=select, copy=False)
    query = query.from_(sge.to_identifier(names[0], quoted=True), copy=False)
    for name in names[1:]:
        same = [_same(names[0], name, c) for c in [*keys, *flags]]
        on = sge.and_(*same) if same else None
        query = query.join(
            sge.to_identifier(name, quoted=True),
            on=on,
            join_type="cross" if on is None else "inner",
            copy=False,
        )
    return _fetch(backend, query.sql(backend.dialect))


def _grouping_sets(select: sge.Expression, keys: Sequence[str]) -> sge.Select:
    if not isinstance(select, sge.Select):
        raise TypeError(f"expected a SELECT for the grouped query, got {type(select).__name__}")
    if not keys:
        return select
    columns = [select.expressions[i].unalias() for i in range(len(keys))]
    sets = [sge.Tuple(), *(sge.Tuple(expressions=[c.copy()]) for c in columns)]
    select.set("group", sge.Group(expressions=[sge.GroupingSets(expressions=sets)]))
    flags = [
        sge.alias_(sge.Anonymous(this="GROUPING", expressions=[c.copy()]), f"_g{i}", quoted=True)
        for i, c in enumerate(columns)
    ]
    select.set("expressions", [*select.expressions, *flags])
    return select


def _same(left: str, right: str, column: str) -> sge.Expression:
    """``left.column IS NOT DISTINCT FROM right.column`` (null segment values match)."""
    return sge.NullSafeEQ(
        this=sge.column(column, table=left, quoted=True),
        expression=sge.column(column, table=right, quoted=True),
    )


def _fetch(backend: Any, sql: str) -> list[dict[str, Any]]:
    cursor = backend.raw_sql(sql)
    try:
        names = [str(column[0]) for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        if cursor is not getattr(backend, "con", None):  # DuckDB hands back its connection
            cursor.close()
