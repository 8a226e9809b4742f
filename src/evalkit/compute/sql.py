"""What Ibis cannot say: a grouped aggregate as ``GROUP BY GROUPING SETS``.

DuckDB, PostgreSQL and Spark all run ``GROUPING SETS ((), (a), (b))`` in one pass over the
input; Ibis has no such operation, so the grouped query Ibis compiles is rewritten with sqlglot
and run on the same backend as SQL (through its DB-API cursor: ``Backend.sql`` of Ibis 12
cannot describe a query on DuckDB 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis.expr.types as ir
import sqlglot.expressions as sge


def grouping_sets_rows(grouped: ir.Table, keys: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of ``grouped`` (an aggregate grouped by ``keys``) over ``()`` and each key alone.

    Adds ``_g<i>`` = ``GROUPING(keys[i])`` (0 in the rows of key ``i``'s set, 1 where it is
    rolled up), so a null key value is told apart from the overall row.
    """
    backend = grouped.get_backend()
    select = backend.compiler.to_sqlglot(grouped)  # type: ignore[attr-defined]
    if not isinstance(select, sge.Select):
        raise TypeError(f"expected a SELECT for the grouped query, got {type(select).__name__}")
    columns = [select.expressions[i].unalias() for i in range(len(keys))]
    sets = [sge.Tuple(), *(sge.Tuple(expressions=[c.copy()]) for c in columns)]
    select.set("group", sge.Group(expressions=[sge.GroupingSets(expressions=sets)]))
    flags = [
        sge.alias_(sge.Anonymous(this="GROUPING", expressions=[c.copy()]), f"_g{i}", quoted=True)
        for i, c in enumerate(columns)
    ]
    select.set("expressions", [*select.expressions, *flags])
    cursor = backend.raw_sql(select.sql(backend.dialect))  # type: ignore[attr-defined]
    try:
        names = [str(column[0]) for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        if cursor is not getattr(backend, "con", None):  # DuckDB hands back its connection
            cursor.close()
