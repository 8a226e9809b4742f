"""An Ibis expression's result as Arrow, without importing pandas.

Ibis 12's ``to_pyarrow`` on DuckDB loads its result converters, whose module imports pandas
(0.14 s of a run that never needs it: General metrics, the analyses and a segment looked up
through the customers all read Arrow). On DuckDB the same relation ``to_pyarrow`` reads is
read here and typed by the expression's schema as ``to_pyarrow`` does, with Ibis's default
Arrow conversion instead of its DuckDB one (which differs for columns of null type only);
other backends keep ``to_pyarrow``.
"""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir


def to_arrow(expr: ir.Expr) -> Any:
    """What ``expr.to_pyarrow()`` gives: a ``pyarrow.Table`` for a table, a ``ChunkedArray``
    for a column, a ``Scalar`` for a scalar."""
    backend = expr.get_backend()
    if backend.name != "duckdb":
        return expr.to_pyarrow()
    table = backend._to_duckdb_relation(expr).to_arrow_table()
    return expr.__pyarrow_result__(table)
