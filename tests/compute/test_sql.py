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

ROWS = [(1.0, True, 1), (2.0, True, 1), (None, True, 1), (4.0, None, 1), (10.0, False, 1)]
# group 2: no condition true or false; group 3: only false
OTHER_GROUPS = [(5.0, None, 2), (6.0, None, 2), (7.0, False, 3)]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (a DOUBLE, c BOOLEAN, g INTEGER)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?)", [*ROWS, *OTHER_GROUPS])
    return con


T = ibis.table({"a": "float64", "c": "boolean", "g": "int32"}, name="t")


def _rewritten(expr: ibis.Table) -> str:
    from ibis.backends.sql.compilers.duckdb import compiler

    select = compiler.to_sqlglot(expr)
    assert isinstance(select, sge.Select)
    sql = _without_filters(select).sql("duckdb")
    assert "FILTER" not in sql
    return sql


def _measures(t: ibis.Table) -> dict[str, ibis.Scalar]:
    where = t.c
    return {
        "n": t.count(where=where),
        "mean": t.a.mean(where=where),
        "total": t.a.sum(where=where),
        "median": t.a.quantile(0.5, where=where),
        "distinct": t.a.nunique(where=where),
        "low": t.a.min(where=where),
        "high": t.a.max(where=where),
        # the same column in two aggregates: Ibis's tree shares the column node
        "again": t.a.mean(where=t.a > 1),
    }


def test_filtered_aggregates_keep_their_values(con: duckdb.DuckDBPyConnection) -> None:
    one = T.filter(T.g == 1)
    sql = _rewritten(one.aggregate(**_measures(one)))
    assert "COUNT_IF" in sql
    row = con.execute(sql).fetchone()
    assert row == (3, 1.5, 3.0, 1.5, 2, 1.0, 2.0, 16 / 3)  # again: mean of 2, 4, 10


def test_a_group_without_a_true_condition_counts_zero(con: duckdb.DuckDBPyConnection) -> None:
    """Group 2's conditions are all NULL, group 3's false: counts 0, the rest NULL — what
    ``FILTER`` gives (``COUNT_IF`` alone gives NULL for group 2)."""
    others = T.filter(T.g > 1)
    sql = _rewritten(others.group_by("g").aggregate(**_measures(others)).order_by("g"))
    empty = (0, None, None, None, 0, None, None)
    assert con.execute(sql).fetchall() == [(2, *empty, 5.5), (3, *empty, 7.0)]


def test_no_rows_at_all_count_zero(con: duckdb.DuckDBPyConnection) -> None:
    none = T.filter(T.g > 9)
    sql = _rewritten(none.aggregate(**_measures(none)))
    assert con.execute(sql).fetchone() == (0, None, None, None, 0, None, None, None)


def test_an_aggregate_used_twice_is_rewritten_in_both_places(
    con: duckdb.DuckDBPyConnection,
) -> None:
    one = T.filter(T.g == 1)
    counted = one.count(where=one.c)
    sql = _rewritten(one.aggregate(n=counted, both=one.a.sum(where=one.c) + counted))
    assert sql.count("COALESCE(COUNT_IF(") == 2
    assert 'CASE WHEN "t0"."c" THEN CASE' not in sql
    assert con.execute(sql).fetchone() == (3, 6.0)


def test_an_aggregate_that_keeps_nulls_keeps_its_filter(con: duckdb.DuckDBPyConnection) -> None:
    select = sge.select("LIST(a ORDER BY a) FILTER (WHERE c)").from_("t").where("g = 1")
    sql = _without_filters(select).sql("duckdb")
    assert "FILTER" in sql
    assert con.execute(sql).fetchone() == ([None, 1.0, 2.0],)  # NULLS FIRST: the default
