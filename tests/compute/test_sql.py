"""The grouped statement's rewrite for DuckDB: filtered aggregates as aggregates of a CASE.

Values over a = 1, 2, NULL, 4, 10 with the condition c = true, true, true, NULL, false: the rows
kept are the first three (a NULL condition keeps no row), whose non-null values are 1 and 2.
"""

from __future__ import annotations

import duckdb
import ibis
import pytest
import sqlglot.expressions as sge

from evalkit.compute.sql import _without_filters

ROWS = [(1.0, True), (2.0, True), (None, True), (4.0, None), (10.0, False)]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (a DOUBLE, c BOOLEAN)")
    con.executemany("INSERT INTO t VALUES (?, ?)", ROWS)
    return con


def _compiled(expr: ibis.Table) -> sge.Select:
    from ibis.backends.sql.compilers.duckdb import compiler

    select = compiler.to_sqlglot(expr)
    assert isinstance(select, sge.Select)
    return select


def test_filtered_aggregates_keep_their_values(con: duckdb.DuckDBPyConnection) -> None:
    t = ibis.table({"a": "float64", "c": "boolean"}, name="t")
    where = t.c
    expr = t.aggregate(
        n=t.count(where=where),
        mean=t.a.mean(where=where),
        total=t.a.sum(where=where),
        median=t.a.quantile(0.5, where=where),
        distinct=t.a.nunique(where=where),
        low=t.a.min(where=where),
        high=t.a.max(where=where),
        # the same column in two aggregates: Ibis's tree shares the column node
        again=t.a.mean(where=t.a > 1),
    )
    select = _compiled(expr)
    _without_filters(select)
    sql = select.sql("duckdb")
    assert "FILTER" not in sql
    assert "COUNT_IF" in sql
    row = con.execute(sql).fetchone()
    assert row == (3, 1.5, 3.0, 1.5, 2, 1.0, 2.0, 16 / 3)  # again: mean of 2, 4, 10


def test_an_aggregate_that_keeps_nulls_keeps_its_filter(con: duckdb.DuckDBPyConnection) -> None:
    select = sge.select("LIST(a ORDER BY a) FILTER (WHERE c)").from_("t")
    _without_filters(select)
    sql = select.sql("duckdb")
    assert "FILTER" in sql
    assert con.execute(sql).fetchone() == ([None, 1.0, 2.0],)  # NULLS FIRST: the default
